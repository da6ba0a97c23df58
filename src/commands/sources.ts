// `sources add <url> [every 30m] | remove <url> | list`: admin; the feeds and pages a channel
// follows, each polled on the bot's interval or its own (ADR 018). A URL is checked when it is added
// (http or https, no user name or password, no private, loopback or link-local address written in
// it): the safe fetcher checks the resolved address again later.
import { z } from 'zod';
import { MAX_SOURCES_PER_CHANNEL, parsePollEvery, parseSourceUrl } from '../domain/channels.js';
import { durationText } from '../domain/duration.js';
import { UserError } from '../domain/errors.js';
import { blockedHostReason } from '../ingest/address.js';
import { sourceKey } from '../ingest/poll-schedule.js';
import { arg } from './args.js';
import { actorOf, channelOf } from './channel-place.js';
import { defineCommand } from './command.js';

const ACTIONS = ['add', 'remove', 'list'] as const;

/** The interval words given, if any (the CLI gives none as an empty string). */
const everyOf = (words: string | undefined): string | undefined => words?.trim() || undefined;

/** `every default`: back to the bot's interval. */
const isDefault = (every: string): boolean => /^(every\s+)?default$/i.test(every.trim());

export const sources = defineCommand({
  name: 'sources',
  description: "Admin: the channel's sources: sources add <url> [every 30m], sources remove <url>, sources list",
  admin: true,
  args: z.object({
    action: arg.text('add, remove or list (default: list)', { label: 'add|remove|list' }).optional(),
    url: arg.text('the feed or page URL (http or https)', { label: 'url' }).optional(),
    every: arg.words("add: poll it every 30m, 2h, 1d (5m at least; 'default': the bot's interval)", { label: 'every 30m' }).optional(),
  }),
  positional: ['action', 'url', 'every'],
  check(a) {
    const action = a.action ?? 'list';
    if (!(ACTIONS as readonly string[]).includes(action)) return `sources: add, remove or list, not "${action.slice(0, 20)}"`;
    if (action !== 'list' && !a.url) return `sources ${action} needs a URL`;
    if (action === 'list' && a.url) return 'sources list takes no URL';
    const every = everyOf(a.every);
    if (every !== undefined && action !== 'add') return `sources ${action} takes no interval (sources add <url> every 30m)`;
    if (every !== undefined && !isDefault(every)) {
      try {
        parsePollEvery(every);
      } catch (err) {
        return `sources add: ${(err as Error).message}`;
      }
    }
    return undefined;
  },
  async run(svc, a, ctx) {
    const channel = channelOf(ctx, 'sources');
    const action = a.action ?? 'list';
    if (action === 'list') {
      const list = await svc.channels.listSources(channel);
      const polls = svc.polls;
      if (!polls) return { kind: 'sources', sources: list, max: MAX_SOURCES_PER_CHANNEL };
      // Each with its poll state, kept once per source whoever follows it (ADR 018).
      const sources = await Promise.all(
        list.map(async (s) => {
          const key = sourceKey(s.url);
          const poll = key ? await polls.get(key) : undefined;
          return poll ? { ...s, poll } : s;
        }),
      );
      return { kind: 'sources', sources, max: MAX_SOURCES_PER_CHANNEL, at: svc.now().toISOString() };
    }
    const url = parseSourceUrl(a.url!);
    if (action === 'remove') {
      const removed = await svc.channels.removeSource(channel, url);
      if (!removed) throw new UserError('not_found', `this channel has no source ${url}`);
      return { kind: 'confirmation', message: `source removed: ${url}` };
    }
    const blocked = blockedHostReason(new URL(url).hostname);
    if (blocked) throw new UserError('bad_input', `refused: ${url} names a ${blocked.startsWith('local host') ? 'local host' : 'loopback, private or reserved address'}: a source must be public`);
    const every = everyOf(a.every);
    const everyMs = every === undefined || isDefault(every) ? undefined : parsePollEvery(every);
    const pace = everyMs === undefined ? 'polled on the default interval' : `polled every ${durationText(everyMs)}`;
    const added = await svc.channels.addSource(channel, url, actorOf(ctx), svc.now().toISOString(), everyMs);
    if (added) return { kind: 'confirmation', message: everyMs === undefined ? `source added: ${url}` : `source added: ${url}, ${pace}` };
    // Added before: an interval given changes it.
    if (every === undefined) return { kind: 'confirmation', message: `already a source: ${url}` };
    await svc.channels.setSourceEvery(channel, url, everyMs);
    return { kind: 'confirmation', message: `already a source: ${url}; now ${pace}` };
  },
});
