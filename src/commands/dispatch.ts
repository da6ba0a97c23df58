// The one door every surface (CLI, console, Discord, Slack) takes into a command: the rate limits
// first (per user, per channel, and the URLs one user has fetched), then runCommand (the admin
// check, the command). A limit is applied here once, never per platform.
import type { Services } from '../app/commands.js';
import type { Rate } from '../limits/rate-limiter.js';
import { runCommand, type CommandContext, type CommandDef } from './command.js';
import type { View } from './view.js';
import { secondsSince } from '../domain/telemetry.js';

const URL_RE = /^https?:\/\//i;

/** The URLs a command would fetch: `brief <url>` fetches one. */
function fetchesUrl(def: CommandDef, args: Record<string, unknown>): boolean {
  return def.name === 'brief' && typeof args.topic === 'string' && URL_RE.test(args.topic.trim());
}

function slowDown(retryAfterMs: number, what: string, rate: Rate): View {
  const s = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return { kind: 'refusal', message: `slow down: try again in ${s} s (${what}: at most ${rate.text})` };
}

/**
 * The limits for a command asked from a surface: a refusal when one is reached, else undefined (the
 * command counts against them either way). Limits apply to a platform user (ctx.user): the CLI and
 * the console are the operator's own terminal.
 */
export async function checkLimits(def: CommandDef, svc: Services, args: Record<string, unknown>, ctx: CommandContext): Promise<View | undefined> {
  const limits = svc.limits;
  if (limits && ctx.user) {
    const who = `${ctx.place?.platform ?? ctx.surface}:${ctx.user.id}`;
    const user = await limits.limiter.take(`user:${who}`, limits.user);
    if (!user.ok) return slowDown(user.retryAfterMs, 'commands per user', limits.user);
    if (ctx.place) {
      const { platform, workspaceId, channelId } = ctx.place;
      const channel = await limits.limiter.take(`channel:${platform}:${workspaceId}:${channelId}`, limits.channel);
      if (!channel.ok) return slowDown(channel.retryAfterMs, 'commands per channel', limits.channel);
    }
    if (fetchesUrl(def, args)) {
      const urls = await limits.limiter.take(`urls:${who}`, limits.urls);
      if (!urls.ok) return slowDown(urls.retryAfterMs, 'links fetched per user', limits.urls);
    }
  }
  return undefined;
}

/**
 * Runs a command as asked from a surface: the limits first; a refused command is not run (it still
 * counts). Its latency goes to the telemetry, labelled by the command's registry name.
 */
export async function dispatch(def: CommandDef, svc: Services, args: Record<string, unknown>, ctx: CommandContext): Promise<View> {
  const t0 = performance.now();
  try {
    return (await checkLimits(def, svc, args, ctx)) ?? (await runCommand(def, svc, args, ctx));
  } finally {
    svc.telemetry?.commandLatency(def.name, ctx.surface, secondsSince(t0));
  }
}
