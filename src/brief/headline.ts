// A headline made from a lede, for a story whose articles have no usable title (plain text,
// scraped paragraphs): its main clause, never a sentence cut off with "…". Shared by ingest (the
// title of a text file whose first line is prose) and the briefing engines.
import { hasVerbLikeToken, stripSentenceJunk } from './clean.js';
import { words } from '../analyze/text.js';

/** Longest headline made from a lede, in words. */
const HEADLINE_WORDS = 16;
/** A whole lede up to this long is a better headline than one cut mid-phrase. */
const LONG_HEADLINE_WORDS = 22;
/** A cut at a boundary up to this long, where no shorter one has the main verb. */
const LONGEST_CUT_WORDS = 22;

/**
 * A headline for a story whose articles have no usable title: the lede's main clause, cut at a
 * clause boundary (", which", ", after", "; ") so that it ends where a thought ends, never with
 * "..."; only a lede with no such boundary in reach is cut at its last phrase boundary.
 */
export function headlineFromLede(lede: string): string {
  let text = dropLeadingAdjunct(stripSentenceJunk(lede).replace(/[.!]+["”’]?$/, '').trim());
  // A headline quotes no one: it ends before a quote that opens ("X said: 'It looked...").
  const quote = /(?::|\b(?:said|says|told \S+|added)),?\s+["“'‘](?=\p{L}|\d)/u.exec(text);
  if (quote && quote.index > 0 && text.slice(0, quote.index).split(/\s+/).length >= 5) text = text.slice(0, quote.index).replace(/[\s,:;]+$/, '').replace(/\s+(?:said|says|told|added)$/i, '');
  // "..., new research suggests": whose finding it is belongs to the lede, not the headline.
  const said = /,\s+(?:(?:a|the|new|recent)\s+)?(?:[\p{L}-]+\s+){0,3}?(?:said|says|suggests?|shows?|finds?|found|reported|reports)$/u.exec(text);
  if (said && text.slice(0, said.index).split(/\s+/).length >= 6) text = text.slice(0, said.index);
  const ws = text.split(/\s+/);
  if (ws.length <= HEADLINE_WORDS) return text;
  // A cut where a thought ends, within the usual length; else the whole sentence where it is not
  // much longer; else a cut within that longer reach.
  const short = cutAtBoundary(text, HEADLINE_WORDS);
  if (short) return short;
  if (ws.length <= LONG_HEADLINE_WORDS) return text;
  // The main verb comes late ("A former teacher accused of ... took a plea deal"): a longer cut that has it.
  const long = cutAtBoundary(text, LONGEST_CUT_WORDS);
  if (long) return long;
  // No boundary in reach: the first words, never ending on a word that needs the next one.
  const cut = ws.slice(0, HEADLINE_WORDS);
  while (cut.length > 6 && /^(?:the|a|an|of|to|in|on|at|by|for|with|and|or|but|his|her|its|their|that|which|who|is|are|was|were|as|from|more|less|than|about|around|nearly|almost|over|said|says|told|very|most)$/i.test(cut[cut.length - 1]!.replace(/[,;:–—-]+$/, ''))) cut.pop();
  return cut.join(' ').replace(/[,;:–—-]+$/, '');
}

/**
 * A lede that opens with a time, a place or a circumstance before its main clause ("In a paper
 * published this week, an international team...", "On November 2, 2017, Jane Roe was..."): the
 * headline starts at the main clause, which names who did what.
 */
function dropLeadingAdjunct(text: string): string {
  const m = /^(?:(?:just|only|earlier|late|early)\s+)?(?:in|on|at|over|after|before|during|since|following|amid|despite|under|with|without|through|last|this|shortly|earlier|later|meanwhile|for|between)\b(?:[^,]|,\s*(?:19|20)\d\d\b){0,130}?,\s+(?=[\p{L}"“])/iu.exec(text);
  if (!m) return text;
  const rest = text.slice(m[0].length);
  if (rest.split(/\s+/).length < 5 || !hasVerb(rest)) return text;
  return rest[0]!.toUpperCase() + rest.slice(1);
}

/** The text cut at the last clause (else phrase) boundary that leaves 5..maxWords words with a verb. */
function cutAtBoundary(text: string, maxWords: number): string | undefined {
  const clause = /(?:,\s+(?:which|who|whom|where|when|after|as|while|but|and|saying|according|including|despite|because|although|though|amid|with|[a-z]+ing(?=\s+(?!and\b|or\b)\S))\b|;\s|\s[-–—]+\s|:\s|\s(?=(?:which|who)\s))/g;
  // Before a preposition that opens an adjunct (where, when, why); never right after a verb or a
  // participle ("reported", "produced") whose object would be cut off.
  const phrase = /\s(?=(?:after|before|over|amid|for|from|in|at|on|with|during|following|since|until|because|while|when|where|into|under|against|without|near|across|despite)\s)/g;
  for (const re of [clause, phrase]) {
    let best = -1;
    for (const m of text.matchAll(re)) {
      const head = text.slice(0, m.index);
      const n = head.split(/\s+/).length;
      const last = /(\S+)$/.exec(head)?.[1]?.toLowerCase() ?? '';
      const before = /(\S+)\s+\S+$/.exec(head)?.[1]?.toLowerCase() ?? '';
      // Never right after a speech verb ("X said: 'It looked...'") or an infinitive ("to indicate").
      if (/^(?:said|says|told|added|asked|wrote|explained|warned|noted)$/.test(last) || before === 'to') continue;
      if (re === phrase && (n < 6 || /(?:ed|ing)$|^(?:is|are|was|were|be|been|has|have|had|the|a|an|of|and|or)$/.test(last))) continue;
      // Nor after an adverb waiting for what it modifies ("...is apparently also | on the minds").
      if (re === phrase && /^(?:also|still|just|even|only|now|then|already|apparently|reportedly|allegedly|currently|not|never|ever)$/.test(last)) continue;
      // A headline has a finite verb: "Jane Roe and John Doe at the University" says nothing
      // happened, and "A former teacher accused of fraud" leaves out what she did.
      if (n >= 5 && n <= maxWords && hasFiniteVerb(head)) best = m.index!;
    }
    if (best > 0) return text.slice(0, best).replace(/[,;:\s]+$/, '');
  }
  return undefined;
}

/**
 * A verb after the first word, in lower case: names ("Joel H. Rubenstein") and a plural subject
 * ("Researchers ...") are not verbs, though they end like one.
 */
function hasVerb(text: string): boolean {
  const lower = text.split(/\s+/).slice(1).filter((w) => /^\p{Ll}/u.test(w)).join(' ');
  return lower.length > 0 && hasVerbLikeToken(words(lower));
}

const AUXILIARY = new Set(['is', 'are', 'was', 'were', 'has', 'have', 'had', 'will', 'would', 'can', 'could', 'may', 'might', 'must', 'shall', 'should', 'do', 'does', 'did', 'won’t', "won't", 'cannot']);
/** Past forms that are not participles of a noun ("accused of", "convicted for", "based in"). */
const PARTICIPLE_NEXT = /^(?:by|of|for|with)$/;
const PREPOSITION_NEXT = /^(?:for|to|in|on|at|with|from|after|over|into|against)$/;
const DETERMINER_NEXT = /^(?:a|an|the|his|her|its|their|to|up|down|out|off|back|new|more|\d[\d,.]*)$/;

/**
 * A finite verb after the first word: an auxiliary ("has ended"), a past form not opening a
 * participle phrase ("stepped down", but not "accused of"), an irregular past ("went"), or a
 * present form before its object ("takes a soaking").
 */
function hasFiniteVerb(text: string): boolean {
  const ws = text.split(/\s+/).map((w) => w.replace(/^[("“‘']+|[)"”’',.;:!?]+$/g, ''));
  for (let i = 1; i < ws.length; i++) {
    const w = ws[i]!;
    if (!/^\p{Ll}/u.test(w)) continue;
    const next = (ws[i + 1] ?? '').toLowerCase();
    if (AUXILIARY.has(w)) return true;
    if (/^(?:said|says|told|tells)$/.test(w)) return true;
    if (w.length > 4 && /ed$/.test(w)) {
      if (!PARTICIPLE_NEXT.test(next)) return true;
      continue;
    }
    if (/ing$/.test(w) || w === 'been' || w === 'being' || w === 'begun') continue;
    if (IRREGULAR_FINITE.test(w)) return true;
    if (hasVerbLikeToken([w]) && !/s$/.test(w) && !PARTICIPLE_NEXT.test(next)) return true;
    // "takes a soaking"; "Board apologizes for": after a name, before a preposition.
    if (w.length > 3 && /[^s]s$/.test(w) && (DETERMINER_NEXT.test(next) || (PREPOSITION_NEXT.test(next) && /^\p{Lu}/u.test(ws[i - 1] ?? '')))) return true;
  }
  return false;
}
const IRREGULAR_FINITE = /^(?:went|came|gave|got|saw|found|kept|held|met|paid|ran|sent|sold|spent|stood|struck|thought|brought|bought|caught|fell|felt|fought|flew|grew|knew|led|rose|shot|spoke|stole|swore|threw|wrote|drew|drove|broke|chose|sought|taught|heard|built|fled|took|made|won|lost|left|became|began|put|set|cut|hit|quit)$/;
