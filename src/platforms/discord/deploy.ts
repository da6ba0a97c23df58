// `newsbrief deploy-commands [--guild ID]`: registers the commands as a deploy step (a guild's
// commands update at once, global ones within the hour), never at every boot.
import { REST, Routes } from 'discord.js';
import { discordCommands, inviteUrl } from './commands.js';

export interface DeployOptions {
  token: string;
  applicationId: string;
  apiBase?: string;
  guildId?: string;
}

export async function deployCommands(opts: DeployOptions): Promise<{ count: number; scope: string; inviteUrl: string }> {
  const rest = new REST({ version: '10', ...(opts.apiBase ? { api: opts.apiBase } : {}) }).setToken(opts.token);
  const body = discordCommands();
  const route = opts.guildId ? Routes.applicationGuildCommands(opts.applicationId, opts.guildId) : Routes.applicationCommands(opts.applicationId);
  const saved = (await rest.put(route, { body })) as unknown[];
  return { count: saved.length, scope: opts.guildId ? `guild ${opts.guildId}` : 'global', inviteUrl: inviteUrl(opts.applicationId) };
}
