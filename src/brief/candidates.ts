// Candidate sentences for extraction: every usable sentence of every article, with the features
// the selector needs (terms, bigram concepts, position, quality), computed once.
import { splitSentences, words, stem, isStopword } from '../analyze/text.js';
import { closeOpenQuote, dropConnective, ENGLISH_TEXT_SHARE, englishShare, judgeSentence, otherLanguage, stripSentenceJunk, stripTextJunk, trimSentence } from './clean.js';

export interface Candidate {
  /** Index into the ordered article list. */
  article: number;
  /** Position among the usable sentences of its article (0 = first). */
  position: number;
  /** The sentence as it will be shown (cleaned, attribution trimmed). */
  text: string;
  /** Whitespace word count of `text`. */
  length: number;
  /** Distinct stemmed content terms. */
  terms: Set<string>;
  /** Its content terms of three or more characters: short numbers and initials do not dilute an overlap. */
  core: Set<string>;
  /** Distinct stemmed bigram concepts (stopword-only pairs dropped). */
  concepts: Set<string>;
  /** 0..1 from the sentence judge. */
  quality: number;
  /** Index of the sentence in its article's split text (unusable ones counted): adjacency. */
  sentence: number;
  /** Opens with a demonstrative ("This move...", "These people...", "That's why..."): what it means is in the sentence before. */
  refersBack: boolean;
  /** Two sentences shown together: the one before, then one that refers back to it. */
  pair?: boolean;
}

/**
 * "This move ...", "These people ...", "That's why ...": what it speaks of is in the sentence before
 * ("This year", "this week" are times, not references). Pronoun openings ("She was sentenced...")
 * stay weighed at 0.8 (docs/adr/016, 026): shown with the sentence before them they cost R2 0.2 on
 * the odd half of Multi-News and 0.5 on CNN/DM (docs/adr/029).
 */
const REFERS_BACK = /^["“‘']?(?:(?:this|these|those|that|such)\s+(?!(?:year|week|month|morning|afternoon|evening|weekend|summer|winter|spring|fall|autumn|season|past|coming|time|decade|century)\b)\p{Ll}|(?:this|that)['’]s\b)/iu;

/**
 * A sentence that refers back, shown with the sentence before it as one takeaway: "Sponsors left
 * the show after the host's remarks. That's why the network cut his airtime." Read alone it leaves
 * the reader asking what "that" is; the sentence before says it.
 */
export function withAntecedents(perArticle: Candidate[][], maxWords: number): Candidate[] {
  const out: Candidate[] = [];
  for (const sents of perArticle) {
    for (let k = 1; k < sents.length; k++) {
      const c = sents[k]!;
      const prev = sents[k - 1]!;
      if (!c.refersBack || prev.refersBack || prev.sentence !== c.sentence - 1 || prev.length + c.length > maxWords) continue;
      out.push({
        article: c.article,
        position: prev.position,
        text: `${prev.text} ${c.text}`,
        length: prev.length + c.length,
        terms: new Set([...prev.terms, ...c.terms]),
        core: new Set([...prev.core, ...c.core]),
        concepts: new Set([...prev.concepts, ...c.concepts]),
        // The pair stands alone: the weight the second lost for leaning on the first is given back.
        quality: Math.min(prev.quality, Math.min(1, c.quality / 0.5)),
        sentence: prev.sentence,
        refersBack: false,
        pair: true,
      });
    }
  }
  return out;
}

/** Stemmed tokens of a text, stopwords kept (bigrams need them as context), 1-char tokens dropped. */
function stemTokens(ws: string[]): string[] {
  const out: string[] = [];
  for (const w of ws) out.push(stem(w));
  return out;
}

export function conceptsOf(ws: string[]): Set<string> {
  const st = stemTokens(ws);
  const out = new Set<string>();
  for (let i = 0; i + 1 < st.length; i++) {
    const a = ws[i]!;
    const b = ws[i + 1]!;
    if (isStopword(a) && isStopword(b)) continue;
    out.add(`${st[i]} ${st[i + 1]}`);
  }
  return out;
}

export function contentTerms(ws: string[]): Set<string> {
  const out = new Set<string>();
  for (const w of ws) if (w.length > 1 && !isStopword(w)) out.add(stem(w));
  return out;
}

/** Whether the texts read as English together: a story in English whose sources include another language. */
export function readsAsEnglish(texts: readonly string[]): boolean {
  return englishShare(texts.flatMap((t) => words(t))) >= ENGLISH_TEXT_SHARE;
}

/**
 * Split an article into candidates. Sentence order is preserved; unusable ones are skipped.
 * `english`: the briefing is in English (default: the article reads as English), so a sentence in
 * another language is no use to its reader, whichever article holds it.
 */
export function articleCandidates(article: number, text: string, english = readsAsEnglish([text])): Candidate[] {
  const out: Candidate[] = [];
  const seen = new Set<string>();
  let sentence = -1;
  for (const raw of splitSentences(stripTextJunk(text))) {
    sentence++;
    const cleaned = stripSentenceJunk(raw);
    const shown = closeOpenQuote(trimSentence(dropConnective(cleaned)));
    const ws = words(shown);
    if (english && otherLanguage(ws)) continue;
    const judged = judgeSentence(shown, ws);
    if (!judged.usable) continue;
    const key = ws.join(' ');
    if (seen.has(key)) continue; // repeated pull quotes
    seen.add(key);
    out.push({
      article,
      position: out.length,
      text: shown,
      length: shown.split(/\s+/).length,
      terms: contentTerms(ws),
      core: coreTerms(ws),
      concepts: conceptsOf(ws),
      quality: judged.quality,
      sentence,
      refersBack: REFERS_BACK.test(shown),
    });
  }
  return out;
}

/** Stemmed content terms of three or more characters. */
export function coreTerms(ws: string[]): Set<string> {
  const out = new Set<string>();
  for (const w of ws) if (w.length > 2 && !isStopword(w)) out.add(stem(w));
  return out;
}

/** Overlap of two term sets relative to the smaller one (1 = one contains the other). */
export function containment(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const t of small) if (big.has(t)) shared++;
  return shared / small.size;
}

/** Jaccard similarity of two term sets. */
export function jaccard(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const t of small) if (big.has(t)) shared++;
  return shared / (a.size + b.size - shared);
}
