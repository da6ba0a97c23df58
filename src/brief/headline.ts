// A headline made from a lede, for a story whose articles have no usable title (plain text,
// scraped paragraphs): its main clause, never a sentence cut off with "…". Shared by ingest (the
// title of a text file whose first line is prose) and the briefing engines.
import { stripSentenceJunk } from './clean.js';

/** Longest headline made from a lede, in words. */
const HEADLINE_WORDS = 16;

/**
 * A headline for a story whose articles have no usable title: the lede's main clause, cut at a
 * clause boundary (", which", ", after", "; ") so that it ends where a thought ends, never with
 * "..."; only a lede with no such boundary in reach is cut at its last phrase boundary.
 */
export function headlineFromLede(lede: string): string {
  let text = stripSentenceJunk(lede).replace(/[.!]+["”’]?$/, '').trim();
  // A headline quotes no one: it ends before a quote that opens ("X said: 'It looked...").
  const quote = /(?::|\b(?:said|says|told \S+|added)),?\s+["“'‘](?=\p{L}|\d)/u.exec(text);
  if (quote && quote.index > 0 && text.slice(0, quote.index).split(/\s+/).length >= 5) text = text.slice(0, quote.index).replace(/[\s,:;]+$/, '').replace(/\s+(?:said|says|told|added)$/i, '');
  const ws = text.split(/\s+/);
  if (ws.length <= HEADLINE_WORDS) return text;
  const clause = /(?:,\s+(?:which|who|whom|where|when|after|as|while|but|and|saying|according|including|despite|because|although|though|amid|with)\b|;\s|\s[-–—]+\s|:\s)/g;
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
      if (n >= 5 && n <= HEADLINE_WORDS) best = m.index!;
    }
    if (best > 0) return text.slice(0, best).replace(/[,;:\s]+$/, '');
  }
  // No boundary in reach: the first words, never ending on a word that needs the next one.
  const cut = ws.slice(0, HEADLINE_WORDS);
  while (cut.length > 6 && /^(?:the|a|an|of|to|in|on|at|by|for|with|and|or|but|his|her|its|their|that|which|who|is|are|was|were|as|from|more|less|than|about|around|nearly|almost|over|said|says|told|very|most)$/i.test(cut[cut.length - 1]!.replace(/[,;:–—-]+$/, ''))) cut.pop();
  return cut.join(' ').replace(/[,;:–—-]+$/, '');
}

