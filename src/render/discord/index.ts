// View -> Discord messages: briefings and answers as embeds within every limit (./pack.ts),
// sources as numbered masked links, dates in the channel's time zone, article text escaped
// (./escape.ts), `allowed_mentions: {parse: []}` on every message. Errors and refusals are plain
// ephemeral messages (flags 64).
import type { AnswerSummaryFields, BriefingView, DigestView, StoryListView, View } from '../../commands/view.js';
import { isActorUnknown, isPhaseCandidates, isPhaseUnknown, type ActorAnswer, type PhaseAnswer, type TimelineView } from '../../queries/index.js';
import { isRelativeDateText } from '../../analyze/events.js';
import { cutText, discordText, maskedLink } from './escape.js';
import { LIMITS } from './limits.js';
import { EmbedPacker, NO_MENTIONS, type DiscordMessage } from './pack.js';
import { renderMarkdown } from '../markdown/index.js';

export type { DiscordMessage, DiscordEmbed } from './pack.js';
export { LIMITS };

export interface DiscordRenderOptions {
  /** IANA zone the channel reads dates in (default UTC). */
  timeZone?: string;
}

export const EPHEMERAL = 64;
const COLOR = 0x2b6cb0;

/** One formatter per time zone: building an Intl.DateTimeFormat costs far more than formatting. */
const formats = new Map<string, Intl.DateTimeFormat>();

function when(iso: string | undefined, tz: string): string | undefined {
  if (!iso) return undefined;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return undefined;
  let f = formats.get(tz);
  if (!f) formats.set(tz, (f = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: tz })));
  return f.format(d);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** An event's date as precise as its source gave it (a calendar date: no zone applies). */
