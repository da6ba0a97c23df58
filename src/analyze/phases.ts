// Phases of a process in one article: which phase is mentioned ("Phase One", "the initial phase",
// "next phase"), what it contains (withdrawal, stabilisation force, disarmament...), its status as
// reported (agreed, underway, stalled...), its sticking points, and which agreement it belongs to
// (dated anchors such as "the ceasefire agreed in October 2025"), so that the same words in two
// agreements can be kept apart. Everything is a sentence of the article; nothing is inferred
// beyond the words near the mention.
import * as V from './knowledge/phase-vocabulary.data.js';
import { sentenceSpans } from './actors.js';
import { datesInSentence } from './events.js';

export type PhaseStatus = 'agreed' | 'underway' | 'under negotiation' | 'stalled' | 'expiring' | 'expired' | 'completed';

export interface PhaseMention {
  ordinal: number;
  /** "Phase one", "Phase two"... */
  name: string;
  sentenceIndex: number;
  /** The sentence, trimmed. */
  text: string;
  /** Components named with this phase (its sentence, or the paragraph describing it). */
  components: string[];
  status?: { value: PhaseStatus; text: string };
  /** Sentence naming a sticking point for this phase (same sentence, or the paragraph describing it). */
  stickingPoint?: string;
}

export interface StickingPoint {
  sentenceIndex: number;
  text: string;
  /** What the dispute is about ("disarmament", "composition of the stabilisation force"...); may be empty. */
  topics: string[];
  /** The phase the sentence or its paragraph is about, when it names one. */
  phase?: number;
}

export interface ProcessAnchor {
  /** "ceasefire of October 2025", "truce of January 2025"; without a year: "ceasefire of January 19". */
  label: string;
  /** YYYY-MM-DD, YYYY-MM or YYYY, as precise as the text allows; absent when the year is unknown. */
  anchorDate?: string;
  /** The sentence that dates it. */
  text: string;
  sentenceIndex: number;
}

export interface PhaseAnalysis {
  process?: ProcessAnchor;
  mentions: PhaseMention[];
  stickingPoints: StickingPoint[];
}

const ORDINALS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, '1': 1, '2': 2, '3': 3, '4': 4, '5': 5,
  i: 1, ii: 2, iii: 3, iv: 4, v: 5,
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, initial: 1, opening: 1,
};
const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

const PHASE_RE =
  /\b(?:(?:phase|stage)\s+(one|two|three|four|five|[1-5]|iv|v|i{1,3})(?![\p{L}\p{N}])|(first|second|third|fourth|fifth|initial|opening|next)\s+(?:phase|stage))(?![\p{L}\p{N}])/giu;

/** Normalises a phase name ("Phase 2", "second phase", "phase II") to its ordinal; undefined if none. */
export function phaseOrdinal(name: string): number | undefined {
  const s = name.toLowerCase().normalize('NFKC').replace(/\s+/g, ' ').trim().slice(0, 100);
  const m = /(?:phase|stage)\s+(one|two|three|four|five|[1-9]|iv|v|i{1,3})\b|\b(first|second|third|fourth|fifth|initial|opening)\s+(?:phase|stage)\b|^(one|two|three|four|five|[1-9]|first|second|third|fourth|fifth)$/.exec(s);
  if (!m) return undefined;
  const w = m[1] ?? m[2] ?? m[3]!;
  return ORDINALS[w] ?? (/^\d$/.test(w) ? Number(w) : undefined);
}

export function phaseName(ordinal: number): string {
  return `Phase ${NUMBER_WORDS[ordinal] ?? String(ordinal)}`;
}

// Components of a phased process (a peace deal, a trade agreement), with the words that name them
// (src/analyze/knowledge/phase-vocabulary.data.ts). Order = display order; a component is shown for
// a phase only where a sentence of it names it.
export const PHASE_COMPONENTS: ReadonlyArray<{ name: string; re: RegExp }> = V.PHASE_COMPONENT_PATTERNS.map((c) => ({ name: c.name, re: new RegExp(c.pattern, 'i') }));

