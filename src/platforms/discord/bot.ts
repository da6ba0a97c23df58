// The Discord bot: the real discord.js Client on the gateway, answering INTERACTION_CREATE from
// the registry. Chat-input commands: arguments read from the typed options and checked by the
// same parser as every surface; slow commands deferred at once (type 5) and edited when ready,
// the others answered directly when they finish within DEFER_AFTER_MS; errors and refusals only
// to the asker. Autocomplete answers within 3 s, at most 25 choices, best first.
import {
  Client,
  GatewayIntentBits,
  REST,
  Routes,
  MessageFlags,
  PermissionFlagsBits,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type MessageContextMenuCommandInteraction,
  type InteractionReplyOptions,
} from 'discord.js';
import type { Logger } from 'pino';
import type { Services } from '../../app/commands.js';
import { ArgsError, fields } from '../../commands/args.js';
import { parseCommandArgs, type CommandContext, type CommandDef } from '../../commands/command.js';
import { checkLimits, dispatch } from '../../commands/dispatch.js';
import { runCommand } from '../../commands/command.js';
import { channelTimeZone } from '../../commands/channel-place.js';
import { findCommand, brief } from '../../commands/registry.js';
import type { View } from '../../commands/view.js';
import { ephemeralLine, renderDiscord, type DiscordMessage } from '../../render/discord/index.js';
import { BRIEF_LINK_COMMAND, optionName } from './commands.js';

/** Commands that read many articles or fetch pages: deferred at once. */
const SLOW = new Set(['brief', 'digest', 'actor', 'phase', 'timeline']);
/** Others are answered directly if they finish this soon, else deferred (Discord allows 3 s). */
export const DEFER_AFTER_MS = 1500;
/** Autocomplete gets no second chance: an empty list rather than a late one. */
const AUTOCOMPLETE_BUDGET_MS = 2500;
/** Links of one message briefed by "Brief this link". */
export const MAX_LINKS = 3;
/**
 * Commands whose answer depends on their arguments alone (not on who asks, nor where): the same
 * command asked again while one is being answered shares that answer (each asker still counts
 * against the rate limits), so a burst of people asking the same thing costs one answer.
 */
const SHARED = new Set(['brief', 'actor', 'phase', 'timeline']);
/** Slow commands' work running at once; the rest wait their turn in arrival order. */
export const WORK_CONCURRENCY = 4;

export interface DiscordBotOptions {
  token: string;
  applicationId: string;
  /** REST root (DISCORD_API_BASE), e.g. http://127.0.0.1:PORT/api; the gateway URL comes from it. */
  apiBase?: string;
  services: Services;
  digestMaxStories: number;
  /** Dates in answers: the channel's own time zone (`settings timezone`), else this (NEWSBRIEF_TZ), else UTC. */
  timeZone?: string;
  logger?: Logger;
}

export interface DiscordBot {
  client: Client;
  close(): Promise<void>;
}

