// Sentence hygiene for extractive briefings: strip the junk that news text carries at sentence
// edges (datelines, bylines, "Scroll down for video") and reject sentences that are boilerplate,
// captions, questions or fragments. Everything returned is still a verbatim span of the source.
import { CAPTION_OPENERS, IMPERATIVE_OPENERS, PHOTO_AGENCIES, SITE_WORD_LIST, VERBISH_WORDS } from './knowledge/sentence-words.data.js';
import { isStopword } from '../analyze/text.js';

/** Leading junk: removed from the start of a sentence, repeatedly, when what remains is a sentence. */
const LEADING_JUNK: RegExp[] = [
  // "By . Daily Mail Reporter . PUBLISHED: 11:02 EST, 3 May 2013 | . UPDATED: 11:35 EST, 3 May 2013 ."
  /^by\s*\.?\s*[^.]{0,80}?\.\s*(?=published:|updated:|last updated)/i,
  /^(?:\.?\s*(?:published|updated|last updated)\s*:?\s*[^|]{0,60}?\d{4}\s*\|?\s*\.?\s*)+/i,
  // "(CNN)", "(CNN) --", "LONDON, England (Reuters) -", "OSLO (Reuters) - ", "THURSDAY, Jan. 6 (HealthDay News) -- "
  // Days and dates belong to the dateline too: "THURSDAY, Jan. 6 (HealthDay News) --", "July 4 (UPI) --".
  /^[\p{Lu}][\p{Lu}\p{L}\d .,'’-]{0,60}?\((?:CNN|Reuters|AP|AFP|HealthDay News|Bloomberg|UPI|Xinhua|[A-Z][A-Za-z .]{0,25})\)\s*(?:--|-|—|–|_|:)?\s*/u,
  // Wire slugs and datelines with an underscore for a dash: "WASHINGTON _ ", "CUBA-ELIAN _ MIAMI _ ".
  /^(?:[\p{Lu}][\p{Lu}\d .,'’-]{1,40}\s+_\s+)+/u,
  // A label before the story: "Original Story:", "UPDATE 2-", "CLOSE".
  /^(?:original story|story highlights|close)\s*:?\s+(?=[\p{Lu}"“])/iu,
  /^\((?:CNN|AP|Reuters|AFP)\)\s*(?:--|-|—|–)?\s*/i,
  /^\([\p{Lu}][\p{L} .]{0,25}\)\s*(?:--|—|–|-)\s*/u,
  // "WASHINGTON — ", "CAIRO, June 6 - "
  /^[\p{Lu}][\p{Lu} .'’-]{2,30}(?:,\s*[\p{Lu}][\p{L}.]*\.?(?:\s+(?:(?:of|de|del|da|la|el|upon)\s+)?[\p{Lu}][\p{L}.]*){0,2}(?:\s+\d{1,2})?(?:,\s*\d{4})?)?\s+(?:--|—|–|-|_)\s+/u,
  // "Cairo — Negotiators...", "Gaza City, June 6 — ...": a place in title case, then a long dash
  // (a plain hyphen is too common inside names) and a capitalised sentence.
  /^[\p{Lu}][\p{L}.'’-]+(?:\s[\p{Lu}][\p{L}.'’-]+){0,2}(?:,\s*[\p{Lu}][\p{L}.]*\.?(?:\s+\d{1,2})?)?\s+(?:--|—|–)\s+(?=[\p{Lu}"“])/u,
  /^scroll down for (?:video|more)\s*/i,
  // A photo credit glued to the sentence after it: "Jane Roe/Getty Images The twins said...".
  new RegExp(String.raw`^(?:[\p{Lu}][\p{L}.'’-]+\s+){0,3}[\p{Lu}][\p{L}.'’-]+\s?\/\s?(?:${PHOTO_AGENCIES.join('|')})\s+(?=[\p{Lu}"“])`, 'u'),
  // A headline glued to a byline: "Huntsman to skip debate By Justin Sink - Tweet Jon Huntsman announced..."
  /^[^.!?]{0,150}?\bBy\s+[\p{Lu}][\p{L}'’-]+(?:\s+[\p{Lu}][\p{L}'’-]+){1,2}\s*(?:-|—|–|\|)\s*(?:Tweet\s+)?/u,
  // "BREAKING 3PM…", "UPDATE, 5:40 PM ET:": a flag and its time.
  /^(?:breaking|exclusive|update|updated|saturday update|sunday update|editor's note)(?:[\s,]+(?:\d{1,2}(?::\d\d)?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,3}\b)?|[A-Z][a-z]+day))?\s*(?:…|\.\.\.|:)\s*/i,
  // Bullet residue: "• 1Hamas ...", "1. Hamas", "- Hamas"
  /^(?:[•*▪‣◦·-]\s*)?\d{1,2}(?=[\p{Lu}])/u,
  /^[•*▪‣◦·-]\s+(?:\d{1,2}[.)]\s*)?/u,
  /^\d{1,2}[.)]\s+/,
];

/** Sentences (whole) that are boilerplate, navigation or furniture rather than reporting. */
const BOILERPLATE: RegExp[] = [
  /\b(?:click here|share this|share on|sign up|subscribe|newsletter|all rights reserved|copyright|©)\b/i,
  /\b(?:read more|related articles?|related:|most read|advertisement|follow us|follow @|tweet with a location)\b/i,
  /\b(?:photo|image|picture)s?\s*(?:credit|courtesy)\b|\b(?:getty images|afp via getty|ap photo|reuters\/)\b|\(courtesy\b/i,
  // Photo captions: "FILE - In this Oct. 27, 2012 file photo, ...", "(File photo)".
  /^file\s*(?:-|—|–|photo)|\bin this (?:\w+ )?(?:\d{1,2}, \d{4},? )?(?:file )?photo\b|\bfile photo\b/i,
  // Agency notes to editors: "Photo and graphics information ... end of this budget".
  /\b(?:this budget|budget lines?|editors? note|note to editors|graphics information)\b/i,
  /\bcookies?\b.*\b(?:browser|consent|policy)\b/i,
  /\b(?:javascript|your browser)\b/i,
  /\byou (?:can|always have the option to) (?:add|delete)\b/i,
  /^key takeaways$/i,
  /^(?:related|read more|watch|see also|more)\s*:/i,
  // Who is where in a photo: "(R)", "(L)", "(top)".
  /\((?:l|r|c|left|right|centre|center|top|bottom|front|back|inset|pictured)\)/i,
  /^(?:editor's desk|strategic analysis|strategic insight|listen to this article)/i,
  /\bscroll down for\b/i,
  // The tail of a DOI or an ID split off as a sentence: "0005087 (Link goes live upon article publication)".
  /^\d{5,}\b|\blink goes live\b|\bupon (?:article )?publication\)/i,
  /^(?:by|from)\s+[\p{Lu}][\p{L}.'’-]+(?:\s+[\p{Lu}][\p{L}.'’-]+){0,3}\s*(?:,|\||-|$)/u,
  /^(?:published|updated|last updated)\b/i,
  /\b(?:e-?mail|contact) (?:us|the author)\b/i,
  // Lines about the article itself: "Jane Roe contributed to this report.", "This story has been
  // updated...", "...presented in this article; their work is used with permission."
  /\bcontribut(?:ed|ing)\s+(?:reporting\s+)?to\s+(?:this|the)\s+(?:report|story|article)\b|\bused with permission\b/i,
  /\b(?:this|the) (?:article|story|report) (?:was|has been|is) (?:originally |first |last )?(?:published|updated|corrected|amended|produced|written|edited)\b|\b(?:presented|published|appearing) in this (?:article|story)\b/i,
  // A reporter's contact line: "Staff writer Jane Roe can be reached at 555-010-0199 or jroe@paper.example."
  /\b(?:can be reached|reach (?:him|her|them)|contact (?:him|her|them)|e-?mail (?:him|her|them)|follow (?:him|her|them))\b.*(?:@|\d{3}[-. ]\d{4})/i,
  // Where a photo sits ("Above, the senator...", "Pictured: ...") or who a photo caught ("X spotted leaving...").
  new RegExp(String.raw`^(?:${CAPTION_OPENERS.join('|')})\s*[,:]\s`, 'i'),
  /^(?:[\p{Lu}][\p{L}'’.-]+\s+){1,3}(?:spotted|pictured|photographed|snapped)\s+(?:\p{Ll}+ing\b|at\b|in\b|on\b|with\b|outside\b|leaving\b|arriving\b)/u,
  // Addressed to the reader ("Consider what happened...", "Imagine a city..."): not a reported fact.
  new RegExp(String.raw`^["“]?(?:${IMPERATIVE_OPENERS.join('|')})\s+(?=\p{Ll})`, 'u'),
];

/** Words about a web page itself (its links, crawls, archive, site), not about an event (data). */
const SITE_WORDS = new Set(SITE_WORD_LIST);

/** A sentence about the page it sits on (a web archive's note, a site notice): two or more site words, dense. */
export function aboutThePage(words: string[]): boolean {
  const hits = new Set<string>();
  let n = 0;
  for (const w of words) if (SITE_WORDS.has(w)) { hits.add(w.replace(/s$/, '')); n++; }
  return hits.size >= 2 && n / Math.max(words.length, 1) >= 0.1;
}

/** Tokens that suggest a finite verb: without one a "sentence" is usually a caption or heading (data). */
const VERBISH = new Set(VERBISH_WORDS);

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

export function hasVerbLikeToken(words: string[]): boolean {
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
    .replace(/\bScroll down for (?:video|more)\b\s*/gi, '')
    // A footnote number glued to a sentence's end ("...in Western cultures.7 In 1852..."): dropped,
    // so the sentence splits there and shows no stray digit.
    .replace(/(\p{Ll}{2}[.!?]["”’]?)\d{1,3}(?=\s+[\p{Lu}])/gu, '$1');
}

/** A quote and nothing else: no speaker, so a reader cannot tell whose words they are. */
export function bareQuote(sentence: string): boolean {
  const s = sentence.trim();
  if (!/^["“]/.test(s)) return false;
  return outsideQuotes(s).replace(/[\s.,;:!?'’"“”()-]+/g, '').length === 0;
}

/** Share of English function words among a text's words (0..1). */
export function englishShare(words: readonly string[]): number {
  if (!words.length) return 0;
  let n = 0;
  for (const w of words) if (isStopword(w)) n++;
  return n / words.length;
}

/**
 * A sentence in another language inside an English text (a quote left untranslated, a paragraph
 * of the original): at least eight words and nearly no English function word. Only asked of a
 * text that reads as English: an article in another language keeps all its sentences.
 */
export function otherLanguage(words: readonly string[]): boolean {
  return words.length >= 8 && englishShare(words) < 0.1;
}

/** A text that reads as English: a fifth or more of its words are English function words. */
export const ENGLISH_TEXT_SHARE = 0.2;

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
const CONJUNCTION_OPENING = /^["“‘']?(?:and|but|yet|or|nor|so)\b(?![-'’])/i;
export const CAPTION_LABEL = /^[\p{Lu}][\p{Ll}'’-]+(?:\s[\p{Ll}'’-]+){0,2}:\s+[\p{Lu}]/u;
export const FIRST_PERSON = /(?:^|[\s(])(?:I|I'm|I’m|I've|I’ve|I'd|I’d|I'll|I’ll|my|we|We|we're|we’re|we've|we’ve|we'll|we’ll|We've|We’ve|our|Our|me|us)(?=[\s,.;:!?)])/;
const CAPTION_DATE = /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}, (?:19|20)\d{2}\b/;
const CAPTION_VERB = /\b(?:addresses|speaks|talks|walks|stands|sits|arrives|leaves|waves|gestures|looks on|looks at|holds|poses|attends|listens|smiles|reacts|is seen|are seen|is pictured|are pictured)\b/;
const PAST_VERB = /\b(?:said|was|were|had|has|have|announced|told|did|reported)\b/;

/** The sentence with its quoted spans blanked out (straight and curly double quotes). */
export function outsideQuotes(sentence: string): string {
  return sentence.replace(/"[^"]*"|“[^”]*”/g, ' ');
}

/**
 * Double quotes balanced: straight ones in pairs, curly ones opening before closing. A sentence
 * that opens a quote it does not close (a quote running over several sentences) is one part of it.
 */
export function quotesBalanced(sentence: string): boolean {
  if ((sentence.match(/"/g)?.length ?? 0) % 2 === 1) return false;
  // British single quotes: an opening one follows a space, a bracket or a colon; a closing one
  // follows the quote's own punctuation ("...a special day.'"). Apostrophes ("don't", "students'")
  // are neither. A closing quote with no opening one is the end of a quote begun elsewhere.
  if (singleQuotes(sentence).close > singleQuotes(sentence).open) return false;
  let depth = 0;
  for (const ch of sentence) {
    if (ch === '“') depth++;
    else if (ch === '”' && --depth < 0) return false;
  }
  return depth === 0;
}

/**
 * A connective that ties a sentence to the one before it ("But", "And", "Yet", "However,",
 * "Meanwhile,") dropped, the next word capitalised: "But talks stalled on Friday." is shown as
 * "Talks stalled on Friday.", a fact that stands alone in a list.
 */
export function dropConnective(sentence: string): string {
  const m = /^(?:and|but|yet|so|or|nor|still|also|however|meanwhile|nevertheless|nonetheless|moreover|furthermore|besides|additionally|in addition|likewise|similarly|as well)\b(?![-'’])\s*,?\s+(?=["“]?[\p{L}\p{N}])/iu.exec(sentence);
  if (!m || /^so\s+(?:far|much|many|long|that|to|says|said|say)\b/i.test(sentence)) return sentence;
  const rest = sentence.slice(m[0].length);
  const at = /^["“]/.test(rest) ? 1 : 0;
  return rest.slice(0, at) + rest.charAt(at).toUpperCase() + rest.slice(at + 1);
}

/**
 * The first sentence of a quote that runs over several sentences, closed where it ends: `He said:
 * "The talks failed.` becomes `He said: "The talks failed."`, whole and still attributed. A quote
 * closed but never opened (its later sentences) is left as it is, and judged unusable.
 */
/**
 * A sentence as an answer shows it (a phase's sticking point, a timeline entry, an actor's line):
 * no dateline or slug, no opening connective ("Yet progress... remains stalled." -> "Progress...").
 */
export function shownSentence(sentence: string): string {
  return dropConnective(stripSentenceJunk(sentence));
}

export function closeOpenQuote(sentence: string): string {
  const straight = sentence.match(/"/g)?.length ?? 0;
  let depth = 0;
  for (const ch of sentence) {
    if (ch === '“') depth++;
    else if (ch === '”' && --depth < 0) {
      // The last sentence of a long quote, with its speaker after it (`...two summers,” Ruiz said.`):
      // opened where it starts, it stands alone and is attributed. Without a speaker it stays refused.
      return straight === 0 && SPEAKER_AFTER.test(sentence.slice(sentence.indexOf('”') + 1)) && !sentence.slice(sentence.indexOf('”') + 1).includes('”') ? `“${sentence}` : sentence;
    }
  }
  if (depth === 1 && straight === 0) return `${sentence}”`;
  // `He said: 'It looked like any other box.` (a British quote running on): closed where it ends.
  const single = singleQuotes(sentence);
  if (depth === 0 && straight === 0 && single.open === single.close + 1 && /[.!?]$/.test(sentence) && /(?:^|[\s(:])‘/u.test(sentence) === false) {
    return /(?:^|[\s(:])'(?=\p{L}|\d)[^']*$/u.test(sentence) ? `${sentence}'` : sentence;
  }
  if (depth === 0 && straight % 2 === 1) {
    const at = sentence.lastIndexOf('"');
    // The odd mark must open (text before it, a word right after it), not close.
    if (at > 0 && /\s/.test(sentence[at - 1] ?? '') && /\S/.test(sentence[at + 1] ?? '')) return `${sentence}"`;
    const first = sentence.indexOf('"');
    if (straight === 1 && first > 0 && SPEAKER_AFTER.test(sentence.slice(first + 1))) return `"${sentence}`;
  }
  return sentence;
}

/** Opening and closing British single quotes in a sentence (apostrophes left out). */
export function singleQuotes(sentence: string): { open: number; close: number } {
  return {
    open: sentence.match(/(?:^|[\s(:])['‘](?=\p{L}|\d)/gu)?.length ?? 0,
    close: sentence.match(/[.!?,]['’](?=\s|$)/g)?.length ?? 0,
  };
}

/** After a closing quote mark: a speaker and a speech verb, and the sentence's end. */
const SPEAKER_AFTER = /^\s*,?\s*(?:(?:he|she|they|it|(?:the\s+)?(?:[\p{Lu}][\p{L}.'’-]*\s+){0,3}[\p{Lu}][\p{L}.'’-]*|the\s+\p{Ll}+)\s+(?:said|says|told\s+[^.]{1,40}|added|wrote|explained|continued|warned)|(?:said|says|added|wrote)\s+(?:(?:the\s+)?[\p{L}.'’-]+\s*){1,5})[^.!?"”]{0,60}[.!]\s*$/u;

/**
 * Needs the sentence before it to be understood, so it can not open a briefing: a pronoun or a
 * possessive ("His campaign said..."), a back-reference ("One reason for that is..."), an ordinal
 * subject ("The second fighter...").
 */
export function leansOnContext(sentence: string): boolean {
  const s = sentence.replace(/^["“‘'(]+/, '');
  if (PRONOUN_OPENING.test(s) || CONJUNCTION_OPENING.test(s) || CAPTION_LABEL.test(s)) return true;
  if (/^(?:the\s+)?(?:first|second|third|fourth|fifth|latter|former|other)\s+\p{Ll}+/iu.test(s)) return true;
  if (/^(?:this|that|these|those|such|another)\s+\p{Ll}+/iu.test(s) || /^(?:this|that)['’]s\b/i.test(s)) return true;
  // "Each of these elements...", "Both of them...", "Many of those...": a part of what the sentence before named.
  if (/^(?:each|all|both|many|some|most|none|one|two|three|several|either|neither|any|few|half|much|part)\s+of\s+(?:these|those|them|this|that|which)\b/i.test(s)) return true;
  // "Further complicating matters is...", "Adding to the pressure,": more of what the sentence before said.
  if (/^(?:further|also|adding to|compounding|complicating)\s+(?:complicating|compounding|adding|to)?\s*(?:the|this|that|these|matters|things|it)\b/i.test(s)) return true;
  if (/^(?:however|meanwhile|instead|still|also|moreover|furthermore|nevertheless|nonetheless|likewise|similarly|in addition|as a result|by contrast|in turn|then)\b/i.test(s)) return true;
  // "Most recently, ...", "There, on the screen, ...", "Her brother, too, ...": a series, a place or
  // an act named in the sentence before.
  if (/^(?:most|more)\s+recently\b|^(?:there|here),\s|^[^,.;:"“]{1,40},\s+too,/i.test(s)) return true;
  // "One reason for that", "Part of this": a back-reference in the first few words.
  return /^(?:\S+\s+){0,4}(?:for|of|to|about|despite|like|after|because of|behind)\s+(?:that|this|it|them|these|those)\b(?!\s+(?!(?:is|was|are|were|has|had|will|would|may|could)\b)\p{Ll}{3,})/iu.test(s) || /\b(?:that|this)\s+instead\b|\binstead\b,/i.test(s.slice(0, 60));
}
// Mild for pronouns: news sentences often continue with "He said..." and still state a fact.
const PRONOUN_FACTOR = 0.8;

/** Judge a cleaned sentence. `words` are its lowercase word tokens. */
export function judgeSentence(sentence: string, words: string[]): SentenceQuality {
  const n = words.length;
  if (n < 6 || n > 80) return { usable: false, quality: 0 };
  // Mostly numbers (times, scores, dates): not a sentence.
  if (words.filter((w) => /^\p{L}{2,}/u.test(w)).length < 4) return { usable: false, quality: 0 };
  if (/\?\s*["'”’)]*$/.test(sentence)) return { usable: false, quality: 0 };
  // "So says the minister, who...": the claim it attributes is the sentence before.
  if (/^["“]?(?:so|thus)\s+(?:says|said|say|claims|claimed|argues|argued|writes|wrote|believes)\b/i.test(sentence)) return { usable: false, quality: 0 };
  for (const re of BOILERPLATE) if (re.test(sentence)) return { usable: false, quality: 0 };
  // Cut off by the page ("...during a ceremony at the Royal Palace, Wednesday..."): a caption or a
  // teaser, never a whole sentence.
  if (/(?:\.\.\.|…)\s*["”’)]?\s*$/.test(sentence)) return { usable: false, quality: 0 };
  // Who stands where in a photo: "X, left, signs the law in the presence of Y, second from right, ...".
  if (/,\s(?:(?:\d(?:st|nd|rd|th)|second|third)\s+(?:from\s+)?)?(?:left|right|center|centre|top|bottom|front|back)\s*(?:,|and\b)/i.test(sentence)) return { usable: false, quality: 0 };
  // A paragraph that ends without punctuation is a heading or a photo caption.
  const closed = /[.!"'”’)]\s*$/.test(sentence);
  if (!closed) return { usable: false, quality: 0 };
  // Cut off mid-phrase by the source ("...her acclaimed performance in."): not a whole sentence.
  if (/\s(?:in|of|the|a|an|to|with|and|or|for|on|at|by|from|his|her|their|its)\.\s*$/i.test(sentence)) return { usable: false, quality: 0 };
  const verb = hasVerbLikeToken(words);
  if (!/^["'“‘]?[\p{Lu}\p{N}]/u.test(sentence)) return { usable: false, quality: 0 };
  // Names and an apposition with no verb: "Jane Roe and John Doe, chapter leaders of the network."
  if (/^(?:[\p{Lu}][\p{L}.'’-]*\s+(?:and\s+)?){1,6}[\p{Lu}][\p{L}.'’-]*,/u.test(sentence) && !words.some((w) => VERBISH.has(w) || (w.length > 4 && /ed$/.test(w)))) {
    return { usable: false, quality: 0 };
  }
  let q = 1;
  // About the page it sits on (a web archive's crawl note, a site notice): kept only if nothing else.
  if (aboutThePage(words)) q *= 0.3;
  if (!verb) q *= 0.4;
  else if (captionLike(words)) q *= 0.2;
  // Captions: "pictured", "(left)", "above", "file photo".
  if (/\b(?:pictured|file photo|seen here|right\)|left\)|centre\)|center\))/i.test(sentence)) q *= 0.35;
  // A gallery caption: "X was spotted leaving...", "Y was seen at the airport on June 1 in ...".
  if (/\b(?:was|were|is|are)\s+(?:spotted|photographed|snapped|seen\s+(?:at|leaving|arriving|out|outside|in|with|on))\b/i.test(sentence)) q *= 0.35;
  // A caption glued to the next sentence: "...possession charge A serving prisoner has been...".
  if (/[\p{Ll}\d] (?:A|An|The) [\p{Ll}]/u.test(sentence)) q *= 0.6;
  // A caption's label: "Grim discovery: Street cleaners...", "Accused: Dr Jane Roe...".
  if (CAPTION_LABEL.test(sentence)) q *= 0.3;
  // First person outside a quote: the writer's or a speaker's aside, not a reported fact.
  if (FIRST_PERSON.test(outsideQuotes(sentence))) return { usable: false, quality: 0 };
  // Half a quote (a closing mark with no opening one, or the reverse): it does not stand alone.
  if (!quotesBalanced(sentence)) return { usable: false, quality: 0 };
  // A caption: a present-tense scene with a full date ("X addresses the media Aug. 19, 2018, during a news conference.").
  if (CAPTION_DATE.test(sentence) && CAPTION_VERB.test(sentence) && !PAST_VERB.test(sentence)) return { usable: false, quality: 0 };
  // Means nothing without the sentence before it ("The third is security.", "The latter said...",
  // "This was..."): a takeaway is read on its own. A pronoun opening only weakens a sentence.
  if (DEPENDENT_OPENING.test(sentence)) return { usable: false, quality: 0 };
  if (PRONOUN_OPENING.test(sentence)) q *= PRONOUN_FACTOR;
  // "This complexity risks...", "However, ...", "One reason for that...": weak on their own.
  else if (leansOnContext(sentence)) q *= 0.5;
  // A quote with its speaker is reporting (summaries of the news quote as much as the news does);
  // a quote and nothing else is weaker: the reader cannot tell whose words they are.
  if (bareQuote(sentence)) q *= 0.7;
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