function day(date: string | null, dateText?: string, precision?: 'month' | 'year'): string {
  if (date) {
    const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(date);
    if (!m) return discordText(date);
    if (precision === 'year') return m[1]!;
    if (precision === 'month' || !m[3]) return `${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
    return `${MONTHS[Number(m[2]) - 1]} ${Number(m[3])}, ${m[1]}`;
  }
  if (!dateText) return 'undated';
  const written = dateText.replace(/[\s,;:.]+$/, '');
  return `${discordText(written)} (${isRelativeDateText(written) ? 'article undated' : 'year not given'})`;
}

const cites = (ns: number[]): string => ns.map((n) => `[${n}]`).join('');

interface SourceLike {
  n: number;
  title: string;
  outlet?: string;
  url: string;
  publishedAt?: string;
}

/** `**[n]** [Title](href) · Outlet · Jun 6, 2026`: the title cut to 200 so a line always fits. */
function sourceLine(s: SourceLike, tz: string): string {
  const title = cutText(s.title.replace(/\s+/g, ' ').trim(), 200);
  const parts = [maskedLink(title, s.url), s.outlet ? discordText(cutText(s.outlet, 80)) : undefined, when(s.publishedAt, tz)].filter(Boolean);
  return `**[${s.n}]** ${parts.join(' · ')}`;
}

function addSources(p: EmbedPacker, sources: SourceLike[], tz: string, more = 0): void {
  for (const s of sources) p.field('Sources', sourceLine(s, tz));
  if (more > 0) p.field('Sources', `_and ${more} more source${more === 1 ? '' : 's'}_`);
}

/** A storyline's title as a label: its first words (titles are headlines, often long). */
function storylineLabel(title: string): string {
  const ws = title.split(/\s+/);
  return ws.length > 10 ? `${ws.slice(0, 10).join(' ')}…` : title;
}

function briefing(p: EmbedPacker, v: BriefingView, tz: string): void {
  const b = v.briefing;
  p.section(discordText(b.headline) || 'Briefing');
  const meta = [when(v.newsDate, tz), v.outlets === 1 ? '1 outlet' : `${v.outlets} outlets`, v.storyId !== undefined ? `story #${v.storyId}` : undefined, v.storyline ? `storyline: ${discordText(storylineLabel(v.storyline.title))}` : undefined];
  if (b.phase && v.process) meta.push(`process: ${discordText(v.process)}`);
  if (b.phase) meta.push(`phase: ${discordText(b.phase.name)} (${discordText(b.phase.status)})`);
  p.line(`_${meta.filter(Boolean).join(' · ')}_`);
  if (b.note) p.line(`_${discordText(b.note)}_`);
  if (b.lede) p.line(discordText(b.lede));
  if (b.takeaways.length) {
    p.line('**Key Takeaways**');
    b.takeaways.forEach((t, i) => p.line(`${i + 1}. ${discordText(t.text)} ${cites(t.sources)}`.trimEnd()));
  }
  if (b.whyItMatters) {
    p.line('**Why it matters**');
    p.line(discordText(b.whyItMatters));
  }
  if (b.actors.length) p.line(`**Actors:** ${b.actors.map((a) => (a.role ? `${discordText(a.name)} (${discordText(a.role)})` : discordText(a.name))).join(' · ')}`);
  addSources(p, b.sources, tz, v.moreSources);
}

function stories(p: EmbedPacker, v: StoryListView, tz: string): void {
  p.section('Stories');
  if (!v.stories.length) p.line('_No stories in this window._');
  for (const s of v.stories) {
    const date = s.lastPublishedAt ? when(s.lastPublishedAt, tz) : `seen ${when(s.lastSeenAt, tz) ?? when(s.updatedAt, tz)}`;
    const n = s.articleCount === 1 ? '1 article' : `${s.articleCount} articles`;
    p.line(`**#${s.id}** ${discordText(cutText(s.headline, 300))} _(${[n, date].filter(Boolean).join(', ')})_`);
  }
  if (v.anyUndated) p.line('_"seen": none of the story\'s articles states its date; shown is when it was last ingested._');
}

/** A model's summary (or why there is none), above the computed answer. */
function summary(p: EmbedPacker, x: AnswerSummaryFields): void {
  if (x.note) p.line(`_${discordText(x.note)}_`);
  if (!x.summary) return;
  p.line('**Summary**');
  p.line(discordText(x.summary.text));
  for (const pt of x.summary.points) p.line(`- ${discordText(pt.text)} ${cites(pt.sources)}`);
}

function actor(p: EmbedPacker, a: ActorAnswer, tz: string, extra: AnswerSummaryFields = {}): void {
  if (isActorUnknown(a)) {
    p.section('Actor not found');
    p.line(`_${discordText(a.message)}._`);
    if (a.suggestions.length) p.line(`Did you mean: ${a.suggestions.map(discordText).join(' · ')}?`);
    return;
  }
  p.section(discordText(a.name));
  p.line(`_${[a.kind, ...a.roles.slice(0, 3)].map(discordText).join(' · ')}_`);
  if (a.aliases.length) p.line(`Also: ${a.aliases.map(discordText).join(', ')}`);
  if (a.people.length) p.line(`People: ${a.people.map((x) => `${discordText(x.name)} (${x.roles.map(discordText).join(', ')})`).join(' · ')}`);
  summary(p, extra);
  if (a.activity.length) {
    p.line('**Recent**');
    for (const x of a.activity) p.line(`- ${day(x.date, x.dateText)}: ${discordText(x.text)} ${cites(x.sources)}`);
  }
  if (a.stance.length) {
    p.line('**Stance**');
    for (const x of a.stance) p.line(`- ${x.issues.map(discordText).join(' · ')}: ${discordText(x.text)} ${cites(x.sources)}`);
  }
  if (a.appearsIn.length) p.line(`**Appears in:** ${a.appearsIn.map((s) => `#${s.id} ${discordText(s.headline)}`).join(' · ')}`);
  addSources(p, a.sources, tz);
}

function phase(p: EmbedPacker, x: PhaseAnswer, tz: string, extra: AnswerSummaryFields = {}): void {
  if (isPhaseUnknown(x)) {
    p.section('Phase not found');
    p.line(`_${discordText(x.message)}._`);
    return;
  }
  if (isPhaseCandidates(x)) {
    p.section(`"${discordText(x.name)}" matches ${x.candidates.length} processes`);
    x.candidates.forEach((c, i) => {
      const span = c.from ? (c.from.slice(0, 10) === c.to?.slice(0, 10) ? when(c.from, tz) : `${when(c.from, tz)} to ${when(c.to ?? c.from, tz)}`) : 'undated';
      const sl = c.storylineId !== null ? `storyline ${c.storylineId}` : 'no storyline';
      p.line(`${String.fromCharCode(97 + (i % 26))}. ${discordText(c.process)} (${sl}): ${c.status ? discordText(c.status) : 'status not reported'}; ${c.articles} article${c.articles === 1 ? '' : 's'}, ${span} · process \`${c.key.replace(/`/g, '')}\``);
    });
    return;
  }
  p.section(`${discordText(x.name)}: ${discordText(x.process)}`);
  summary(p, extra);
  p.line(`**Status:** ${x.status ? `${discordText(x.status)} (${x.statusDate ? `reported ${when(x.statusDate, tz)}` : 'report undated'}) ${cites(x.statusSources)}` : 'not reported'}`);
  if (x.components.length) p.line(`**Contains:** ${x.components.map((c) => `${discordText(c.name)} ${cites(c.sources)}`).join(' · ')}`);
  if (x.stickingPoints.length) {
    p.line('**Sticking points**');
    for (const s of x.stickingPoints) p.line(`- ${discordText(s.text)} ${cites(s.sources)}`);
  }
  if (x.actors.length) {
    p.line('**Actors**');
    for (const a of x.actors) p.line(`- ${discordText(a.name)}: ${discordText(a.text)} ${cites(a.sources)}`);
  }
  if (x.timeline.length) {
    p.line('**Timeline**');
    for (const e of x.timeline) p.line(`- ${day(e.date, e.dateText, e.precision)}: ${discordText(e.text)} ${cites(e.sources)}${e.note ? ` _(${discordText(e.note)})_` : ''}`);
  }
  addSources(p, x.sources, tz);
  if (x.others.length) {
    p.section(`Also a ${discordText(x.name.toLowerCase())} in`);
    x.others.forEach((c, i) => {
      const span = c.from ? (c.from.slice(0, 10) === c.to?.slice(0, 10) ? when(c.from, tz) : `${when(c.from, tz)} to ${when(c.to ?? c.from, tz)}`) : 'undated';
      p.line(`${String.fromCharCode(98 + (i % 25))}. ${discordText(c.process)}: ${c.status ? discordText(c.status) : 'status not reported'}; ${c.articles} article${c.articles === 1 ? '' : 's'}, ${span} · process \`${c.key.replace(/`/g, '')}\``);
    });
  }
}

