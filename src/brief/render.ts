// Markdown rendering of briefings and story lists for the terminal and the console chat.
// Chat platforms get their own renderers later; this one is the plain reference.
import type { Briefing, Story } from '../domain/types.js';
import { boundText, sourceOutlet } from '../domain/bounds.js';
import { markdownUrl, neutralizeMentions } from '../domain/markdown.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Jun 6, 2026" in UTC; undefined for a missing or invalid date. */
export function shortDate(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return undefined;
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
}

/** A YYYY-MM-DD date as precise as its source gave it: "Jun 5, 2026", "Oct 2025" or "1978", never more. */
export function dateAsGiven(date: string, precision?: 'month' | 'year'): string {
  const m = /^(\d{4})-(\d{2})/.exec(date);
  if (m && precision === 'year') return m[1]!;
  if (m && precision === 'month') return `${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
  return shortDate(`${date.slice(0, 10)}T00:00:00Z`) ?? date;
}

// Article text is data: keep it from turning into links, headings or mentions in Markdown.
export function inline(text: string): string {
  return neutralizeMentions(text.replace(/\s+/g, ' ').replace(/([\\`*_[\]<>|#])/g, '\\$1')).trim();
}

/** A source line: "[n] Outlet, "Title", date <url>", every part escaped (the URL by markdownUrl). */
export function sourceLine(s: { n: number; title: string; outlet?: string; url: string; publishedAt?: string }): string {
  const parts = [s.outlet ? inline(s.outlet) : undefined, `"${inline(boundText(s.title))}"`, shortDate(s.publishedAt)].filter(Boolean);
  return `[${s.n}] ${parts.join(', ')} ${markdownUrl(s.url)}`;
}

export function cites(ns: number[]): string {
  return ns.map((n) => `[${n}]`).join('');
}

export function renderBriefingMarkdown(b: Briefing): string {
  const lines: string[] = [];
  lines.push(`## ${inline(boundText(b.headline))}`);
  const dates = b.sources.map((s) => s.publishedAt).filter((d): d is string => Boolean(d)).sort();
  const outlets = b.coverage?.outlets ?? new Set(b.sources.map(sourceOutlet)).size;
  const meta = [shortDate(dates.at(-1)), outlets === 1 ? '1 outlet' : `${outlets} outlets`];
  if (b.phase) meta.push(`phase: ${inline(b.phase.name)} (${inline(b.phase.status)})`);
  lines.push(`_${meta.filter(Boolean).join(' · ')}_`, '');
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
  for (const s of b.sources) lines.push(sourceLine(s));
  const more = (b.coverage?.articles ?? 0) - b.sources.length;
  if (more > 0) lines.push(`_and ${more} more source${more === 1 ? '' : 's'}_`);
  return lines.join('\n') + '\n';
}

export function renderStoriesMarkdown(stories: Array<Story & { outlets?: string[] }>): string {
  if (stories.length === 0) return '_No stories in this window._\n';
  return (
    stories
      .map((s) => {
        // The news date when its articles give one; else when it was last seen (ingested).
        const when = s.lastPublishedAt ? shortDate(s.lastPublishedAt) : `seen ${shortDate(s.lastSeenAt) ?? shortDate(s.updatedAt)}`;
        const n = s.articleCount === 1 ? '1 article' : `${s.articleCount} articles`;
        return `- **#${s.id}** ${inline(boundText(s.headline))} _(${[n, when].filter(Boolean).join(', ')})_`;
      })
      .join('\n') +
    '\n' +
    // Undated articles are never given a date: such a story shows when it was ingested instead.
    (stories.some((s) => !s.lastPublishedAt) ? '\n_"seen": none of the story\'s articles states its publication date; shown is when it was last ingested._\n' : '')
  );
}