// "Set to expire" is a phase still in force whose end is near, not one that has ended (see the data).
const STATUS_CUES: ReadonlyArray<{ value: PhaseStatus; re: RegExp }> = V.PHASE_STATUS_PATTERNS.map((c) => ({ value: c.status as PhaseStatus, re: new RegExp(c.pattern, 'gi') }));

const STICKING_RE = new RegExp(V.STICKING_PATTERN, 'i');
const HEDGE_BEFORE_RE = new RegExp(V.STATUS_HEDGE_PATTERN, 'iu');
const TALKS_OBJECT_RE = new RegExp(V.TALKS_OBJECT_PATTERN, 'i');
const TALKS_FUTURE_RE = new RegExp(V.TALKS_FUTURE_PATTERN, 'i');
// "the Karsovia prisoner accord", "a tariff pact": the kind words name the process, not what a
// phase holds, so they are blanked before components are read.
const PROCESS_NAME_RE = new RegExp(
  String.raw`\b(?:${V.PROCESS_KIND_PATTERNS.filter((k) => !k.standalone).map((k) => `(?:${k.pattern})`).join('|')})(?=\s+(?:${V.GENERIC_PROCESS_NOUNS.join('|')})\b)`,
  'gi',
);

const STICKING_TOPICS: ReadonlyArray<{ name: string; re: RegExp }> = V.STICKING_TOPIC_PATTERNS.map((t) => ({ name: t.name, re: new RegExp(t.pattern, 'i') }));

const PROCESS_NOUN_RE = /\b(ceasefire|cease-fire|truce|peace plan|plan|deal|agreement|accord|framework)\b/gi;
const PROCESS_NOUN_TEST = /\b(?:ceasefire|cease-fire|truce|plan|deal|agreement|accord|framework)\b/i;
const ANCHOR_VERB_RE = /\b(?:agreed|signed|reached|took effect|taken effect|came into (?:effect|force)|went into effect|began|begun|started|brokered|announced|unveiled|struck|sealed|launched|approved|adopted|established|concluded|finali[sz]ed|ratified|in (?:effect|force|place) since|(?:held|hold|holding) since)\b/i;
/** "the agreement since October 2025", "the truce in January": a date right after the noun. */
const ADJACENT_DATE_RE = /\b(?:since|in|from|of)\s+(?:(?:early|late|mid-?)\s*)?(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:19|20)\d{2})\b/;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

interface Found {
  ordinal: number;
  index: number;
  length: number;
  sentenceIndex: number;
}

// Sentences from splitSentences already have single spaces.
function trimSentence(s: string): string {
  return s.trim();
}

function componentsOf(sentence: string): string[] {
  const out: string[] = [];
  const text = sentence.replace(PROCESS_NAME_RE, (w) => ' '.repeat(w.length));
  for (const c of PHASE_COMPONENTS) if (c.re.test(text)) out.push(c.name);
  return out;
}

const CLAUSE_STOP_RE = new RegExp(V.CLAUSE_BREAK_PATTERN, 'i');

/**
 * In a sentence naming several phases, the components of one: those in the words from its mention
 * to the next mention or the end of its clause ("after phase one's prisoner exchange ended, talks on
 * phase two began": the exchange is phase one's).
 */
function componentsInClause(sentence: string, f: Found, all: Found[]): string[] {
  const from = f.index + f.length;
  const next = all.filter((x) => x.index >= from).reduce((m, x) => Math.min(m, x.index), sentence.length);
  let clause = sentence.slice(from, next);
  // "phase one, which freed detainees, ...": a relative clause right after the mention is its own.
  const relative = /^\s*,\s*(?:which|that)\b/i.exec(clause);
  if (relative) clause = clause.slice(relative[0].length);
  // The clause ends at a mark or a word opening another ("phase two begins after the exchange of
  // phase one ends": the exchange is not phase two's).
  const stop = CLAUSE_STOP_RE.exec(clause);
  if (stop) clause = clause.slice(0, stop.index);
  // "... after the prisoner exchange of phase one": a noun joined to the mention by "of" is its.
  const prev = all.filter((x) => x.index + x.length <= f.index).reduce((m, x) => Math.max(m, x.index + x.length), 0);
  const lead = sentence.slice(prev, f.index);
  if (/\b(?:of|in|under|during|from)\s+(?:the\s+)?$/i.test(lead)) {
    const parts = lead.split(CLAUSE_STOP_RE);
    clause += ` ${parts[parts.length - 1] ?? ''}`;
  }
  return componentsOf(clause);
}

