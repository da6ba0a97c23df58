// Markdown rendering of briefings, digests and story lists for the terminal and the console chat.
// It shows what the view models computed (news date, outlet count); Discord and Slack get their own
// renderers beside this folder.
import type { Briefing, Story } from '../../domain/types.js';
import { boundText } from '../../domain/bounds.js';
import { briefingView, storyListItem, type BriefingView, type DigestView, type StoryListView } from '../../commands/view.js';
import { inline, markdownUrl } from './escape.js';

export { inline };

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Jun 6, 2026": the day a moment falls on in `timeZone` (the channel's); undefined for a missing or invalid date. */
export function shortDate(iso: string | undefined, timeZone = 'UTC'): string | undefined {
  if (!iso) return undefined;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return undefined;
  if (timeZone === 'UTC') return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
  return dayFormat(timeZone).format(d);
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();
/** One formatter per time zone (building one costs far more than using it); zones are few. */
function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let f = dayFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, month: 'short', day: 'numeric', year: 'numeric' });
    if (dayFormats.size < 1000) dayFormats.set(timeZone, f);
  }
  return f;
}

/** A YYYY-MM-DD date as precise as its source gave it: "Jun 5, 2026", "Oct 2025" or "1978", never more. */
export function dateAsGiven(date: string, precision?: 'month' | 'year'): string {
  const m = /^(\d{4})-(\d{2})/.exec(date);
  if (m && precision === 'year') return m[1]!;
  if (m && precision === 'month') return `${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
  return shortDate(`${date.slice(0, 10)}T00:00:00Z`) ?? date;
}

/** A source line: "[n] Outlet, "Title", date <url>", every part escaped (the URL by markdownUrl). */
export function sourceLine(s: { n: number; title: string; outlet?: string; url: string; publishedAt?: string }, timeZone = 'UTC'): string {
  const parts = [s.outlet ? inline(s.outlet) : undefined, `"${inline(boundText(s.title))}"`, shortDate(s.publishedAt, timeZone)].filter(Boolean);
  return `[${s.n}] ${parts.join(', ')} ${markdownUrl(s.url)}`;
}

export function cites(ns: number[]): string {
  return ns.map((n) => `[${n}]`).join('');
}

export function renderBriefingMarkdown(input: Briefing | BriefingView, timeZone = 'UTC'): string {
  const v = 'kind' in input ? input : briefingView(input);
  const b = v.briefing;
  const lines: string[] = [];
  lines.push(`## ${inline(boundText(b.headline))}`);
  const meta = [shortDate(v.newsDate, timeZone), v.outlets === 1 ? '1 outlet' : `${v.outlets} outlets`];
  if (v.storyline) meta.push(`storyline: ${inline(storylineLabel(v.storyline.title))}`);
  if (b.phase && v.process) meta.push(`process: ${inline(v.process)}`);
  if (b.phase) meta.push(`phase: ${inline(b.phase.name)} (${inline(b.phase.status)})`);
  lines.push(`_${meta.filter(Boolean).join(' · ')}_`, '');
  // A stand-in briefing says so ("written offline: the model was unavailable").
  if (b.note) lines.push(`_${inline(b.note)}_`, '');
  if (b.lede) lines.push(inline(b.lede), '');
  if (b.takeaways.length) {
    lines.push('**Key Takeaways**');
    b.takeaways.forEach((t, i) => lines.push(`${i + 1}. ${inline(t.text)} ${cites(t.sources)}`.trimEnd()));
    lines.push('');
  }
  if (b.whyItMatters) lines.push('**Why it matters**', inline(b.whyItMatters), '');
  if (b.actors.length) {
    const actors = b.actors.map((a) => (a.role ? `${inline(a.name)} (${inline(a.role)})` : inline(a.name)));
    lines.push(`**Actors:** ${actors.join(' · ')}`);
  }
  if (b.phase) lines.push(`**Phase:** ${inline(b.phase.name)}: ${inline(b.phase.status)}`);
  if (b.actors.length || b.phase) lines.push('');
  lines.push('**Sources**');
  for (const s of b.sources) lines.push(sourceLine(s, timeZone));
  if (v.moreSources > 0) lines.push(`_and ${v.moreSources} more source${v.moreSources === 1 ? '' : 's'}_`);
  return lines.join('\n') + '\n';
}

/** A storyline's title as a label: its first words (titles are headlines, often long). */
export function storylineLabel(title: string): string {
  const ws = title.split(/\s+/);
  return ws.length > 10 ? `${ws.slice(0, 10).join(' ')}…` : title;
}

/** Briefings one after another, grouped by storyline (a heading where one starts); an empty window says so. */
export function renderDigestMarkdown(d: DigestView, timeZone = 'UTC'): string {
  if (d.items.length === 0) return `_No stories moved in the last ${inline(d.window)}._\n`;
  let last: number | undefined;
  return d.items
    .map((i) => {
      const head = i.storyline && i.storyline.id !== last ? `### Storyline: ${inline(storylineLabel(i.storyline.title))}\n\n` : '';
      last = i.storyline?.id;
      return head + renderBriefingMarkdown(i, timeZone);
    })
    .join('\n---\n\n');
}

export function renderStoriesMarkdown(input: Story[] | StoryListView, timeZone = 'UTC'): string {
  const v: StoryListView = Array.isArray(input)
    ? { kind: 'stories', stories: input.map((s) => storyListItem(s)), anyUndated: input.some((s) => !s.lastPublishedAt) }
    : input;
  if (v.stories.length === 0) return '_No stories in this window._\n';
  return (
    v.stories
      .map((s) => {
        // The news date when its articles give one; else when it was last seen (ingested).
        const when = s.lastPublishedAt ? shortDate(s.lastPublishedAt, timeZone) : `seen ${shortDate(s.lastSeenAt, timeZone) ?? shortDate(s.updatedAt, timeZone)}`;
        const n = s.articleCount === 1 ? '1 article' : `${s.articleCount} articles`;
        return `- **#${s.id}** ${inline(boundText(s.headline))} _(${[n, when].filter(Boolean).join(', ')})_`;
      })
      .join('\n') +
    '\n' +
    // Undated articles are never given a date: such a story shows when it was ingested instead.
    (v.anyUndated ? '\n_"seen": none of the story\'s articles states its publication date; shown is when it was last ingested._\n' : '')
  );
}
