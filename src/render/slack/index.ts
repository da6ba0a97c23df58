// Slack Block Kit for every view model. It shows what the view computed (news date, outlet count,
// sources not listed) and keeps inside Slack's limits: 50 blocks a message, 3000 characters a
// section, 150 a header, about 12,000 characters a message. A long answer is split across messages
// at line and sentence boundaries (a sentence longer than a section at a word boundary, never
// inside a word, a link or an escape); beyond `maxMessages` it is cut at a block boundary with a
// pointer saying what was left out. All text from articles goes through ./escape.ts.
import type { AnswerSummaryFields, BriefingView, DigestView, StoryListView, View } from '../../commands/view.js';
import { isRelativeDateText } from '../../analyze/events.js';
import { boundText } from '../../domain/bounds.js';
import { isActorUnknown, isPhaseCandidates, isPhaseUnknown, type ActorAnswer, type PhaseAnswer, type QuerySource, type TimelineView } from '../../queries/index.js';
import { cutEscaped, cutPoint, slackLink, slackPlain, slackText } from './escape.js';
import { pollStatusText, sourceNote } from '../poll-status.js';

export { slackText, slackLink, slackPlain, slackUnescape, escapeControl } from './escape.js';

/** Slack's limits, and ours under them. */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  sectionChars: 3000,
  headerChars: 150,
  /** Slack answers msg_blocks_too_long near 13,000 characters in all; we stay well under. */
  messageChars: 11_000,
  /** Fallback (notification) text of a message. */
  fallbackChars: 300,
} as const;

export interface MrkdwnText {
  type: 'mrkdwn';
  text: string;
  /** Always true: Slack must not turn plain words into links or mentions. */
  verbatim: true;
}
export interface PlainText {
  type: 'plain_text';
  text: string;
  emoji: boolean;
}
export type SlackBlock =
  | { type: 'header'; text: PlainText }
  | { type: 'section'; text: MrkdwnText }
  | { type: 'context'; elements: MrkdwnText[] }
  | { type: 'divider' };

export interface SlackMessage {
  /** Fallback text (notifications, screen readers), escaped like the blocks. */
  text: string;
  blocks: SlackBlock[];
}

export interface SlackRenderOptions {
  /** Dates shown in this IANA time zone (the channel's); default UTC. */
  timeZone?: string;
  /** Most messages one answer takes before it is cut with a pointer (default 4). */
  maxMessages?: number;
}

type Part = { t: 'header'; text: string } | { t: 'section'; text: string } | { t: 'context'; text: string } | { t: 'divider' };

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** One formatter per time zone: building an Intl.DateTimeFormat costs far more than formatting. */
const formats = new Map<string, Intl.DateTimeFormat>();

/** "Jun 6, 2026" in the given time zone; undefined for a missing or invalid date. */
export function slackDate(iso: string | undefined, timeZone = 'UTC'): string | undefined {
  if (!iso) return undefined;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return undefined;
  let f = formats.get(timeZone);
  if (!f) formats.set(timeZone, (f = new Intl.DateTimeFormat('en-US', { timeZone, month: 'short', day: 'numeric', year: 'numeric' })));
  return f.format(d);
}

/** A YYYY-MM-DD date as precise as its source gave it (a calendar day: no time zone applies). */
function dateAsGiven(date: string, precision?: 'month' | 'year'): string {
  const m = /^(\d{4})-(\d{2})-?(\d{2})?/.exec(date);
  if (!m) return slackText(date);
  if (precision === 'year') return m[1]!;
  const month = MONTHS[Number(m[2]) - 1] ?? m[2];
  if (precision === 'month' || !m[3]) return `${month} ${m[1]}`;
  return `${month} ${Number(m[3])}, ${m[1]}`;
}

const cites = (ns: number[]): string => ns.map((n) => `[${n}]`).join('');
const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;

class Renderer {
  constructor(private readonly tz: string) {}

  date(iso: string | undefined): string | undefined {
    return slackDate(iso, this.tz);
  }

  source(s: QuerySource): string {
    const parts = [slackLink(s.url, boundText(s.title)), s.outlet ? slackText(boundText(s.outlet, 100)) : undefined, this.date(s.publishedAt)].filter(Boolean);
    return `[${s.n}] ${parts.join(' · ')}`;
  }

  sources(list: QuerySource[], more = 0): Part[] {
    if (!list.length) return [];
    const lines = ['*Sources*', ...list.map((s) => this.source(s))];
    if (more > 0) lines.push(`_and ${plural(more, 'more source')}_`);
    return [{ t: 'section', text: lines.join('\n') }];
  }