function stickingTopics(sentence: string): string[] {
  const out: string[] = [];
  for (const t of STICKING_TOPICS) if (t.re.test(sentence)) out.push(t.name);
  for (const c of PHASE_COMPONENTS) {
    if (c.name === 'ceasefire' || c.name === 'permanent end to the war' || c.name === 'ceasefire monitoring') continue;
    if (c.re.test(sentence) && !out.some((o) => o.includes(c.name.split(' ').pop()!))) out.push(c.name);
  }
  return out;
}

/** The stages of a phase, in order: of two said of one phase in one sentence, the later is now. */
const LIFECYCLE: Partial<Record<PhaseStatus, number>> = { 'under negotiation': 0.5, agreed: 1, underway: 2, stalled: 2.5, expiring: 2.5, completed: 3, expired: 3 };

/** Status cues in a sentence, each given to the phase mention nearest to it. */
function statusesFor(sentence: string, found: Found[]): Map<Found, { value: PhaseStatus; text: string; distance: number }> {
  const cues: Array<{ value: PhaseStatus; start: number; end: number }> = [];
  for (const c of STATUS_CUES) {
    c.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = c.re.exec(sentence))) cues.push({ value: c.value, start: m.index, end: m.index + m[0].length });
  }
  // A cue inside a longer cue ("under way" in "preparations are under way") yields to it.
  // A cue inside a longer cue ("under way" in "preparations are under way") yields to it; a hedged
  // or negated one ("could collapse", "has not yet started") says nothing of the phase.
  const kept = cues.filter(
    (c) => !cues.some((o) => o !== c && o.start <= c.start && o.end >= c.end && o.end - o.start > c.end - c.start) && !(c.value !== 'expiring' && HEDGE_BEFORE_RE.test(sentence.slice(Math.max(0, c.start - 40), c.start))),
  );
  const best = new Map<Found, { value: PhaseStatus; text: string; distance: number }>();
  for (const c of kept) {
    let nearest: Found | undefined;
    let nearestD = Infinity;
    for (const f of found) {
      const d = c.start >= f.index + f.length ? c.start - (f.index + f.length) : f.index - c.end;
      // "will not discuss X until phase one ...": a cue in another clause is not about this phase.
      const between = c.start >= f.index ? sentence.slice(f.index + f.length, c.start) : sentence.slice(c.end, f.index);
      if (/\b(?:until|unless|before|after|because|while|whereas|if)\b/i.test(between)) continue;
      // Cues before the mention count for a little less ("stalled since ... phase" is rarer).
      const w = c.start >= f.index ? d : d * 1.5;
      if (w < nearestD) { nearestD = w; nearest = f; }
    }
    if (!nearest || nearestD > 90) continue;
    let value = c.value;
    // "Talks on phase two began": the verb is the talks', so the phase is under negotiation, and
    // "talks on phase two are expected to begin" gives it no status yet; "talks on phase two have
    // been put on hold": what is said of the talks after the phase outranks the bare "talks on".
    const talksObject = TALKS_OBJECT_RE.test(sentence.slice(Math.max(0, nearest.index - 40), nearest.index));
    let outranks = false;
    if (talksObject) {
      if (TALKS_FUTURE_RE.test(sentence.slice(nearest.index + nearest.length))) continue;
      if (value === 'underway') value = 'under negotiation';
      const cur = best.get(nearest);
      outranks = c.start > nearest.index && cur?.value === 'under negotiation' && value !== 'under negotiation';
      if (c.start < nearest.index && value === 'under negotiation' && cur && cur.value !== 'under negotiation') continue;
    }
    const cur = best.get(nearest);
    // "was signed in November and its releases were completed": of two stages said of one phase,
    // the later one is its status now, whichever cue is nearer.
    const later = cur !== undefined && (LIFECYCLE[value] ?? 0) > (LIFECYCLE[cur.value] ?? 0) && (LIFECYCLE[cur.value] ?? 0) > 0;
    if (!cur || later || outranks || (nearestD < cur.distance && !((LIFECYCLE[cur.value] ?? 0) > (LIFECYCLE[value] ?? 0) && (LIFECYCLE[value] ?? 0) > 0))) best.set(nearest, { value, text: trimSentence(sentence), distance: nearestD });
  }
  return best;
}

