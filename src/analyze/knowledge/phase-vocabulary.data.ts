// Knowledge, not code: the vocabulary by which src/analyze/phases.ts reads a phased process (a
// truce, a peace plan, a trade agreement): the components a phase may hold, the cues of a phase's
// status, and the words of a sticking point. Data only: each entry's `pattern` is the source of a
// regular expression (case-insensitive), compiled once by phases.ts. Storyline words live here, never
// in code. Shape checked by test/analyze/knowledge.test.ts.

export interface NamedPattern {
  readonly name: string;
  readonly pattern: string;
}

/** Components of a phased process. Order = display order. */
export const PHASE_COMPONENT_PATTERNS: readonly NamedPattern[] = [
  { name: 'ceasefire', pattern: String.raw`\b(?:halt to (?:israeli )?(?:military )?operations|complete stop|cessation of hostilities|hostilities fell|end (?:to|of) (?:the )?(?:strikes|fighting))\b` },
  { name: 'withdrawal', pattern: String.raw`\b(?:withdraw\w*|pull(?:ing|ed|s)? (?:back|out)|pullback|pull-back|redeploy\w*|yellow line|leave key|armoured forces)\b` },
  // "remains" only as a noun ("return remains", "the remains of"): "phase two remains on hold" is a verb.
  { name: 'hostage and prisoner exchange', pattern: String.raw`\b(?:hostages?|prisoners?|detainees?|captives?|(?:prisoner|hostage) (?:exchange|swap|release)|bodies|(?:the|their|his|her|its|human|return(?:ed|ing|s)?|recover(?:ed|ing|s)?|repatriat\w*|hand(?:ed|ing|s)? over)\s+remains|remains\s+of)\b` },
  { name: 'humanitarian aid', pattern: String.raw`\b(?:humanitarian (?:aid|access|assistance|parts?)|aid (?:deliveries|trucks|access|moving)|flow of aid|(?:steady|unimpeded|more) aid|access for aid|\baid\b)` },
  { name: 'international stabilisation force', pattern: String.raw`\b(?:(?:international )?stabili[sz]ation force|international (?:security )?force|peacekeep\w*|multinational force|contribute troops)\b` },
  { name: 'disarmament', pattern: String.raw`\b(?:disarm\w*|give up (?:its|their) weapons|weapons|arsenal|decommission\w*|demilitari[sz]\w*)\b` },
  { name: 'technocratic governance', pattern: String.raw`\b(?:technocrat\w*|governing (?:body|authority|committee)|civil(?:ian)? administration|governance|working government|run gaza|administer gaza|unified gazan authority)\b` },
  { name: 'reconstruction', pattern: String.raw`\b(?:reconstruct\w*|rebuild\w*|(?:economic|post-war) recovery|restor\w* (?:of )?(?:infrastructure|basic services))\b` },
  { name: 'ceasefire monitoring', pattern: String.raw`\b(?:monitor\w*|verif(?:y|ication)|compliance|coordination cent(?:er|re)|oversight)\b` },
  { name: 'permanent end to the war', pattern: String.raw`\b(?:permanent (?:end|ceasefire|truce)|end (?:to|of) the war|lasting (?:end|settlement|peace))\b` },
  // Phased trade agreements.
  { name: 'tariff cuts', pattern: String.raw`\b(?:tariffs?|import (?:duties|levies|levy)|(?:grain|steel|export|import) levy|duty-free)\b` },
  { name: 'quotas', pattern: String.raw`\bquotas?\b` },
  { name: 'rules of origin', pattern: String.raw`\b(?:rules? of origin|local content)\b` },
  { name: 'public procurement', pattern: String.raw`\b(?:public procurement|government (?:contracts|procurement))\b` },
  { name: 'market access', pattern: String.raw`\b(?:market access|open (?:its|their) (?:domestic )?markets?)\b` },
  { name: 'safeguards', pattern: String.raw`\bsafeguards?\b` },
];

