// Discord application commands generated from the registry (src/commands/registry.ts): each
// command's zod fields become typed options (strings with autocomplete where the field completes
// actors, phases or stories; integers with their bounds), descriptions cut to Discord's 100
// characters, required options first. Commands that change things (`admin`) get Manage Server as
// their default member permission; the bot checks it again at run time.
import { ApplicationCommandOptionType, ApplicationCommandType, PermissionFlagsBits, type RESTPostAPIApplicationCommandsJSONBody, type APIApplicationCommandOption } from 'discord.js';
import { fields, type FieldInfo } from '../../commands/args.js';
import type { CommandDef } from '../../commands/command.js';
import { commands as registry } from '../../commands/registry.js';
import { cutText } from '../../render/discord/escape.js';

/** The message context-menu command: briefs the links of a message. */
export const BRIEF_LINK_COMMAND = 'Brief this link';

/** Discord's option name for a field: lower case, `_` for camelCase humps (at most 32). */
export function optionName(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`).slice(0, 32);
}

const desc = (text: string): string => cutText(text.replace(/\s+/g, ' ').trim(), 100, '…');

function option(f: FieldInfo): APIApplicationCommandOption {
  const base = { name: optionName(f.key), description: desc(f.meta.description), required: !f.optional };
  switch (f.meta.kind) {
    case 'id':
      return { ...base, type: ApplicationCommandOptionType.Integer, min_value: 1 };
    case 'count':
      return { ...base, type: ApplicationCommandOptionType.Integer, min_value: 1, ...(f.max !== undefined ? { max_value: f.max } : {}) };
    case 'duration':
      return { ...base, type: ApplicationCommandOptionType.String, max_length: 20 };
    case 'words':
    case 'text':
      return { ...base, type: ApplicationCommandOptionType.String, max_length: 400, ...(f.meta.complete ? { autocomplete: true } : {}) };
  }
}

export function slashCommand(def: CommandDef): RESTPostAPIApplicationCommandsJSONBody {
  const opts = fields(def.args).map(option);
  // Discord wants the required options before the optional ones.
  opts.sort((a, b) => Number(Boolean(b.required)) - Number(Boolean(a.required)));
  return {
    type: ApplicationCommandType.ChatInput,
    name: def.name,
    description: desc(def.description),
    options: opts,
    ...(def.admin ? { default_member_permissions: String(PermissionFlagsBits.ManageGuild) } : {}),
    // Servers only: per-channel settings and Manage Server need a guild.
    contexts: [0],
  };
}

/** Every command the bot answers, as `PUT /applications/:id/commands` takes them. */
export function discordCommands(defs: readonly CommandDef[] = registry): RESTPostAPIApplicationCommandsJSONBody[] {
  return [...defs.map(slashCommand), { type: ApplicationCommandType.Message, name: BRIEF_LINK_COMMAND, contexts: [0] }];
}

/**
 * What the bot needs in a channel: see it, post in it, and show embeds (scheduled digests post
 * there; answers to commands go through the interaction webhook and need none of these).
 */
export const BOT_PERMISSIONS = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks;

/** The invite URL: exactly the scopes `bot applications.commands` and BOT_PERMISSIONS. */
export function inviteUrl(applicationId: string): string {
  const q = new URLSearchParams({ client_id: applicationId, scope: 'bot applications.commands', permissions: String(BOT_PERMISSIONS) });
  return `https://discord.com/oauth2/authorize?${q.toString().replace(/\+/g, '%20')}`;
}