function timeline(p: EmbedPacker, t: TimelineView, tz: string): void {
  p.section('Timeline');
  if (!t.entries.length) p.line('_No dated events found._');
  for (const e of t.entries) {
    const sl = e.storyline ? ` _(${discordText(e.storyline.title)})_` : '';
    p.line(`- ${day(e.date, undefined, e.precision)}: ${discordText(e.text)} ${cites(e.sources)}${e.note ? ` _(${discordText(e.note)})_` : ''}${sl}`);
  }
  addSources(p, t.sources, tz);
}

function plain(text: string, ephemeral = false): DiscordMessage[] {
  return [{ content: cutText(text, LIMITS.content), embeds: [], allowed_mentions: NO_MENTIONS(), ...(ephemeral ? { flags: EPHEMERAL } : {}) }];
}

/** One or more messages for a view; the first answers the interaction, the rest follow up. */
export function renderDiscord(view: View, opts: DiscordRenderOptions = {}): DiscordMessage[] {
  const tz = opts.timeZone ?? 'UTC';
  const p = new EmbedPacker(COLOR);
  switch (view.kind) {
    case 'briefing':
      briefing(p, view, tz);
      break;
    case 'digest':
      return digest(view, tz);
    case 'stories':
      stories(p, view, tz);
      break;
    case 'actor':
      actor(p, view.answer, tz, view);
      break;
    case 'phase':
      phase(p, view.answer, tz, view);
      break;
    case 'timeline':
      timeline(p, view.timeline, tz);
      break;
    case 'names':
      return plain(view.names.length ? view.names.map((n) => discordText(n)).join('\n') : '_No names match._');
    case 'confirmation':
      return plain(discordText(view.message));
    case 'sources':
    case 'subscriptions':
    case 'settings':
    case 'help':
      // Lists of the channel's own setup: the Markdown rendering (Discord reads Markdown; mentions
      // and links are defused there), as plain content.
      return plain(renderMarkdown(view, { timeZone: tz }), view.kind === 'help');
    case 'refusal':
      return plain(`_${discordText(view.message)}_`, true);
    case 'error':
      return plain(`_${discordText(view.message)}_`, true);
  }
  return p.done();
}

function digest(d: DigestView, tz: string): DiscordMessage[] {
  if (!d.items.length) return plain(`_No stories moved in the last ${discordText(d.window)}._`);
  const p = new EmbedPacker(COLOR);
  for (const item of d.items) briefing(p, item, tz);
  const out = p.done();
  out[0]!.content ??= `**Digest**: the last ${discordText(d.window)}`;
  return out;
}

/** A one-line failure or refusal, only for the asker. */
export function ephemeralLine(text: string): DiscordMessage {
  return plain(`_${discordText(text)}_`, true)[0]!;
}