function toReply(m: DiscordMessage): InteractionReplyOptions & { content?: string } {
  return {
    ...(m.content !== undefined ? { content: m.content } : {}),
    embeds: m.embeds,
    allowedMentions: { parse: [] },
    ...(m.flags ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

const isPrivate = (v: View): boolean => v.kind === 'error' || v.kind === 'refusal';

interface Rendered {
  msgs: DiscordMessage[];
  priv: boolean;
}

/** How an identical command asked meanwhile may share the answer (see SHARED). */
interface Sharing {
  key: string;
  /** The asker's rate limits: a refusal, or undefined to go on. */
  refused(): Promise<View | undefined>;
  /** The command itself, limits already checked. */
  run(): Promise<View[]>;
}

function timeout<T>(ms: number, value: T): Promise<T> {
  return new Promise((r) => setTimeout(() => r(value), ms).unref());
}

/**
 * Turns for slow commands' work. Most of it is synchronous (SQLite reads, analysis, rendering) on
 * the event loop the gateway and the REST calls share: left to itself, a burst of commands starts
 * all its work at once and every deferral waits behind it (past Discord's 3 s). So what is sent goes
 * first: no work starts while a deferral or an answer is on its way (unless work has waited `maxHoldMs`, so
 * a steady stream of commands cannot starve it), at most `concurrency` commands work at once, and
 * the others wait in arrival order (the first of a burst are answered first, not all of them late).
 */
function createTurns(concurrency: number, maxHoldMs = 250): { responding<T>(send: () => Promise<T>): Promise<T>; work<T>(run: () => Promise<T>): Promise<T> } {
  let running = 0;
  let sending = 0;
  const waiting: Array<{ since: number; go: () => void }> = [];
  let scheduled = false;
  let holdTimer: NodeJS.Timeout | undefined;
  const pump = (): void => {
    if (scheduled) return;
    scheduled = true;
    // After the I/O already waiting (gateway frames of the same burst, REST answers) is handled.
    setImmediate(() => {
      scheduled = false;
      while (running < concurrency && waiting.length && (sending === 0 || performance.now() - waiting[0]!.since >= maxHoldMs)) {
        running++;
        waiting.shift()!.go();
      }
      if (waiting.length && running < concurrency && !holdTimer) {
        holdTimer = setTimeout(() => {
          holdTimer = undefined;
          pump();
        }, maxHoldMs).unref();
      }
    });
  };
  return {
    async responding(send) {
      sending++;
      try {
        return await send();
      } finally {
        sending--;
        pump();
      }
    },
    async work(run) {
      await new Promise<void>((go) => {
        waiting.push({ since: performance.now(), go });
        pump();
      });
      try {
        return await run();
      } finally {
        running--;
        pump();
      }
    },
  };
}

export function createDiscordHandler(opts: DiscordBotOptions): (i: Interaction) => Promise<void> {
  const log = opts.logger;
  const defaultZone = opts.timeZone ?? 'UTC';
  const render = (v: View, timeZone = defaultZone): DiscordMessage[] => renderDiscord(v, { timeZone });
  /** The channel's own time zone (`settings timezone`), else the deployment's. */
  const zoneOf = (i: ChatInputCommandInteraction | MessageContextMenuCommandInteraction): Promise<string> =>
    channelTimeZone(opts.services, { platform: 'discord', workspaceId: i.guildId ?? 'dm', channelId: i.channelId }, defaultZone);
  const turns = createTurns(WORK_CONCURRENCY);
  /** Answers being worked out for SHARED commands, by command, arguments and time zone. */
  const inFlight = new Map<string, Promise<Rendered>>();

  const context = (i: ChatInputCommandInteraction | MessageContextMenuCommandInteraction): CommandContext => ({
    surface: 'discord',
    digestMaxStories: opts.digestMaxStories,
    place: { platform: 'discord', workspaceId: i.guildId ?? 'dm', channelId: i.channelId },
    user: { id: i.user.id, admin: Boolean(i.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) },
  });

  /**
   * The interaction webhook (editing the deferred answer, follow-ups), sent through a REST of its
   * own: discord.js holds all of its Client's webhook requests to the bot's global 50 requests/s,
   * which Discord does not apply to interaction endpoints (their per-route limits still apply, and
   * this REST honours them). A burst of 200 answers would otherwise wait 4 s on the client alone.
   * Interaction tokens authorise these routes: no bot token is sent.
   */
  const hooks = new REST({ version: '10', globalRequestsPerSecond: 1_000_000, ...(opts.apiBase ? { api: opts.apiBase } : {}) });
  const asBody = (m: DiscordMessage, flags?: number): Record<string, unknown> => ({
    ...(m.content !== undefined ? { content: m.content } : {}),
    embeds: m.embeds,
    allowed_mentions: { parse: [] },
    ...(flags ? { flags } : {}),
  });
  const followUp = (i: ChatInputCommandInteraction | MessageContextMenuCommandInteraction, m: DiscordMessage, priv: boolean): Promise<unknown> =>
    hooks.post(Routes.webhook(i.applicationId, i.token), { body: asBody(m, priv || m.flags ? MessageFlags.Ephemeral : undefined), query: new URLSearchParams({ wait: 'true' }), auth: false });

  /** Sends an answer: the first message answers (or edits the deferred answer), the rest follow up. */
  async function answer(i: ChatInputCommandInteraction | MessageContextMenuCommandInteraction, msgs: DiscordMessage[], priv: boolean): Promise<void> {
    const [first, ...rest] = msgs;
    if (!first) return;
    if (i.deferred) {
      if (priv) {
        // A deferred answer is public; a private one replaces it.
        await hooks.delete(Routes.webhookMessage(i.applicationId, i.token, '@original'), { auth: false }).catch(() => {});
        await followUp(i, first, true);
      } else {
        // An edit cannot make a message private: flags are left out.
        await hooks.patch(Routes.webhookMessage(i.applicationId, i.token, '@original'), { body: asBody(first), auth: false });
      }
    } else await i.reply(toReply(priv ? { ...first, flags: MessageFlags.Ephemeral } : first));
    for (const m of rest) await followUp(i, m, priv);
  }

  async function failed(i: ChatInputCommandInteraction | MessageContextMenuCommandInteraction, err: unknown): Promise<void> {
    log?.error({ err: { message: (err as Error).message, name: (err as Error).name }, command: i.commandName }, 'discord command failed');
    await answer(i, [ephemeralLine('Something went wrong answering this; it was logged. Try again later.')], true).catch(() => {});
  }

  /**
   * Runs a command and answers with its view. A slow command is deferred at once and then waits
   * its turn (`turns`); the others run at once and are deferred if not done within DEFER_AFTER_MS.
   */
  async function runAndAnswer(i: ChatInputCommandInteraction | MessageContextMenuCommandInteraction, name: string, work: () => Promise<View[]>, sharing?: Sharing): Promise<void> {
    if (SLOW.has(name)) {
      await turns.responding(() => i.deferReply());
      const timeZone = await zoneOf(i);
      // Rendering is part of the work: it is synchronous too.
      const rendered = (views: View[]): Rendered => ({ msgs: views.flatMap((v) => render(v, timeZone)), priv: views.every(isPrivate) });
      let out: Promise<Rendered>;
      const refusal = sharing && (await sharing.refused());
      if (refusal) out = Promise.resolve(rendered([refusal]));
      else if (sharing) {
        // Shared only within one time zone: the dates are rendered into the answer.
        const key = `${sharing.key}\u0000${timeZone}`;
        let shared = inFlight.get(key);
        if (!shared) {
          const mine = turns.work(async () => rendered(await sharing.run()));
          shared = mine.finally(() => inFlight.delete(key));
          shared.catch(() => {});
          inFlight.set(key, shared);
        }
        out = shared;
      } else out = turns.work(async () => rendered(await work()));
      const { msgs, priv } = await out;
      // The answer goes out before more work blocks the loop.
      return turns.responding(() => answer(i, msgs, priv));
    } else {
      const running = work();
      // Handled below, after the defer: a failure meanwhile must not count as unhandled.
      running.catch(() => {});
      const early = await Promise.race([running.then(() => true, () => true), timeout(DEFER_AFTER_MS, false)]);
      if (!early) await i.deferReply();
      const views = await running;
      const timeZone = await zoneOf(i);
      await answer(i, views.flatMap((v) => render(v, timeZone)), views.every(isPrivate));
    }
  }

  async function chatInput(i: ChatInputCommandInteraction): Promise<void> {
    const def = findCommand(i.commandName);
    if (!def) return answer(i, [ephemeralLine(`unknown command ${i.commandName}`)], true);
    const ctx = context(i);
    if (def.admin && !ctx.user?.admin) {
      return answer(i, render({ kind: 'refusal', message: `/${def.name} needs the Manage Server permission.` }), true);
    }
    const raw: Record<string, unknown> = {};
    for (const f of fields(def.args)) {
      const v = i.options.get(optionName(f.key))?.value;
      if (v !== undefined && v !== null) raw[f.key] = v;
    }
    let args: Record<string, unknown>;
    try {
      args = parseCommandArgs(def, raw, optionName);
    } catch (err) {
      if (err instanceof ArgsError) return answer(i, [ephemeralLine(err.message)], true);
      throw err;
    }
    const sharing: Sharing | undefined = SHARED.has(def.name)
      ? { key: `${def.name} ${JSON.stringify(args)}`, refused: () => checkLimits(def, opts.services, args, ctx), run: async () => [await runCommand(def, opts.services, args, ctx)] }
      : undefined;
    await runAndAnswer(i, def.name, async () => [await dispatch(def, opts.services, args, ctx)], sharing);
  }

  async function briefLinks(i: MessageContextMenuCommandInteraction): Promise<void> {
    const text = [i.targetMessage.content, ...i.targetMessage.embeds.map((e) => e.url ?? '')].join(' ');
    const urls = [...new Set(text.match(/https?:\/\/[^\s<>|()[\]]+/gi) ?? [])].slice(0, MAX_LINKS);
    if (!urls.length) return answer(i, [ephemeralLine('That message has no http(s) link to brief.')], true);
    const ctx = context(i);
    const def = brief as unknown as CommandDef;
    await runAndAnswer(i, 'brief', async () => {
      const out: View[] = [];
      for (const url of urls) out.push(await dispatch(def, opts.services, parseCommandArgs(def, { topic: url }), ctx));
      return out;
    });
  }

  async function autocomplete(i: AutocompleteInteraction): Promise<void> {
    const def = findCommand(i.commandName);
    const focused = i.options.getFocused(true);
    const field = def && fields(def.args).find((f) => optionName(f.key) === focused.name);
    let names: string[] = [];
    if (def?.autocomplete && field?.meta.complete) {
      const prefix = String(focused.value ?? '').slice(0, 100);
      // The options already filled in (a storyline) narrow the names offered.
      const given: Record<string, unknown> = {};
      for (const f of fields(def.args)) {
        if (f.key === field.key) continue;
        const v = i.options.get(optionName(f.key))?.value;
        if (v !== undefined && v !== null) given[f.key] = v;
      }
      names = await Promise.race([def.autocomplete(opts.services, field.key, prefix, given).catch(() => []), timeout(AUTOCOMPLETE_BUDGET_MS, [] as string[])]);
    }
    // Choice names and values are at most 100 characters; the first 25, in the order given (best first).
    const choices = [...new Set(names.map((n) => n.replace(/\s+/g, ' ').trim().slice(0, 100)).filter(Boolean))].slice(0, 25).map((n) => ({ name: n, value: n }));
    await i.respond(choices);
  }

  return async (i: Interaction): Promise<void> => {
    try {
      if (i.isChatInputCommand()) await chatInput(i);
      else if (i.isAutocomplete()) await autocomplete(i);
      else if (i.isMessageContextMenuCommand() && i.commandName === BRIEF_LINK_COMMAND) await briefLinks(i);
    } catch (err) {
      if (i.isChatInputCommand() || i.isMessageContextMenuCommand()) await failed(i, err);
      else log?.error({ err: { message: (err as Error).message } }, 'discord interaction failed');
    }
  };
}

/** Logs the Client in and answers interactions until `close()`. */
export async function startDiscordBot(opts: DiscordBotOptions): Promise<DiscordBot> {
  // Interactions need no intent; Guilds (not privileged) keeps the guild and channel caches.
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    ...(opts.apiBase ? { rest: { api: opts.apiBase } } : {}),
  });
  const handle = createDiscordHandler(opts);
  client.on('interactionCreate', (i) => void handle(i));
  const ready = new Promise<void>((r) => client.once('clientReady', () => r()));
  await client.login(opts.token);
  await ready;
  opts.logger?.info({ applicationId: opts.applicationId }, 'discord bot ready');
  return { client, close: () => client.destroy() };
}