  briefing(v: BriefingView): Part[] {
    const b = v.briefing;
    const parts: Part[] = [{ t: 'header', text: b.headline }];
    const meta = [this.date(v.newsDate), plural(v.outlets, 'outlet')];
    if (v.storyId !== undefined) meta.push(`story #${v.storyId}`);
    if (v.storyline) {
      const ws = v.storyline.title.split(/\s+/);
      meta.push(`storyline: ${slackText(ws.length > 10 ? `${ws.slice(0, 10).join(' ')}…` : v.storyline.title)}`);
    }
    if (b.phase && v.process) meta.push(`process: ${slackText(v.process)}`);
    if (b.phase) meta.push(`phase: ${slackText(b.phase.name)} (${slackText(b.phase.status)})`);
    parts.push({ t: 'context', text: meta.filter(Boolean).join(' · ') });
    if (b.note) parts.push({ t: 'context', text: `_${slackText(b.note)}_` });
    if (b.lede.trim()) parts.push({ t: 'section', text: slackText(b.lede) });
    if (b.takeaways.length) {
      const lines = ['*Key Takeaways*', ...b.takeaways.map((t, i) => `${i + 1}. ${slackText(t.text)} ${cites(t.sources)}`.trimEnd())];
      parts.push({ t: 'section', text: lines.join('\n') });
    }
    if (b.whyItMatters.trim()) parts.push({ t: 'section', text: `*Why it matters*\n${slackText(b.whyItMatters)}` });
    const extra: string[] = [];
    if (b.actors.length) extra.push(`*Actors:* ${b.actors.map((a) => (a.role ? `${slackText(a.name)} (${slackText(a.role)})` : slackText(a.name))).join(' · ')}`);
    if (b.phase) extra.push(`*Phase:* ${slackText(b.phase.name)}: ${slackText(b.phase.status)}`);
    if (extra.length) parts.push({ t: 'section', text: extra.join('\n') });
    parts.push(...this.sources(b.sources, v.moreSources));
    return parts;
  }

  digest(d: DigestView): Part[] {
    if (d.items.length === 0) return [{ t: 'section', text: `_No stories moved in the last ${slackText(d.window)}._` }];
    return d.items.flatMap((item, i) => [...(i ? [{ t: 'divider' } as Part] : []), ...this.briefing(item)]);
  }

  stories(v: StoryListView): Part[] {
    if (v.stories.length === 0) return [{ t: 'section', text: '_No stories in this window._' }];
    const lines = v.stories.map((s) => {
      const when = s.lastPublishedAt ? this.date(s.lastPublishedAt) : `seen ${this.date(s.lastSeenAt) ?? this.date(s.updatedAt)}`;
      return `• *#${s.id}* ${slackText(boundText(s.headline))} _(${[plural(s.articleCount, 'article'), when].filter(Boolean).join(', ')})_`;
    });
    const parts: Part[] = [{ t: 'section', text: lines.join('\n') }];
    if (v.anyUndated) parts.push({ t: 'context', text: '"seen": none of the story\'s articles states its publication date; shown is when it was last ingested.' });
    return parts;
  }

  day(date: string | null, dateText?: string, precision?: 'month' | 'year'): string {
    if (date) return dateAsGiven(date, precision);
    if (!dateText) return 'undated';
    const written = dateText.replace(/[\s,;:.]+$/, '');
    return `${slackText(written)} (${isRelativeDateText(written) ? 'article undated' : 'year not given'})`;
  }

  /** A model's summary (or why there is none), above the computed answer. */
  summary(x: AnswerSummaryFields): Part[] {
    const parts: Part[] = [];
    if (x.note) parts.push({ t: 'context', text: `_${slackText(x.note)}_` });
    if (x.summary) parts.push({ t: 'section', text: ['*Summary*', slackText(x.summary.text), ...x.summary.points.map((pt) => `• ${slackText(pt.text)} ${cites(pt.sources)}`)].join('\n') });
    return parts;
  }

