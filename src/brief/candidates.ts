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
  for (const raw of splitSentences(stripTextJunk(text))) {
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
