// Sentence hygiene for extractive briefings: strip the junk that news text carries at sentence
// edges (datelines, bylines, "Scroll down for video") and reject sentences that are boilerplate,
// captions, questions or fragments. Everything returned is still a verbatim span of the source.

/** Leading junk: removed from the start of a sentence, repeatedly, when what remains is a sentence. */
const LEADING_JUNK: RegExp[] = [
  // "By . Daily Mail Reporter . PUBLISHED: 11:02 EST, 3 May 2013 | . UPDATED: 11:35 EST, 3 May 2013 ."
  /^by\s*\.?\s*[^.]{0,80}?\.\s*(?=published:|updated:|last updated)/i,
  /^(?:\.?\s*(?:published|updated|last updated)\s*:?\s*[^|]{0,60}?\d{4}\s*\|?\s*\.?\s*)+/i,
  // "(CNN)", "(CNN) --", "LONDON, England (Reuters) -", "OSLO (Reuters) - ", "THURSDAY, Jan. 6 (HealthDay News) -- "
  /^[\p{Lu}][\p{Lu}\p{L} .,'’-]{0,60}?\((?:CNN|Reuters|AP|AFP|HealthDay News|Bloomberg|UPI|[A-Z][A-Za-z .]{0,25})\)\s*(?:--|-|—|–|:)?\s*/u,
  /^\((?:CNN|AP|Reuters|AFP)\)\s*(?:--|-|—|–)?\s*/i,
  /^\([\p{Lu}][\p{L} .]{0,25}\)\s*(?:--|—|–|-)\s*/u,
  // "WASHINGTON — ", "CAIRO, June 6 - "
  /^[\p{Lu}][\p{Lu} .'’-]{2,30}(?:,\s*[\p{Lu}][\p{L}.]*\.?(?:\s+\d{1,2})?)?\s+(?:--|—|–|-)\s+/u,
  // "Cairo — Negotiators...", "Gaza City, June 6 — ...": a place in title case, then a long dash
  // (a plain hyphen is too common inside names) and a capitalised sentence.
  /^[\p{Lu}][\p{L}.'’-]+(?:\s[\p{Lu}][\p{L}.'’-]+){0,2}(?:,\s*[\p{Lu}][\p{L}.]*\.?(?:\s+\d{1,2})?)?\s+(?:--|—|–)\s+(?=[\p{Lu}"“])/u,
  /^scroll down for (?:video|more)\s*/i,
  // A headline glued to a byline: "Huntsman to skip debate By Justin Sink - Tweet Jon Huntsman announced..."
  /^[^.!?]{0,150}?\bBy\s+[\p{Lu}][\p{L}'’-]+(?:\s+[\p{Lu}][\p{L}'’-]+){1,2}\s*(?:-|—|–|\|)\s*(?:Tweet\s+)?/u,
  /^(?:breaking|exclusive|update|updated|saturday update|sunday update|editor's note)\s*(?:…|\.\.\.|:)\s*/i,
  // Bullet residue: "• 1Hamas ...", "1. Hamas", "- Hamas"
  /^(?:[•*▪‣◦·-]\s*)?\d{1,2}(?=[\p{Lu}])/u,
  /^[•*▪‣◦·-]\s+(?:\d{1,2}[.)]\s*)?/u,
  /^\d{1,2}[.)]\s+/,
];

/** Sentences (whole) that are boilerplate, navigation or furniture rather than reporting. */
const BOILERPLATE: RegExp[] = [
  /\b(?:click here|share this|share on|sign up|subscribe|newsletter|all rights reserved|copyright|©)\b/i,
  /\b(?:read more|related articles?|related:|most read|advertisement|follow us|follow @|tweet with a location)\b/i,
  /\b(?:photo|image|picture)s?\s*(?:credit|courtesy)\b|\b(?:getty images|afp via getty|ap photo|reuters\/)\b/i,
  /\bcookies?\b.*\b(?:browser|consent|policy)\b/i,
  /\b(?:javascript|your browser)\b/i,
  /\byou (?:can|always have the option to) (?:add|delete)\b/i,
  /^key takeaways$/i,
  /^(?:editor's desk|strategic analysis|strategic insight|listen to this article)/i,
  /\bscroll down for\b/i,
  /^(?:by|from)\s+[\p{Lu}][\p{L}.'’-]+(?:\s+[\p{Lu}][\p{L}.'’-]+){0,3}\s*(?:,|\||-|$)/u,
  /^(?:published|updated|last updated)\b/i,
  /\b(?:e-?mail|contact) (?:us|the author)\b/i,
];

/** Tokens that suggest a finite verb: without one a "sentence" is usually a caption or heading. */
const VERBISH = new Set(
  (
    'is are was were be been being am has have had do does did will would can could shall should may might must ' +
    'said says say told tells according announced added warned reported claimed called denied confirmed agreed ' +
    'became become remains remained began begun left took takes made makes won lost died killed arrested charged'
  ).split(' '),
);

const DET = /^(?:the|a|an|this|that|its|their|his|her|our)$/;

/**
 * A caption: a noun phrase and a participle, no finite verb ("Diplomatic convoys arriving at a
 * government building in Cairo."). Plural nouns look like verbs ("convoys"), so only the words
 * that are surely verbs count against it.
 */
function captionLike(words: string[]): boolean {
  const ing = words.findIndex((w) => w.length > 4 && /ing$/.test(w));
  if (ing < 1 || ing > 4) return false;
  // An -ed word after a determiner is an adjective ("the reopened bridge"), not a verb.
  return !words.some((w, i) => VERBISH.has(w) || (w.length > 4 && /ed$/.test(w) && !DET.test(words[i - 1] ?? '')));
}

function hasVerbLikeToken(words: string[]): boolean {
  for (const w of words) {
    if (VERBISH.has(w)) return true;
    if (w.length > 4 && /(?:ed|ing)$/.test(w)) return true;
    if (w.length > 3 && /[^s]s$/.test(w) && !/(?:ss|us|is|ics)$/.test(w)) return true;
  }
  return false;
}

/**
 * Remove page furniture that spans sentence boundaries before the text is split: the Daily-Mail
 * style "By . X . PUBLISHED: ... | . UPDATED: ... ." header and "Scroll down for video".
 */
export function stripTextJunk(text: string): string {
  return text
    .replace(/\bBy\s*\.\s*[^.\n]{0,80}?\s*\.\s*(?=PUBLISHED:|UPDATED:|Last updated)/gi, '')
    .replace(/(?:\|?\s*\.?\s*(?:PUBLISHED|UPDATED|Last updated( at)?)\s*:\s*[^|\n]{0,60}?\d{4}\s*){1,2}\.?\s*/gi, '')
    .replace(/\bScroll down for (?:video|more)\b\s*/gi, '');
}

/** Remove edge junk. Returns the cleaned span (a substring of the input). */
export function stripSentenceJunk(sentence: string): string {
  let s = sentence.trim();
  for (let pass = 0; pass < 4; pass++) {
    const before = s;
    for (const re of LEADING_JUNK) {
      const m = re.exec(s);
      if (m && m[0].length > 0 && m[0].length < s.length) s = s.slice(m[0].length).trim();
    }
    if (s === before) break;
  }
  // Stray leading punctuation left by a stripped prefix.
  s = s.replace(/^[|.,;:\-–—\s]+(?=[\p{L}\p{N}"“‘'(])/u, '');
  return s;
}

export interface SentenceQuality {
  /** false: never use this sentence. */
  usable: boolean;
  /** 0..1: how much this looks like a reporting sentence (verb, length, no caption cues). */
  quality: number;
}

const DEPENDENT_OPENING =
  /^(?:the\s+(?:first|second|third|fourth|fifth|last|other|latter|former|rest|remainder|same)|another|others|both|neither|either|such|this|that|these|those)\s+(?:is|are|was|were|has|have|had|will|would|can|could|remains?|includes?|involves?|concerns?|came|comes|means|said|says)\b/i;
const PRONOUN_OPENING = /^(?:he|she|they|it|his|her|their|its|him|them)\b(?!['’]s\b)/i;
// Mild for pronouns: news sentences often continue with "He said..." and still state a fact.
const PRONOUN_FACTOR = 0.8;

/** Judge a cleaned sentence. `words` are its lowercase word tokens. */
export function judgeSentence(sentence: string, words: string[]): SentenceQuality {
  const n = words.length;
  if (n < 6 || n > 80) return { usable: false, quality: 0 };
  // Mostly numbers (times, scores, dates): not a sentence.
  if (words.filter((w) => /^\p{L}{2,}/u.test(w)).length < 4) return { usable: false, quality: 0 };
  if (/\?\s*["'”’)]*$/.test(sentence)) return { usable: false, quality: 0 };
  for (const re of BOILERPLATE) if (re.test(sentence)) return { usable: false, quality: 0 };
  // A paragraph that ends without punctuation is a heading or a photo caption.
  const closed = /[.!"'”’)]\s*$/.test(sentence);
  if (!closed) return { usable: false, quality: 0 };
  const verb = hasVerbLikeToken(words);
  if (!/^["'“‘(]?[\p{Lu}\p{N}]/u.test(sentence)) return { usable: false, quality: 0 };
  let q = 1;
  if (!verb) q *= 0.4;
  else if (captionLike(words)) q *= 0.2;
  // Captions: "pictured", "(left)", "above", "file photo".
  if (/\b(?:pictured|file photo|seen here|right\)|left\)|centre\)|center\))/i.test(sentence)) q *= 0.35;
  // A caption glued to the next sentence: "...possession charge A serving prisoner has been...".
  if (/[\p{Ll}\d] (?:A|An|The) [\p{Ll}]/u.test(sentence)) q *= 0.6;
  // First person outside a quote: the writer's or a speaker's aside, not a reported fact.
  if (/(?:^|\s)(?:I|I'm|I’m|my|we|We|our|Our|me)\s/.test(sentence) && !/["“”‘’']/.test(sentence)) q *= 0.6;
  // Means nothing without the sentence before it ("The third is security.", "The latter said...",
  // "This was..."): a takeaway is read on its own. A pronoun opening only weakens a sentence.
  if (DEPENDENT_OPENING.test(sentence)) return { usable: false, quality: 0 };
  if (PRONOUN_OPENING.test(sentence)) q *= PRONOUN_FACTOR;
  // A quote-only sentence is weak as a fact.
  if (/^["“‘']/.test(sentence)) q *= 0.7;
  if (n < 9) q *= 0.7;
  if (n > 45) q *= 0.7;
  // Many upper-case words in a row without lowercase: a heading or tag line.
  const letters = sentence.replace(/[^\p{L}]/gu, '');
  if (letters && letters.replace(/[^\p{Lu}]/gu, '').length / letters.length > 0.5) q *= 0.3;
  return { usable: true, quality: q };
}

/**
 * Trim a trailing attribution ("..., police said.") where what remains is still a full
 * sentence: a shorter takeaway says the same fact, and the result is a verbatim prefix + ".".
 */
export function trimSentence(sentence: string): string {
  let s = sentence;
  // Cheap check first: the full pattern below is costly to try at every comma.
  if (!/\b(?:said|says|told|reported|added|according)\b/i.test(s.slice(-100))) return s;
  const attribution =
    /,\s*(?:(?:the|a|an|his|her|their)\s+)?(?:[\p{Lu}][\p{L}.'’-]*\s*){0,4}(?:[\p{Ll}]+\s+){0,3}(?:said|says|told [\p{L} ]{1,30}|reported|added|according to [^,.]{1,60})(?:\s+(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|last night|this week|in a statement))?\s*\.\s*$/iu;
  const m = attribution.exec(s);
  if (m && m.index > 40 && !/["”’]\s*$/.test(s.slice(0, m.index))) s = s.slice(0, m.index) + '.';
  return s;
}