  actor(a: ActorAnswer, extra: AnswerSummaryFields = {}): Part[] {
    if (isActorUnknown(a)) {
      const lines = [`_${slackText(a.message)}._`];
      if (a.suggestions.length) lines.push(`Did you mean: ${a.suggestions.map(slackText).join(' · ')}?`);
      return [{ t: 'section', text: lines.join('\n') }];
    }
    const parts: Part[] = [{ t: 'header', text: a.name }];
    parts.push({ t: 'context', text: [a.kind, ...a.roles.slice(0, 3)].map(slackText).join(' · ') });
    const about: string[] = [];
    if (a.aliases.length) about.push(`*Also:* ${a.aliases.map(slackText).join(', ')}`);
    if (a.people.length) about.push(`*People:* ${a.people.map((p) => `${slackText(p.name)} (${p.roles.map(slackText).join(', ')})`).join(' · ')}`);
    if (about.length) parts.push({ t: 'section', text: about.join('\n') });
    parts.push(...this.summary(extra));
    if (a.activity.length) parts.push({ t: 'section', text: ['*Recent*', ...a.activity.map((x) => `• ${this.day(x.date, x.dateText)}: ${slackText(x.text)} ${cites(x.sources)}`)].join('\n') });
    if (a.stance.length) parts.push({ t: 'section', text: ['*Stance*', ...a.stance.map((x) => `• ${x.issues.map(slackText).join(' · ')}: ${slackText(x.text)} ${cites(x.sources)}`)].join('\n') });
    if (a.appearsIn.length) parts.push({ t: 'section', text: `*Appears in:* ${a.appearsIn.map((s) => `#${s.id} ${slackText(boundText(s.headline))}`).join(' · ')}` });
    parts.push(...this.sources(a.sources));
    return parts;
  }

  phase(p: PhaseAnswer, extra: AnswerSummaryFields = {}): Part[] {
    if (isPhaseUnknown(p)) return [{ t: 'section', text: `_${slackText(p.message)}._` }];
    if (isPhaseCandidates(p)) {
      const lines = [`"${slackText(p.name)}" matches ${p.candidates.length} processes; pick one with \`--process &lt;key&gt;\`:`];
      p.candidates.forEach((c, i) => {
        const when = c.from ? (c.from.slice(0, 10) === c.to?.slice(0, 10) ? this.date(c.from) : `${this.date(c.from)} to ${this.date(c.to ?? c.from)}`) : 'undated';
        const sl = c.storylineId !== null ? `storyline ${c.storylineId}` : 'no storyline';
        lines.push(`${String.fromCharCode(97 + (i % 26))}. ${slackText(c.process)} (${sl}): ${c.status ? slackText(c.status) : 'status not reported'}; ${plural(c.articles, 'article')}, ${when} · key \`${slackText(c.key)}\``);
      });
      return [{ t: 'section', text: lines.join('\n') }];
    }
    const parts: Part[] = [{ t: 'header', text: `${p.name}: ${p.process}` }, ...this.summary(extra)];
    const head = [
      `*Status:* ${p.status ? `${slackText(p.status)} (${p.statusDate ? `reported ${this.date(p.statusDate)}` : 'report undated'}) ${cites(p.statusSources)}` : 'not reported'}`,
    ];
    if (p.components.length) head.push(`*Contains:* ${p.components.map((c) => `${slackText(c.name)} ${cites(c.sources)}`).join(' · ')}`);
    parts.push({ t: 'section', text: head.join('\n') });
    if (p.stickingPoints.length) parts.push({ t: 'section', text: ['*Sticking points*', ...p.stickingPoints.map((s) => `• ${slackText(s.text)} ${cites(s.sources)}`)].join('\n') });
    if (p.actors.length) parts.push({ t: 'section', text: ['*Actors*', ...p.actors.map((a) => `• ${slackText(a.name)}: ${slackText(a.text)} ${cites(a.sources)}`)].join('\n') });
    if (p.timeline.length) {
      const lines = p.timeline.map((e) => `• ${this.day(e.date, e.dateText, e.precision)}: ${slackText(e.text)} ${cites(e.sources)}${e.note ? ` _(${slackText(e.note)})_` : ''}`);
      parts.push({ t: 'section', text: ['*Timeline*', ...lines].join('\n') });
    }
    parts.push(...this.sources(p.sources));
    if (p.others.length) {
      const lines = [`*Also a ${slackText(p.name.toLowerCase())} in* (pick one with \`--process &lt;key&gt;\`):`];
      p.others.forEach((c, i) => {
        const when = c.from ? (c.from.slice(0, 10) === c.to?.slice(0, 10) ? this.date(c.from) : `${this.date(c.from)} to ${this.date(c.to ?? c.from)}`) : 'undated';
        lines.push(`${String.fromCharCode(98 + (i % 25))}. ${slackText(c.process)}: ${c.status ? slackText(c.status) : 'status not reported'}; ${plural(c.articles, 'article')}, ${when} · key \`${slackText(c.key)}\``);
      });
      parts.push({ t: 'section', text: lines.join('\n') });
    }
    return parts;
  }

  timeline(t: TimelineView): Part[] {
    if (!t.entries.length) return [{ t: 'section', text: '_No dated events found._' }];
    const lines = t.entries.map((e) => {
      const sl = e.storyline ? ` _(${slackText(e.storyline.title)})_` : '';
      return `• ${this.day(e.date, undefined, e.precision)}: ${slackText(e.text)} ${cites(e.sources)}${e.note ? ` _(${slackText(e.note)})_` : ''}${sl}`;
    });
    return [{ t: 'section', text: ['*Timeline*', ...lines].join('\n') }, ...this.sources(t.sources)];
  }

  view(view: View): Part[] {
    switch (view.kind) {
      case 'briefing':
        return this.briefing(view);
      case 'digest':
        return this.digest(view);
      case 'stories':
        return this.stories(view);
      case 'actor':
        return this.actor(view.answer, view);
      case 'phase':
        return this.phase(view.answer, view);
      case 'timeline':
        return this.timeline(view.timeline);
      case 'names':
        return [{ t: 'section', text: view.names.length ? view.names.map(slackText).join('\n') : `_No ${view.of} known yet._` }];
      case 'confirmation':
        return [{ t: 'section', text: slackText(view.message) }];
      case 'sources':
        return [
          {
            t: 'section',
            text: view.sources.length
              ? [
                  `*Sources* (${view.sources.length} of at most ${view.max})`,
                  ...view.sources.map((s, i) => {
                    // The state may quote a server's error text: escaped like any other data.
                    const state = view.at ? `: ${slackText(pollStatusText(s.poll, new Date(view.at), this.tz))}` : '';
                    return `${i + 1}. ${slackLink(s.url, s.url)} (${sourceNote(s)})${state}`;
                  }),
                ].join('\n')
              : `_This channel has no sources yet (sources add <url>; at most ${view.max})._`.replace(/</g, '&lt;').replace(/>/g, '&gt;'),
          },
        ];
      case 'subscriptions': {
        const head = view.message ? [slackText(view.message)] : [];
        const list = view.subscriptions.length
          ? [`*Subscriptions* (${view.subscriptions.length} of at most ${view.max})`, ...view.subscriptions.map((s) => `• ${s.kind === 'all' ? 'all stories' : `${s.kind}: ${slackText(s.value)}`}`)]
          : ['_This channel subscribes to nothing (subscribe topic, actor or all)._'];
        return [{ t: 'section', text: [...head, ...list].join('\n') }];
      }
      case 'settings': {
        const row = (label: string, key: 'digestTime' | 'timeZone' | 'quietDays' | 'storyPosts'): string => {
          const set = view.settings[key];
          return `• ${label}: ${set !== undefined ? slackText(set) + (view.changed.includes(key) ? ' (changed)' : '') : `${slackText(view.defaults[key])} (default)`}`;
        };
        return [{ t: 'section', text: ['*Settings*', row('digest time', 'digestTime'), row('time zone', 'timeZone'), row('quiet days', 'quietDays'), row('story posts', 'storyPosts')].join('\n') }];
      }
      case 'help':
        return [
          {
            t: 'section',
            text: [
              ...(view.commands.length === 1 ? [] : ['*Commands*']),
              ...view.commands.map((c) => `• \`/news ${slackPlain(c.usage).replace(/`/g, "'").replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}\`: ${slackText(c.description)}${c.admin ? ' _(admins)_' : ''}`),
            ].join('\n'),
          },
        ];
      case 'refusal':
        return [{ t: 'section', text: `:no_entry: ${slackText(view.message)}` }];
      case 'error':
        return [{ t: 'section', text: `:warning: ${slackText(view.message)}` }];
    }
  }
}