/** Cues of a phase's status, tried in this order (the first that matches a sentence wins ties). */
export const PHASE_STATUS_PATTERNS: ReadonlyArray<{ readonly status: string; readonly pattern: string }> = [
  { status: 'under negotiation', pattern: String.raw`\bpreparations?\s+(?:are|is)?\s*(?:now\s+)?under\s?way(?:\s+for)?\b` },
  { status: 'completed', pattern: String.raw`\b(?:completed|concluded|finished|fully implemented|wrapped up|came to an end|was over|ended|has ended|is over)\b` },
  { status: 'expiring', pattern: String.raw`\b(?:(?:set|due|scheduled|about|expected) to (?:expire|run out|end|lapse)|will (?:expire|run out|lapse)|expires|expiring|runs out|is running out|lapses)\b` },
  { status: 'expired', pattern: String.raw`\b(?:expired|ran out|lapsed|has run out|had run out)\b` },
  { status: 'stalled', pattern: String.raw`\b(?:stall(?:ed|s|ing)?|deadlock(?:ed)?|falter(?:ed|ing|s)?|stuck|frozen|impasse|undermined|collaps(?:e|ed|es|ing)|in limbo|derailed|jeopardi[sz]ed|breaking down|broke(?:n)? down|stalemate|on hold|suspended|paused|shelved)\b` },
  { status: 'underway', pattern: String.raw`\b(?:under\s?way|begun|began|begins|started|entered|in effect|took effect|taken effect|in force|(?:came|went|come|go|comes|goes|entered) into (?:force|effect)|being implemented|carried out|implementation of|launched)\b` },
  { status: 'under negotiation', pattern: String.raw`\b(?:negotiat\w+|talks (?:on|for|about|over)|discuss\w*|preparations?|push(?:ing)? (?:\w+ ){0,3}into|advance (?:\w+ ){0,3}into|move (?:\w+ ){0,2}(?:to|into)|seek\w*|secur(?:e|ing)|draft\w*|under discussion|hammer(?:ing)? out|finalis\w+|finaliz\w+)\b` },
  { status: 'agreed', pattern: String.raw`\b(?:agreed|signed|approved|accepted|endorsed)\b` },
];

/**
 * Words just before a status cue that make it no status of the phase: a risk or a guess ("could
 * collapse", "may stall"; the month May is not one), a negation ("has not yet started", "never took
 * effect") or a plan ("is expected to begin", "will be negotiated", "remains to be agreed"). Tried
 * on the few words before the cue; an expiring cue carries its own "due to"/"set to" and is not
 * hedged by it.
 */
export const STATUS_HEDGE_PATTERN: string = String.raw`\b(?:could|might|(?<!\b(?:in|of|since|from|until|by|early|late|mid-?|last|next|this)\s)may(?!\s+\d)|would|should|will|shall|going to|risks?|threaten(?:s|ed)? to|at risk of|likely to|expected to|hoped to|hope to|due to|set to|scheduled to|planned to|yet to|(?:remains?|remained|is|are|was|were|left|still) to be|not|never|no longer|hasn't|haven't|hadn't|isn't|aren't|wasn't|weren't|didn't|doesn't|don't|won't|if|unless)\b(?:\s+[\p{L}'’-]+){0,2}\s*$`;

/**
 * Words right before a phase that make it the object of talks ("talks on phase two", "negotiations
 * over the second stage"): a verb after it ("began", "resumed") is about the talks, so the phase is
 * under negotiation, not underway.
 */
export const TALKS_OBJECT_PATTERN: string = String.raw`\b(?:talks|negotiations|discussions|consultations)\s+(?:on|for|about|over|toward|towards)\s+(?:(?:the|a)\s+)?$`;

/**
 * What may follow "talks on <phase>" to make the talks themselves still to come ("talks on the
 * second stage are expected to begin", "will open next month"): then the phase has no status yet.
 */
export const TALKS_FUTURE_PATTERN: string = String.raw`^[^.;]{0,40}?\b(?:(?:is|are)\s+)?(?:expected|due|set|scheduled|planned|likely|yet)\s+to\s+(?:begin|start|open|resume|get under\s?way)|^[^.;]{0,40}?\b(?:will|would|could|may|might)\s+(?:begin|start|open|resume)\b`;

/**
 * What ends the clause of a phase mention in a sentence naming two phases: a mark, or a word opening
 * another clause ("phase two begins after the exchange of phase one ends").
 */
export const CLAUSE_BREAK_PATTERN: string = String.raw`[,;:]|\s[-–—]\s|\b(?:after|before|until|once|when|while|following|unlike|than|whereas|but)\b`;

/** Words that mark a sticking point (a refusal, a dispute, a red line). */
export const STICKING_PATTERN: string = String.raw`\b(?:sticking points?|deadlock\w*|contention|contentious|refus(?:e|es|ed|al|ing)|preconditions?|pre-conditions?|object(?:s|ed|ing)? to|objecting|disputes?|disputed|disagreements?|red lines?|obstacles?|turned (?:\w+ )?down|reject(?:s|ed|ing)?|will not (?:discuss|accept|agree|give)|won't|hardest problems?|hurdles?|impasse|unsettled|at odds)\b`;

