// Passage selection for a model engine (issue 11): the model never sees whole archives, only the
// story's most informative sentences, chosen by the extractive side's own scoring (concept weight
// per word, agreement between outlets, a position prior), with near-duplicates across outlets
// refused, until a token budget is spent. Domain code: no model or driver here.
import type { BriefingArticle } from '../domain/types.js';
import { articleCandidates, type Candidate } from './candidates.js';
import { conceptWeights, isDuplicate, positionPrior, type ConceptWeights } from './select.js';

export interface Passage {
  /** 1-based number of the source (the ordered article) it comes from: what takeaways cite. */
  source: number;
  /** Its position among the usable sentences of its article (0 = first). */
  position: number;
  text: string;
}

export interface PassageSelection {
  passages: Passage[];
  /** Estimated tokens of the passages chosen plus each source's header. */
  tokens: number;
  /** Estimated tokens of sending every article whole (the figure the budget is measured against). */
  wholeTokens: number;
}

/**
 * A token estimate without a tokenizer: about 4 characters a token for English prose (OpenAI's own
 * rule of thumb); good enough for a budget, which is an upper bound the caller sets with margin.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** The fixed cost of announcing one source (tags, number, outlet, title, date). */
export function sourceHeaderTokens(a: Pick<BriefingArticle, 'title' | 'outlet' | 'publishedAt'>): number {
  return 12 + estimateTokens(`${a.title ?? ''}${a.outlet ?? ''}${a.publishedAt ?? ''}`);
}

/** Two sentences sharing this much of their content terms say the same thing (as in extractive.ts). */
const DUPLICATE_AT = 0.6;

function score(c: Candidate, w: ConceptWeights): number {
  let g = 0;
  for (const t of c.terms) g += 1 + (w.term.get(t) ?? 0);
  for (const b of c.concepts) g += w.bigram.get(b) ?? 0;
  return (g / Math.sqrt(Math.max(c.length, 8))) * positionPrior(c.position) * c.quality;
}

/**
 * The passages of `articles` (already in source order) to send within `maxTokens`: first the best
 * sentence of each article (every outlet gets a voice), then the best of the rest; a sentence that
 * repeats one already chosen (another outlet's wording of the same fact) is skipped.
 */
export function selectPassages(articles: readonly BriefingArticle[], opts: { maxTokens: number }): PassageSelection {
  const perArticle = articles.map((a, i) => articleCandidates(i, a.text ?? ''));
  const cands = perArticle.flat();
  const wholeTokens = articles.reduce((n, a) => n + sourceHeaderTokens(a) + estimateTokens(a.text ?? ''), 0);
  if (!cands.length) return { passages: [], tokens: 0, wholeTokens };
  const weights = conceptWeights(cands, perArticle.filter((p) => p.length).length);
  const scored = new Map(cands.map((c) => [c, score(c, weights)]));
  const chosen: Candidate[] = [];
  const headed = new Set<number>();
  let tokens = 0;
  const take = (c: Candidate): boolean => {
    if (chosen.includes(c) || isDuplicate(c, chosen, DUPLICATE_AT)) return false;
    const cost = estimateTokens(c.text) + 4 + (headed.has(c.article) ? 0 : sourceHeaderTokens(articles[c.article]!));
    if (tokens + cost > opts.maxTokens) return false;
    tokens += cost;
    headed.add(c.article);
    chosen.push(c);
    return true;
  };
  const best = (list: Candidate[]): Candidate[] => [...list].sort((a, b) => scored.get(b)! - scored.get(a)! || a.article - b.article || a.position - b.position);
  for (const list of perArticle) for (const c of best(list)) if (take(c)) break;
  for (const c of best(cands)) take(c);
  chosen.sort((a, b) => a.article - b.article || a.position - b.position);
  return { passages: chosen.map((c) => ({ source: c.article + 1, position: c.position, text: c.text })), tokens, wholeTokens };
}
