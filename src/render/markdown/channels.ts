// Markdown of a channel's views (sources, subscriptions, settings) and of help. Values typed by
// users (topics, actor names, URLs) are data: escaped, mentions defused, URLs as safe autolinks.
import type { ChannelSettingsView, ChannelSourcesView, HelpView, SubscriptionsView } from '../../commands/view.js';
import { inline, markdownUrl } from './escape.js';
import { pollStatusText, sourceNote } from '../poll-status.js';

export function renderSourcesMarkdown(view: ChannelSourcesView, timeZone = 'UTC'): string {
  if (!view.sources.length) return `_This channel has no sources yet (sources add <url>; at most ${view.max})._\n`;
  const at = view.at;
  // The state may quote a server's error text: escaped like any other data.
  const state = (s: ChannelSourcesView['sources'][number]): string => (at ? `: ${inline(pollStatusText(s.poll, new Date(at), timeZone))}` : '');
  const lines = [`**Sources** (${view.sources.length} of at most ${view.max})`, ...view.sources.map((s, i) => `${i + 1}. ${markdownUrl(s.url)} (${sourceNote(s)})${state(s)}`)];
  return lines.join('\n') + '\n';
}

export function renderSubscriptionsMarkdown(view: SubscriptionsView): string {
  const head = view.message ? `${inline(view.message)}\n` : '';
  if (!view.subscriptions.length) return `${head}_This channel subscribes to nothing (subscribe <topic|actor|all>)._\n`;
  const lines = [
    `**Subscriptions** (${view.subscriptions.length} of at most ${view.max})`,
    ...view.subscriptions.map((s) => `- ${s.kind === 'all' ? 'all stories' : `${s.kind}: ${inline(s.value)}`}`),
  ];
  return head + lines.join('\n') + '\n';
}

export function renderSettingsMarkdown(view: ChannelSettingsView): string {
  const row = (label: string, key: keyof ChannelSettingsView['settings']): string => {
    const set = view.settings[key];
    const mark = view.changed.includes(key) ? ' (changed)' : '';
    return `- ${label}: ${set !== undefined ? inline(set) + mark : `${inline(view.defaults[key])} (default)`}`;
  };
  return ['**Settings**', row('digest time', 'digestTime'), row('time zone', 'timeZone'), row('quiet days', 'quietDays'), row('story posts', 'storyPosts')].join('\n') + '\n';
}

export function renderHelpMarkdown(view: HelpView): string {
  const lines = view.commands.length === 1 ? [] : ['**Commands**'];
  for (const c of view.commands) lines.push(`- \`${c.usage.replace(/`/g, "'")}\`: ${inline(c.description)}${c.admin ? ' _(admins)_' : ''}`);
  return lines.join('\n') + '\n';
}