/** A view as Slack messages (one or more), every one inside Slack's limits. */
export function renderSlack(view: View, opts: SlackRenderOptions = {}): SlackMessage[] {
  const parts = new Renderer(opts.timeZone ?? 'UTC').view(view);
  return packMessages(toBlocks(parts), opts.maxMessages ?? 4);
}

/** Untrusted-free text of our own (help, usage) as Slack messages; `text` is already mrkdwn. */
export function slackMessagesOf(mrkdwn: string, maxMessages = 4): SlackMessage[] {
  return packMessages(toBlocks([{ t: 'section', text: mrkdwn }]), maxMessages);
}

const mrkdwn = (text: string): MrkdwnText => ({ type: 'mrkdwn', text, verbatim: true });

function toBlocks(parts: Part[]): SlackBlock[] {
  const blocks: SlackBlock[] = [];
  for (const p of parts) {
    if (p.t === 'divider') blocks.push({ type: 'divider' });
    else if (p.t === 'header') {
      const text = cutEscaped(slackPlain(p.text), SLACK_LIMITS.headerChars);
      if (text) blocks.push({ type: 'header', text: { type: 'plain_text', text, emoji: false } });
    } else {
      for (const chunk of chunks(p.text, SLACK_LIMITS.sectionChars)) {
        blocks.push(p.t === 'section' ? { type: 'section', text: mrkdwn(chunk) } : { type: 'context', elements: [mrkdwn(chunk)] });
      }
    }
  }
  return blocks;
}