/** What a sticking point is about. */
export const STICKING_TOPIC_PATTERNS: readonly NamedPattern[] = [
  { name: 'composition of the stabilisation force', pattern: String.raw`\b(?:who should serve|which (?:\w+ )?countries (?:would|will|should) (?:contribute|take part|serve)|participation of|composition of|mandate of the force)\b` },
  { name: 'humanitarian aid access', pattern: String.raw`\b(?:humanitarian access|access for aid|aid access|restrict\w* (?:humanitarian )?aid|access to aid)\b` },
  { name: 'Hamas role in governance', pattern: String.raw`\b(?:keep some presence|role in whatever comes next|governing authority|role in (?:the )?(?:future )?(?:governance|government))\b` },
  { name: 'sequencing of security guarantees and disarmament', pattern: String.raw`\b(?:order in which|sequencing|sequence)\b` },
  { name: 'reconstruction timetable', pattern: String.raw`\btimetable for reconstruction\b` },
];

// Naming a process (src/analyze/process-name.ts): what it is about (its subject place, not the
// venue of its talks) and its kind ("ceasefire agreement", "trade agreement").

/** Nouns that name a process without saying what kind it is: "the agreement", "the deal". */
export const GENERIC_PROCESS_NOUNS: readonly string[] = ['agreement', 'deal', 'plan', 'accord', 'pact', 'framework', 'treaty', 'arrangement', 'roadmap'];

/**
 * Specific kinds of process, each with the words that call a process by it. A `standalone` kind is
 * a process noun by itself ("the ceasefire"); the others count only before a generic noun ("a
 * tariff pact" is a trade agreement). Order breaks ties.
 */
export const PROCESS_KIND_PATTERNS: ReadonlyArray<NamedPattern & { readonly standalone: boolean }> = [
  { name: 'ceasefire', pattern: String.raw`cease-?fire`, standalone: true },
  { name: 'truce', pattern: String.raw`truce`, standalone: true },
  { name: 'armistice', pattern: String.raw`armistice`, standalone: true },
  { name: 'trade', pattern: String.raw`(?:free-)?trade|tariffs?|customs`, standalone: false },
  { name: 'peace', pattern: String.raw`peace`, standalone: false },
  { name: 'nuclear', pattern: String.raw`nuclear`, standalone: false },
  { name: 'climate', pattern: String.raw`climate|emissions`, standalone: false },
  // Prisoners and detainees are not hostages: a swap of prisoners is named as one.
  { name: 'prisoner exchange', pattern: String.raw`(?:prisoner|detainee)s?(?:[- ](?:exchange|swap|release))?`, standalone: false },
  { name: 'hostage', pattern: String.raw`hostages?(?:[- ](?:exchange|swap|release))?`, standalone: false },
];

/**
 * Nouns that make a place the subject of a process when they follow it ("X ceasefire", "X's
 * fragile truce") or come just before "in/for/over X" ("the war in X").
 */
export const SUBJECT_NOUN_PATTERN: string = String.raw`(?:cease-?fire|truce|armistice|peace|agreement|deal|plan|accord|pact|framework|treaty|war|conflict|crisis|fighting|hostilities)`;

/**
 * Words before "in/to/at X" that make X the venue of talks, not their subject ("talks in X",
 * "arrived in X", "heads to X", "negotiators back in X"). Not "held": hostages held in a place are
 * held where the conflict is.
 */
export const VENUE_CUE_PATTERN: string = String.raw`(?:talks|meetings?|met|meet(?:s|ing)?|negotiations|round|summit|conference|sessions?|arriv(?:e|es|ed|ing|al)|head(?:s|ed|ing)?|travel(?:s|led|ed|ling|ing)?|return(?:s|ed|ing)?|land(?:s|ed|ing)?|back|flew|fl(?:y|ies|ying)|went|go(?:es|ing)?|gathered|convened|hosted|signed|dispatched|sent|resum(?:e|es|ed|ing)|visit(?:s|ed|ing)?)`;

/** Words right after a place that make it a venue ("the X talks", "the X round"). */
export const VENUE_AFTER_PATTERN: string = String.raw`(?:talks|round|meetings?|negotiations|summit|conference|sessions?)`;

/** Verbs taking a venue without a preposition ("reached X", "visited X"). */
export const VENUE_DIRECT_PATTERN: string = String.raw`(?:reached|reaches|visited|visits|visiting)`;
