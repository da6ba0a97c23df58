// `settings [digest-time HH:MM] [timezone IANA] [quiet-days post|skip] [story-posts on|off]`: admin;
// when the channel's digest is posted, in which time zone its dates are shown, whether a day with
// nothing new gets a short post or none, and whether new stories are posted as they break. Given as words (`settings timezone Europe/Paris digest-time 07:30`,
// as Slack and the console type it) or as options (`--timezone`, Discord's named options).
// With nothing to change it shows the settings.
import { z } from 'zod';
import { DEFAULT_CHANNEL_SETTINGS, parseDigestTime, parseQuietDays, parseStoryPosts, parseTimeZone, type ChannelSettings } from '../domain/channels.js';
import { arg } from './args.js';
import { actorOf, channelOf } from './channel-place.js';
import { defineCommand } from './command.js';

const NAMES: Record<string, keyof ChannelSettings> = { 'digest-time': 'digestTime', timezone: 'timeZone', 'time-zone': 'timeZone', tz: 'timeZone', 'quiet-days': 'quietDays', 'story-posts': 'storyPosts' };

/** The changes a line of `name value` pairs asks for; throws a message for a bad pair. */
export function settingsPairs(words: string): Partial<Record<keyof ChannelSettings, string>> {
  const w = words.split(/\s+/).filter(Boolean);
  const out: Partial<Record<keyof ChannelSettings, string>> = {};
  for (let i = 0; i < w.length; i += 2) {
    const key = NAMES[w[i]!.toLowerCase().replace(/^--/, '')];
    if (!key) throw new Error(`settings: digest-time, timezone, quiet-days or story-posts, not "${w[i]!.slice(0, 20)}"`);
    if (w[i + 1] === undefined) throw new Error(`settings: ${w[i]} needs a value`);
    out[key] = w[i + 1]!;
  }
  return out;
}

export const settings = defineCommand({
  name: 'settings',
  description: "Admin: the channel's digest time (HH:MM), time zone, quiet days (post|skip), story posts (on|off)",
  admin: true,
  args: z.object({
    changes: arg.words('digest-time HH:MM, timezone IANA, quiet-days post|skip, story-posts on|off (nothing: show them)', { label: 'setting value' }).optional(),
    digestTime: arg.text('when the digest is posted, HH:MM (00:00-23:59)', { label: 'HH:MM' }).optional(),
    timezone: arg.text('the IANA time zone, e.g. Europe/Berlin', { label: 'IANA zone' }).optional(),
    quietDays: arg.text('post or skip the digest on a day with nothing new', { label: 'post|skip' }).optional(),
    storyPosts: arg.text('post new stories as they break, updates in their threads (on), or the digest only (off)', { label: 'on|off' }).optional(),
  }),
  positional: ['changes'],
  check(a) {
    try {
      const pairs = settingsPairs(a.changes ?? '');
      const both = (['digestTime', 'timeZone', 'quietDays', 'storyPosts'] as const).find((k) => pairs[k] !== undefined && a[k === 'timeZone' ? 'timezone' : k] !== undefined);
      const word = { digestTime: 'digest-time', timeZone: 'timezone', quietDays: 'quiet-days', storyPosts: 'story-posts' } as const;
      return both ? `settings: ${word[both]} given twice` : undefined;
    } catch (err) {
      return (err as Error).message;
    }
  },
  async run(svc, a, ctx) {
    const channel = channelOf(ctx, 'settings');
    const given = { ...settingsPairs(a.changes ?? ''), ...(a.digestTime !== undefined ? { digestTime: a.digestTime } : {}), ...(a.timezone !== undefined ? { timeZone: a.timezone } : {}), ...(a.quietDays !== undefined ? { quietDays: a.quietDays } : {}), ...(a.storyPosts !== undefined ? { storyPosts: a.storyPosts } : {}) };
    // Every value checked before anything is written: a bad one changes nothing.
    const change: ChannelSettings = {
      ...(given.digestTime !== undefined ? { digestTime: parseDigestTime(given.digestTime) } : {}),
      ...(given.timeZone !== undefined ? { timeZone: parseTimeZone(given.timeZone) } : {}),
      ...(given.quietDays !== undefined ? { quietDays: parseQuietDays(given.quietDays) } : {}),
      ...(given.storyPosts !== undefined ? { storyPosts: parseStoryPosts(given.storyPosts) } : {}),
    };
    const changed = Object.keys(change) as Array<keyof ChannelSettings>;
    const now = changed.length ? await svc.channels.updateSettings(channel, change, actorOf(ctx), svc.now().toISOString()) : await svc.channels.getSettings(channel);
    return { kind: 'settings', changed, settings: now, defaults: { ...DEFAULT_CHANNEL_SETTINGS, timeZone: svc.defaultTimeZone ?? DEFAULT_CHANNEL_SETTINGS.timeZone, digestTime: svc.defaultDigestTime ?? DEFAULT_CHANNEL_SETTINGS.digestTime } };
  },
});