/**
 * Escaped mrkdwn in pieces of at most `max` characters: whole lines while they fit; a longer line
 * at a sentence end, else a word boundary (a 10,000-character sentence becomes several sections,
 * none cut inside a word, a link or an escape).
 */
export function chunks(text: string, max: number): string[] {
  const out: string[] = [];
  let cur = '';
  const flush = (): void => {
    if (cur.trim()) out.push(cur);
    cur = '';
  };
  for (let line of text.split('\n')) {
    if ((cur ? cur.length + 1 : 0) + line.length <= max) {
      cur = cur ? `${cur}\n${line}` : line;
      continue;
    }
    flush();
    while (line.length > max) {
      const at = cutPoint(line, max, true);
      out.push(line.slice(0, at).trimEnd());
      line = line.slice(at).trimStart();
    }
    cur = line;
  }
  flush();
  return out;
}

function blockChars(b: SlackBlock): number {
  switch (b.type) {
    case 'divider':
      return 0;
    case 'context':
      return b.elements.reduce((n, e) => n + e.text.length, 0);
    default:
      return b.text.text.length;
  }
}

function fallbackOf(blocks: SlackBlock[]): string {
  const first = blocks.find((b) => b.type !== 'divider');
  const text = !first ? '' : first.type === 'context' ? first.elements[0]!.text : first.text.text;
  // Fallback text shows without formatting: the first line, unformatted marks left as they are.
  return cutEscaped(text.split('\n')[0] ?? '', SLACK_LIMITS.fallbackChars) || 'newsbrief';
}

function packMessages(blocks: SlackBlock[], maxMessages: number): SlackMessage[] {
  const messages: SlackBlock[][] = [];
  let cur: SlackBlock[] = [];
  let chars = 0;
  for (const b of blocks) {
    const n = blockChars(b);
    if (cur.length && (cur.length + 1 > SLACK_LIMITS.blocksPerMessage || chars + n > SLACK_LIMITS.messageChars)) {
      messages.push(cur);
      cur = [];
      chars = 0;
    }
    if (!cur.length && b.type === 'divider') continue; // a message never starts with a divider
    cur.push(b);
    chars += n;
  }
  if (cur.length) messages.push(cur);
  if (messages.length > Math.max(1, maxMessages)) {
    const kept = messages.slice(0, Math.max(1, maxMessages));
    let left = messages.slice(kept.length).reduce((n, m) => n + m.filter((b) => b.type !== 'divider').length, 0);
    const last = kept.at(-1)!;
    // Room for the pointer: drop trailing blocks of the last message until it fits.
    while (last.length > 1 && (last.length + 1 > SLACK_LIMITS.blocksPerMessage || last.reduce((n, b) => n + blockChars(b), 0) + 300 > SLACK_LIMITS.messageChars)) {
      if (last.pop()!.type !== 'divider') left++;
    }
    while (last.length > 1 && last.at(-1)?.type === 'divider') last.pop();
    const pointer: SlackBlock = {
      type: 'context',
      elements: [mrkdwn(`:scissors: Cut here: ${plural(left, 'more part')} did not fit in ${plural(kept.length, 'message')}. Ask for less (a narrower topic, \`--limit\`, \`--since\`) to see the rest.`)],
    };
    last.push(pointer);
    return kept.map((m) => ({ text: fallbackOf(m), blocks: m }));
  }
  return messages.map((m) => ({ text: fallbackOf(m), blocks: m }));
}
