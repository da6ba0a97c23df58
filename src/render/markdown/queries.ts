// Markdown for the /actor, /phase and /timeline answers (terminal, console chat). Article text is
// data: escaped by ./escape.ts like every Markdown view, so it cannot become links or mentions.
import { isRelativeDateText } from '../../analyze/events.js';
import { cites, dateAsGiven, shortDate, sourceLine } from './briefing.js';
import { inline } from './escape.js';
import type { AnswerSummaryFields } from '../../commands/view.js';
import { isActorUnknown, isPhaseCandidates, isPhaseUnknown, type ActorAnswer, type PhaseAnswer, type QuerySource, type TimelineView } from '../../queries/index.js';

function day(date: string | null, dateText?: string, precision?: 'month' | 'year'): string {
  if (date) return dateAsGiven(date, precision);
  if (!dateText) return 'undated';
  const written = dateText.replace(/[\s,;:.]+$/, '');
  // "on Wednesday" needs the article's date, "June 5" only its year: say which is missing.
  return `${inline(written)} (${isRelativeDateText(written) ? 'article undated' : 'year not given'})`;
}

function sourcesBlock(sources: QuerySource[], timeZone: string): string[] {
  if (!sources.length) return [];
  const lines = ['', '**Sources**'];
  for (const s of sources) lines.push(sourceLine(s, timeZone));
  return lines;
}

/** A model's summary (or why there is none), shown above the computed answer; nothing when neither is there. */
function summaryBlock(x: AnswerSummaryFields): string[] {
  const lines: string[] = [];
  if (x.note) lines.push(`_${inline(x.note)}_`);
  if (x.summary) {
    lines.push('', '**Summary**', inline(x.summary.text));
    for (const p of x.summary.points) lines.push(`- ${inline(p.text)} ${cites(p.sources)}`);
  }
  return lines;
}

export function renderActorMarkdown(a: ActorAnswer, timeZone = 'UTC', extra: AnswerSummaryFields = {}): string {
  if (isActorUnknown(a)) {
    const lines = [`_${inline(a.message)}._`];
    if (a.suggestions.length) lines.push(`Did you mean: ${a.suggestions.map(inline).join(' · ')}?`);
    return lines.join('\n') + '\n';
  }
  const lines: string[] = [];
  const who = [a.kind, ...a.roles.slice(0, 3)].map(inline).join(' · ');
  lines.push(`## ${inline(a.name)}`, `_${who}_`);
  if (a.aliases.length) lines.push(`Also: ${a.aliases.map(inline).join(', ')}`);
  if (a.people.length) lines.push(`People: ${a.people.map((p) => `${inline(p.name)} (${p.roles.map(inline).join(', ')})`).join(' · ')}`);
  lines.push(...summaryBlock(extra));
  if (a.activity.length) {
    lines.push('', '**Recent**');
    for (const x of a.activity) lines.push(`- ${day(x.date, x.dateText)}: ${inline(x.text)} ${cites(x.sources)}`);
  }
  if (a.stance.length) {
    lines.push('', '**Stance**');
    for (const x of a.stance) lines.push(`- ${x.issues.map(inline).join(' · ')}: ${inline(x.text)} ${cites(x.sources)}`);
  }
  if (a.appearsIn.length) lines.push('', `**Appears in:** ${a.appearsIn.map((s) => `#${s.id} ${inline(s.headline)}`).join(' · ')}`);
  lines.push(...sourcesBlock(a.sources, timeZone));
  return lines.join('\n') + '\n';
}

export function renderPhaseMarkdown(p: PhaseAnswer, timeZone = 'UTC', extra: AnswerSummaryFields = {}): string {
  if (isPhaseUnknown(p)) return `_${inline(p.message)}._\n`;
  if (isPhaseCandidates(p)) {
    const lines = [`"${inline(p.name)}" matches ${p.candidates.length} processes:`];
    p.candidates.forEach((c, i) => {
      const when = c.from ? (c.from.slice(0, 10) === c.to?.slice(0, 10) ? shortDate(c.from, timeZone) : `${shortDate(c.from, timeZone)} to ${shortDate(c.to ?? c.from, timeZone)}`) : 'undated';
      const sl = c.storylineId !== null ? `storyline ${c.storylineId}` : 'no storyline';
      lines.push(` ${String.fromCharCode(97 + (i % 26))}. ${inline(c.process)} (${sl}): ${c.status ?? 'status not reported'}; ${c.articles} article${c.articles === 1 ? '' : 's'}, ${when} · key \`${c.key}\``);
    });
    return lines.join('\n') + '\n';
  }
  const lines = [`## ${inline(p.name)}: ${inline(p.process)}`];
  lines.push(...summaryBlock(extra));
  if (extra.summary) lines.push('');
  lines.push(`**Status:** ${p.status ? `${p.status} (${p.statusDate ? `reported ${shortDate(p.statusDate, timeZone)}` : 'report undated'}) ${cites(p.statusSources)}` : 'not reported'}`);
  if (p.components.length) lines.push(`**Contains:** ${p.components.map((c) => `${inline(c.name)} ${cites(c.sources)}`).join(' · ')}`);
  if (p.stickingPoints.length) {
    lines.push('', '**Sticking points**');
    for (const s of p.stickingPoints) lines.push(`- ${inline(s.text)} ${cites(s.sources)}`);
  }
  if (p.actors.length) {
    lines.push('', '**Actors**');
    for (const a of p.actors) lines.push(`- ${inline(a.name)}: ${inline(a.text)} ${cites(a.sources)}`);
  }
  if (p.timeline.length) {
    lines.push('', '**Timeline**');
    for (const e of p.timeline) lines.push(`- ${day(e.date, e.dateText, e.precision)}: ${inline(e.text)} ${cites(e.sources)}${e.note ? ` _(${inline(e.note)})_` : ''}`);
  }
  lines.push(...sourcesBlock(p.sources, timeZone));
  if (p.others.length) {
    lines.push('', `**Also a ${inline(p.name.toLowerCase())} in** (pick one with \`--process KEY\`):`);
    p.others.forEach((c, i) => {
      const when = c.from ? (c.from.slice(0, 10) === c.to?.slice(0, 10) ? shortDate(c.from, timeZone) : `${shortDate(c.from, timeZone)} to ${shortDate(c.to ?? c.from, timeZone)}`) : 'undated';
      lines.push(`${String.fromCharCode(98 + (i % 25))}. ${inline(c.process)}: ${c.status ?? 'status not reported'}; ${c.articles} article${c.articles === 1 ? '' : 's'}, ${when} · key \`${c.key.replace(/`/g, '')}\``);
    });
  }
  return lines.join('\n') + '\n';
}

export function renderTimelineMarkdown(t: TimelineView, timeZone = 'UTC'): string {
  if (!t.entries.length) return '_No dated events found._\n';
  const lines = ['**Timeline**'];
  for (const e of t.entries) {
    const sl = e.storyline ? ` _(${inline(e.storyline.title)})_` : '';
    lines.push(`- ${day(e.date, undefined, e.precision)}: ${inline(e.text)} ${cites(e.sources)}${e.note ? ` _(${inline(e.note)})_` : ''}${sl}`);
  }
  lines.push(...sourcesBlock(t.sources, timeZone));
  return lines.join('\n') + '\n';
}
