// Knowledge, not code: the cues by which a source states what a story means (its consequence,
// its stakes, what comes next, why it is a first) and the marks of an aside or a quip that must
// never stand under "Why it matters". Read by src/brief/why.ts, compiled once. Phrases are
// matched as whole words, case-insensitive, any run of spaces between words; nothing here is
// about one story. Shape checked by test/brief/knowledge.test.ts.

export interface CueGroup {
  /** What the group marks (for tests and reports). */
  readonly name: string;
  /** How strongly a sentence carrying one of these phrases states an implication (0..1). */
  readonly weight: number;
  readonly phrases: readonly string[];
}

/** A modal and a verb of consequence, at most one word apart: "could cost", "would likely force". */
export interface ModalCues {
  readonly weight: number;
  readonly modals: readonly string[];
  readonly verbs: readonly string[];
}

export const WHY_CUE_GROUPS: readonly CueGroup[] = [
  {
    name: 'consequence',
    weight: 1,
    phrases: [
      'means', 'meaning', 'which means', 'as a result', 'in turn', 'paves the way', 'pave the way', 'opens the door',
      'open the door', 'sets the stage', 'set the stage', 'clears the way', 'clear the way', 'forcing',
      'prompting', 'raising the prospect', 'puts at risk', 'at risk', 'at stake', 'stakes', 'the implications',
      'implication', 'implications', 'consequence', 'consequences', 'impact', 'impacts', 'effect on',
    ],
  },
  {
    name: 'threat',
    weight: 0.9,
    phrases: [
      'threatens', 'threaten', 'threatening to', 'raises the prospect', 'raises the possibility', 'raises the risk',
      'raises the question', 'raises questions', 'raises concerns', 'raised concerns', 'raises fears', 'risk', 'risks', 'threat', 'warn',
      'risk of', 'warned', 'warns', 'warning that', 'could collapse', 'jeopardize', 'jeopardise', 'undermine',
      'undermines',
    ],
  },
  {
    name: 'significance',
    weight: 0.9,
    phrases: [
      'first time', 'for the first time', 'marks the first', 'the first such', 'the first ever', 'first-ever',
      'unprecedented', 'historic', 'landmark', 'milestone', 'breakthrough', 'turning point', 'biggest', 'largest',
      'highest', 'lowest', 'a record', 'record high', 'record low', 'the most significant', 'signals', 'signal that',
      'underscores', 'highlights', 'a sign that', 'a blow to', 'a setback', 'a victory for',
    ],
  },
  {
    name: 'expectation',
    weight: 0.8,
    phrases: [
      'expected to', 'likely', 'unlikely', 'set to', 'poised to', 'on track to',
      'due to be', 'scheduled to', 'plans to', 'will have to', 'would have to', 'next step',
      'next steps', 'could take', 'could be',
    ],
  },
];

export const WHY_MODAL_CUES: ModalCues = {
  weight: 0.8,
  modals: ['could', 'would', 'might', 'may', 'will', 'can'],
  verbs: [
    'be', 'mean', 'lead', 'make', 'help', 'hurt', 'cost', 'affect', 'change', 'open', 'end', 'force', 'allow', 'push',
    'bring', 'raise', 'leave', 'set', 'trigger', 'determine', 'shape', 'reshape', 'spell', 'deepen', 'ease', 'worsen',
    'boost', 'cut', 'slow', 'delay', 'derail', 'block', 'reduce', 'increase', 'save', 'threaten', 'undermine',
    'transform', 'prevent', 'enable', 'require', 'put', 'give', 'face', 'lose', 'become', 'mark', 'signal',
  ],
};

/**
 * Marks of an aside, a quip or a rhetorical turn: a sentence holding one is never "why it
 * matters", whatever cues it carries.
 */
export const ASIDE_MARKERS: readonly string[] = [
  'of course', 'so be it', 'it seems', 'it seemed', 'needless to say', 'mind you', 'to be fair', 'to be sure',
  'for what it is worth', "for what it's worth", 'go figure', 'who knows', 'then again', 'you know', 'believe it or not',
  'let alone', 'as it happens', 'funnily enough', 'oddly enough', 'ironically', 'in fairness', 'so much for',
  'good luck', 'stay tuned', 'not if', 'no wonder',
];

/** Words of speech that make a trailing "..., he said." an attribution to an unnamed speaker. */
export const SPEECH_VERBS: readonly string[] = [
  'said', 'says', 'added', 'adds', 'told', 'tells', 'explained', 'noted', 'wrote', 'writes', 'argued', 'argues',
  'insisted', 'stressed', 'recalled', 'joked', 'quipped', 'continued', 'replied',
];

/** Second-person words: addressed to the reader, the mark of a column or a quip, not a report. */
export const READER_WORDS: readonly string[] = ['you', 'your', "you're", 'you’re', "you'll", 'you’ll', "won't you", 'yours'];
