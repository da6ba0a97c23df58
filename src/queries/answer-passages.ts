// A computed /actor or /phase answer as numbered passages for a model's summary (issue 11 item 1):
// each dated statement, stance, status, sticking point or timeline entry becomes one passage with
// the answer's own source numbers, so a summary point citing passages cites the answer's sources.
// Domain code: no model here; the engine fences the passages as untrusted data.
import type { AnswerPassage, AnswerRequest } from '../domain/types.js';
import type { ActorView } from './actor.js';
import type { PhaseView } from './phase.js';

/** Passages a summary is written from at most (the engine's token budget may cut further). */
export const MAX_ANSWER_PASSAGES = 30;

type AnswerInput = Pick<AnswerRequest, 'kind' | 'subject' | 'passages' | 'sources'>;

function numbered(items: Array<Omit<AnswerPassage, 'n'>>): AnswerPassage[] {
  return items
    .filter((p) => p.text.trim() && p.sources.length)
    .slice(0, MAX_ANSWER_PASSAGES)
    .map((p, i) => ({ n: i + 1, ...p }));
}

function when(date: string | null, dateText?: string): string {
  if (date) return date.slice(0, 10);
  return dateText ? `undated ("${dateText}")` : 'undated';
}

export function actorAnswerInput(a: ActorView): AnswerInput {
  return {
    kind: 'actor',
    subject: `${a.name} (${a.kind})`,
    passages: numbered([
      ...a.activity.map((x) => ({ label: `${when(x.date, x.dateText)} · ${a.name} ${x.kind}`, text: x.text, sources: x.sources })),
      ...a.stance.map((x) => ({ label: `${a.name}'s stance on ${x.issues.join(', ')}`, text: x.text, sources: x.sources })),
    ]),
    sources: a.sources,
  };
}

export function phaseAnswerInput(p: PhaseView): AnswerInput {
  const status = p.status && p.statusText ? [{ label: `status: ${p.status} (${p.statusDate ? `reported ${p.statusDate.slice(0, 10)}` : 'report undated'})`, text: p.statusText, sources: p.statusSources }] : [];
  return {
    kind: 'phase',
    subject: `${p.name}: ${p.process}`,
    passages: numbered([
      ...status,
      ...p.stickingPoints.map((s) => ({ label: `sticking point${s.topics.length ? ` (${s.topics.join(', ')})` : ''}`, text: s.text, sources: s.sources })),
      ...p.actors.map((x) => ({ label: `position of ${x.name}`, text: x.text, sources: x.sources })),
      ...p.timeline.map((e) => ({ label: `timeline ${when(e.date, e.dateText)}`, text: e.text, sources: e.sources })),
    ]),
    sources: p.sources,
  };
}