function paragraphIds(text: string, spans: Array<{ start: number; end: number }>): number[] {
  const ids: number[] = [];
  let id = 0;
  for (let i = 0; i < spans.length; i++) {
    if (i > 0 && /\n\s*\n/.test(text.slice(spans[i - 1]!.end, spans[i]!.start))) id++;
    ids.push(id);
  }
  return ids;
}

const PRECISION_RANK = { day: 3, month: 2, year: 1 } as const;

/**
 * The process an article dates: of every dated anchor in it, the most precise (an article that
 * says "agreed in late 2025" and "in force since October 2025" dates it to October 2025), the
 * first among equals; else a named plan without a date.
 */
function processFrom(sentences: string[], articleDate?: Date): ProcessAnchor | undefined {
  let best: { anchor: ProcessAnchor; rank: number } | undefined;
  for (let i = 0; i < sentences.length; i++) {
    const s = sentences[i]!;
    PROCESS_NOUN_RE.lastIndex = 0;
    // Cheap checks first: only a sentence with a process noun and a dating verb, "the <Month>" or a
    // date right after a preposition is parsed.
    if (!PROCESS_NOUN_TEST.test(s) || !(ANCHOR_VERB_RE.test(s) || ADJACENT_DATE_RE.test(s) || /\b(?:the|of)\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\b/.test(s))) continue;
    const nouns = [...s.matchAll(PROCESS_NOUN_RE)];
    if (!nouns.length) continue;
    const dates = datesInSentence(s, articleDate);
    for (const d of dates) {
      if (d.precision === 'year' && !/\b(?:in|since)\b/i.test(d.text)) continue;
      // "the October 2025 plan", "the plan of October 2025", or "ceasefire ... agreed in October 2025".
      let noun: string | undefined;
      for (const n of nouns) {
        const nIdx = n.index!;
        const between = nIdx < d.index ? s.slice(nIdx + n[0].length, d.index) : s.slice(d.index + d.text.length, nIdx);
        if (nIdx > d.index && /^\s*$/.test(between)) { noun = n[1]; break; }
        if (nIdx < d.index && /^\s+of\s+$/i.test(between)) { noun = n[1]; break; }
        // "agreement since October 2025" (the preposition may be part of the date's text or not).
        if (nIdx < d.index && /^\s+(?:(?:since|in|from)\s+)?$/i.test(between) && /^(?:since|in|from)\b/i.test(`${between.trim()} ${d.text}`.trim())) { noun = n[1]; break; }
        if (nIdx < d.index && between.length <= 90 && ANCHOR_VERB_RE.test(between) && !/[.;]/.test(between)) { noun = n[1]; break; }
        // "signed the first phase of an accord in X on Wednesday": the verb before the noun, only a
        // venue between the noun and the date.
        if (nIdx < d.index && /^\s+(?:(?:in|at)\s+(?:[\p{Lu}][\p{L}'’-]*\s+){1,3})?$/u.test(between) && ANCHOR_VERB_RE.test(s.slice(Math.max(0, nIdx - 60), nIdx).split(/[,;]/).pop()!)) { noun = n[1]; break; }
      }
      if (!noun) continue;
      if (d.date && articleDate && d.date > articleDate.toISOString().slice(0, 10)) continue;
      const nounLabel = noun.toLowerCase() === 'cease-fire' ? 'ceasefire' : noun.toLowerCase();
      const written = d.text.replace(/^(?:on|in|since|from)\s+/i, '');
      if (!d.date) {
        // No year: ranks below any dated anchor.
        if (!best) best = { anchor: { label: `${nounLabel} of ${written}`, text: trimSentence(s), sentenceIndex: i }, rank: 0 };
        continue;
      }
      const year = d.date.slice(0, 4);
      const month = MONTHS[Number(d.date.slice(5, 7)) - 1]!;
      const label = d.precision === 'year' ? `${nounLabel} of ${year}` : `${nounLabel} of ${month} ${year}`;
      const anchorDate = d.precision === 'day' ? d.date : d.precision === 'month' ? d.date.slice(0, 7) : year;
      const rank = PRECISION_RANK[d.precision];
      if (!best || rank > best.rank) best = { anchor: { label, anchorDate, text: trimSentence(s), sentenceIndex: i }, rank };
    }
  }
  if (best) return best.anchor;
  // A named plan without a date ("Trump's Gaza peace plan").
  for (let i = 0; i < sentences.length; i++) {
    const m = /\b((?:[\p{Lu}][\p{L}'’-]+\s+){1,3}(?:peace\s+)?plan)\b/u.exec(sentences[i]!);
    if (m && /['’]s\b/.test(m[1]!)) return { label: m[1]!.replace(/\s+/g, ' '), text: trimSentence(sentences[i]!), sentenceIndex: i };
  }
  return undefined;
}

/**
 * Phase mentions of an article with their components, status and sticking points, plus the
 * process (agreement) they belong to where the text dates it. `articleDate` resolves dates
 * without a year.
 */
export function analyzePhases(text: string, articleDate?: Date): PhaseAnalysis {
  if (!text) return { mentions: [], stickingPoints: [] };
  const spans = sentenceSpans(text);
  const sentences = spans.map((s) => s.text);
  const para = paragraphIds(text, spans);

  // 1. Phase mentions, with "next phase" read against the phases mentioned before it.
  const found: Found[] = [];
  let highestDone = 0;
  let highestSeen = 0;
  const anyPhase = /phase|stage/i.test(text);
  sentences.forEach((s, si) => {
    if (!anyPhase || !/phase|stage/i.test(s)) return;
    PHASE_RE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = PHASE_RE.exec(s))) {
      const word = (m[1] ?? m[2])!.toLowerCase();
      let ordinal: number | undefined;
      if (word === 'next') ordinal = highestDone ? highestDone + 1 : highestSeen ? highestSeen + 1 : undefined;
      else ordinal = ORDINALS[word];
      if (!ordinal) continue;
      found.push({ ordinal, index: m.index, length: m[0].length, sentenceIndex: si });
      highestSeen = Math.max(highestSeen, ordinal);
    }
    // A phase reported done or running makes "the next phase" the one after it.
    for (const f of found) {
      if (f.sentenceIndex !== si) continue;
      const near = s.slice(Math.max(0, f.index - 40), f.index + f.length + 60);
      if (/\b(?:completed|concluded|finished|under\s?way|in effect|took effect|implemented|ended)\b/i.test(near)) {
        highestDone = Math.max(highestDone, f.ordinal);
      }
    }
  });

  // 2. Paragraphs that describe one phase: their first phase-naming sentence opens the paragraph
  //    and no other phase is named in them.
  const paragraphPhase = new Map<number, number>();
  const byPara = new Map<number, Found[]>();
  for (const f of found) {
    const p = para[f.sentenceIndex]!;
    if (!byPara.has(p)) byPara.set(p, []);
    byPara.get(p)!.push(f);
  }
  for (const [p, fs] of byPara) {
    const ordinals = new Set(fs.map((f) => f.ordinal));
    const firstOfPara = para.indexOf(p);
    if (ordinals.size === 1 && fs[0]!.sentenceIndex === firstOfPara) paragraphPhase.set(p, fs[0]!.ordinal);
  }

  // 3. Sticking points, each with the phase its sentence or paragraph is about.
  const stickingPoints: StickingPoint[] = [];
  sentences.forEach((s, si) => {
    if (!STICKING_RE.test(s)) return;
    const own = found.filter((f) => f.sentenceIndex === si);
    const phase = own.length === 1 ? own[0]!.ordinal : own.length ? undefined : paragraphPhase.get(para[si]!);
    const sp: StickingPoint = { sentenceIndex: si, text: trimSentence(s), topics: stickingTopics(s) };
    if (phase !== undefined) sp.phase = phase;
    stickingPoints.push(sp);
  });

  // 4. Per mention: components, status, sticking point.
  const bySentence = new Map<number, Found[]>();
  for (const f of found) {
    if (!bySentence.has(f.sentenceIndex)) bySentence.set(f.sentenceIndex, []);
    bySentence.get(f.sentenceIndex)!.push(f);
  }
  const statusOf = new Map<Found, { value: PhaseStatus; text: string }>();
  for (const [si, fs] of bySentence) for (const [f, st] of statusesFor(sentences[si]!, fs)) statusOf.set(f, { value: st.value, text: st.text });

  const componentCache = new Map<number, string[]>();
  const componentsAt = (i: number) => {
    let c = componentCache.get(i);
    if (!c) componentCache.set(i, (c = componentsOf(sentences[i]!)));
    return c;
  };
  const mentions: PhaseMention[] = [];
  for (const f of found) {
    const s = sentences[f.sentenceIndex]!;
    const p = para[f.sentenceIndex]!;
    const sameSentence = bySentence.get(f.sentenceIndex)!;
    const components = new Set<string>();
    // The sentence's components belong to this mention only when it is the sentence's one phase.
    if (new Set(sameSentence.map((x) => x.ordinal)).size === 1) for (const c of componentsAt(f.sentenceIndex)) components.add(c);
    else for (const c of componentsInClause(s, f, sameSentence)) components.add(c);
    if (paragraphPhase.get(p) === f.ordinal) {
      // Not from a sentence of the paragraph that names another phase: its content is that phase's.
      for (let i = 0; i < sentences.length; i++) {
        if (para[i] === p && !bySentence.get(i)?.some((x) => x.ordinal !== f.ordinal)) for (const c of componentsAt(i)) components.add(c);
      }
    } else {
      // "It also calls for...": a following sentence that opens with a pronoun continues this one.
      const next = sentences[f.sentenceIndex + 1];
      if (next && para[f.sentenceIndex + 1] === p && /^(?:It|This phase|That phase|The phase)\b/.test(next) && sameSentence[sameSentence.length - 1] === f) {
        for (const c of componentsAt(f.sentenceIndex + 1)) components.add(c);
      }
    }
    const mention: PhaseMention = {
      ordinal: f.ordinal,
      name: phaseName(f.ordinal),
      sentenceIndex: f.sentenceIndex,
      text: trimSentence(s),
      components: PHASE_COMPONENTS.map((c) => c.name).filter((n) => components.has(n)),
    };
    const st = statusOf.get(f);
    if (st) mention.status = st;
    const sp = stickingPoints.find((x) => x.phase === f.ordinal && (x.sentenceIndex === f.sentenceIndex || para[x.sentenceIndex] === p));
    if (sp) mention.stickingPoint = sp.text;
    mentions.push(mention);
  }

  const process = processFrom(sentences, articleDate);
  return process ? { process, mentions, stickingPoints } : { mentions, stickingPoints };
}

/**
 * For an article whose text does not date its process: the latest known anchor on or before the
 * article's date (an article of June 2026 about "phase two" belongs to the plan of October 2025,
 * not to the truce of January 2025). Anchors are YYYY, YYYY-MM or YYYY-MM-DD strings.
 */
export function nearestProcess<T extends { anchorDate?: string }>(articleDate: Date | undefined, anchors: readonly T[]): T | undefined {
  if (!articleDate) return undefined;
  const day = articleDate.toISOString().slice(0, 10);
  let best: T | undefined;
  for (const a of anchors) {
    if (!a.anchorDate || a.anchorDate.slice(0, day.length) > day) continue;
    if (!best || a.anchorDate > best.anchorDate!) best = a;
  }
  return best;
}
