// "Why it matters": the implication the sources themselves state. A sentence qualifies by its cues
// of consequence, stakes, expectation or significance (src/brief/knowledge/why-cues.data.ts, the
// knowledge kept as data), and is refused when it reads as an aside, a quip, a line addressed to
// the reader, or a claim whose speaker is a bare pronoun ("..., he said."). The cue lists are
// compiled once, here.
import { outsideQuotes } from './clean.js';
import { ASIDE_MARKERS, READER_WORDS, SPEECH_VERBS, WHY_CUE_GROUPS, WHY_MODAL_CUES } from './knowledge/why-cues.data.js';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A phrase as a whole-word pattern, any run of spaces between its words. */
const phrase = (p: string): string => p.trim().split(/\s+/).map(escape).join('\\s+');
const alternation = (ps: readonly string[]): string => [...ps].sort((a, b) => b.length - a.length).map(phrase).join('|');

const GROUPS = WHY_CUE_GROUPS.map((g) => ({ name: g.name, weight: g.weight, re: new RegExp(`(?<![\\p{L}\\p{N}-])(?:${alternation(g.phrases)})(?![\\p{L}\\p{N}-])`, 'iu') }));
const MODAL = new RegExp(
  `(?<![\\p{L}])(?:${alternation(WHY_MODAL_CUES.modals)})(?:\\s+(?:not|also|likely|probably|eventually|ultimately|further|still|soon|even|well|only|easily|quickly|\\p{L}+ly))?\\s+(?:${alternation(WHY_MODAL_CUES.verbs)})(?:s|es|ed|d)?(?![\\p{L}])`,
  'iu',
);
const ASIDE = new RegExp(`(?<![\\p{L}])(?:${alternation(ASIDE_MARKERS)})(?![\\p{L}])`, 'iu');
const READER = new RegExp(`(?<![\\p{L}'’])(?:${alternation(READER_WORDS)})(?![\\p{L}'’])`, 'iu');
/** "..., he said." / "..., she added on Tuesday." / "..., they told reporters.": a pronoun speaker at the end. */
const DANGLING_SPEAKER = new RegExp(`(?:,|["”'’])\\s*(?:(?:he|she|they|it)\\s+(?:${alternation(SPEECH_VERBS)})|(?:${alternation(SPEECH_VERBS)})\\s+(?:he|she|they))(?:\\s+[^.,;"”]{0,40})?[.!]?["”’']?\\s*$`, 'iu');

export interface WhyCue {
  /** 0 when the sentence states no implication; else the strongest cue's weight plus a little per further group. */
  weight: number;
  /** Names of the cue groups found (and "modal" for a modal of consequence). */
  groups: string[];
}

/** The cues of implication in a sentence, read outside its quotes and inside them alike. */
export function whyCues(sentence: string): WhyCue {
  const groups: string[] = [];
  let best = 0;
  let sum = 0;
  for (const g of GROUPS) {
    if (!g.re.test(sentence)) continue;
    groups.push(g.name);
    best = Math.max(best, g.weight);
    sum += g.weight;
  }
  if (MODAL.test(sentence)) {
    groups.push('modal');
    best = Math.max(best, WHY_MODAL_CUES.weight);
    sum += WHY_MODAL_CUES.weight;
  }
  return { weight: best ? best + 0.25 * (sum - best) : 0, groups };
}

/**
 * Never "why it matters": an aside or a quip ("of course", "so be it", "it seems"), a line
 * addressed to the reader ("you", "your" outside quotes), an exclamation, a bare quote, a claim
 * left to a pronoun speaker ("..., he said."), a sentence too short to state an implication.
 */
export function asideOrQuip(sentence: string): boolean {
  const s = sentence.trim();
  const plain = outsideQuotes(s);
  if (s.split(/\s+/).length < 8) return true;
  if (/^["“‘']/.test(s) || /!["”’']?$/.test(s)) return true;
  if (ASIDE.test(plain) || READER.test(plain)) return true;
  return DANGLING_SPEAKER.test(s);
}
