// The order every engine and the story analysis read a story's articles in.
import type { BriefingArticle } from '../domain/types.js';

/** Sources in a stable order: by publishedAt (undated last), then id. */
export function orderArticles(articles: BriefingArticle[]): BriefingArticle[] {
  return [...articles].sort((a, b) => {
    const ta = a.publishedAt ? Date.parse(a.publishedAt) : NaN;
    const tb = b.publishedAt ? Date.parse(b.publishedAt) : NaN;
    const ka = Number.isNaN(ta) ? Infinity : ta;
    const kb = Number.isNaN(tb) ? Infinity : tb;
    if (ka !== kb) return ka < kb ? -1 : 1;
    return a.id - b.id;
  });
}

