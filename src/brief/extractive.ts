// The extractive engine: a Key Takeaways briefing built only from sentences of the sources.
// Offline and deterministic. The lede is chosen first: the most informative early who/what/where/
// when sentence, the news itself; takeaways then add the key facts by concept coverage with a
// position prior, each standing on its own; "why it matters" takes the implications the sources
// state from what is left of the word budget.
import type { Briefing, BriefingArticle, BriefingRequest, BriefingSource, Engine, StoryAnalysis, Takeaway } from '../domain/types.js';
import { UserError } from '../domain/errors.js';
import { words } from '../analyze/text.js';
import { boilerplateReason } from '../cluster/boilerplate.js';
import { briefingActors, briefingPhase } from './story-analysis.js';
import { articleCandidates, containment, contentTerms, jaccard, readsAsEnglish, withAntecedents, type Candidate } from './candidates.js';
import { FIRST_PERSON, leansOnContext, outsideQuotes } from './clean.js';
import { headlineFromLede } from './headline.js';
import { asideOrQuip, whyCues } from './why.js';
import { WHEN_PHRASES, WHEN_WORDS } from './knowledge/lede-words.data.js';
import { orderArticles } from './order.js';
export { orderArticles } from './order.js';
export { headlineFromLede } from './headline.js';
import { addedWeight, conceptWeights, isDuplicate, positionPrior, selectSentences, type ConceptWeights } from './select.js';

export interface ExtractiveEngineOptions {
  /** Default word budget for lede + takeaways + why it matters (a request's maxWords wins). */
  maxWords?: number;
  /** Default maximum number of takeaways (a request's maxTakeaways wins). */
  maxTakeaways?: number;
  /** Number of actors listed. */
  maxActors?: number;
}

/** Two sentences whose content terms overlap this much (relative to the smaller) say the same. */
const DUPLICATE_AT = 0.6;
/** A sentence of another article this close to a takeaway counts as that article stating it. */
const CITE_AT = 0.6;
/**
 * Several sources: MMR weight against sentences already picked (docs/adr/025). Outlets restate one
 * another in other words, below the duplicate threshold; one source rarely does (and there it cost
 * ROUGE on the even half), so none.
 */
const MMR_WEIGHT = 1;
/**
 * Takeaway words for a one-source story, past its three takeaways: none. With the lede that is
 * four sentences, what news highlights of one article take (docs/adr/026).
 */
const SINGLE_SOURCE_TAKEAWAY_WORDS = 30;
/** A takeaway shown with the sentence it refers back to is at most this long (docs/adr/029). */
const PAIR_WORDS = 50;

export function createExtractiveEngine(opts: ExtractiveEngineOptions = {}): Engine {
  return {
    name: 'extractive',
    async brief(request: BriefingRequest): Promise<Briefing> {
      return briefExtractive(request, opts);
    },
  };
}

/** Words that say when (a day, a month, a year, "last week"): the when of a lede (data: knowledge/lede-words.data.ts). */
const WHEN_CUES = new RegExp(`\\b(?:${[...WHEN_WORDS, String.raw`(?:19|20)\d\d`, ...WHEN_PHRASES].join('|')})\\b`, 'i');

function cueCount(text: string, re: RegExp): number {
  return text.match(re)?.length ?? 0;
}

/** Count capitalised words after the first: names and places, the who and where of a lede. */
function nameCount(text: string): number {
  const m = text.slice(1).match(/(?<=\s)[\p{Lu}][\p{Ll}\p{Lu}'’-]+/gu);
  return m ? m.length : 0;
}

function wordCount(text: string): number {
  return text.trim() ? text.trim().split(/\s+/).length : 0;
}

function cleanTitle(title: string, outlet?: string): string {
  let t = title.replace(/\s+/g, ' ').trim();
  // "Headline - Outlet", "Headline | Site": keep the headline part.
  const parts = t.split(/\s+[|–—-]\s+/);
  if (parts.length > 1) {
    const longest = parts.reduce((a, b) => (wordCount(b) > wordCount(a) ? b : a));
    if (outlet && parts.some((p) => p.toLowerCase() === outlet.toLowerCase())) t = longest;
    else if (wordCount(parts[parts.length - 1]!) <= 3) t = parts.slice(0, -1).join(' - ');
  }
  return t.replace(/^(?:breaking|exclusive|live|watch|update)\s*[:|-]\s*/i, '').trim();
}

function topicBoost(topic: string | undefined): ((c: Candidate) => number) | undefined {
  if (!topic?.trim()) return undefined;
  const want = contentTerms(words(topic));
  if (!want.size) return undefined;
  return (c) => {
    let hit = 0;
    for (const t of want) if (c.terms.has(t)) hit++;
    return 1 + 3 * (hit / want.size);
  };
}

/** Build a briefing synchronously (the engine wraps this; the eval and bench call it directly). */
export function briefExtractive(request: BriefingRequest, opts: ExtractiveEngineOptions = {}): Briefing {
  const articles = orderArticles(request.articles ?? []);
  if (!articles.length) throw new UserError('nothing_to_brief', 'nothing to brief: the story has no articles');
  const maxWords = Math.max(40, request.maxWords ?? opts.maxWords ?? 200);
  const maxTakeaways = Math.min(5, Math.max(1, request.maxTakeaways ?? opts.maxTakeaways ?? 5));

  // Page furniture passed in as an article (a web archive's crawl note, a social widget's notice):
  // ingest refuses such texts (src/cluster/boilerplate.ts); a caller's articles get the same rule.
  const furniture = articles.map((a) => Boolean(boilerplateReason(a.text ?? '')));
  // A story told in English shows no sentence in another language, whichever outlet wrote it.
  const english = readsAsEnglish(articles.filter((_, i) => !furniture[i]).map((a) => a.text ?? ''));
  const perArticle = articles.map((a, i) => (furniture[i] ? [] : articleCandidates(i, a.text ?? '', english)));
  const cands = perArticle.flat();
  if (cands.length < 2) {
    throw new UserError(
      'nothing_to_brief',
      `nothing to brief: the ${articles.length > 1 ? 'articles have' : 'article has'} too little usable text (${cands.length} sentence${cands.length === 1 ? '' : 's'})`,
    );
  }
  const sourcesWithText = perArticle.filter((p) => p.length > 0).length;
  const weights = conceptWeights(cands, sourcesWithText);
  const boost = topicBoost(request.topic);

  // The lede comes first, with one source as with several: the who/what/where/when the story is
  // about. Chosen after the takeaways (as it once was for one source), it was what they left: a
  // background line, a closing line or a sentence that leans on the one before it.
  const single = sourcesWithText === 1;
  let lede: Candidate | undefined =
    chooseLede(cands, [], weights, maxWords * 0.3, boost, true) ?? chooseLede(cands, [], weights, maxWords * 0.3, boost, false);

  // Why it matters is shown on its own: no aside or quip (first person, the reader addressed, "of
  // course"), no bare quote, no "..., he said.", nothing that leans on the sentence before it; it is
  // the implication the sources state (src/brief/why.ts, cues in src/brief/knowledge/why-cues.data.ts).
  const whyOk = (c: Candidate): boolean => standsAlone(c) && !FIRST_PERSON.test(outsideQuotes(c.text)) && !asideOrQuip(c.text);
  const cue = new Map(cands.map((c) => [c, whyCues(c.text).weight]));
  const whyBoost = (c: Candidate): number => (1 + 0.5 * (cue.get(c) ?? 0)) * (boost ? boost(c) : 1);

  // 1. Takeaways: the key facts, standing on their own.
  const ledeWords = lede ? lede.length : 0;
  const takeawayBudget = single ? Math.min(SINGLE_SOURCE_TAKEAWAY_WORDS, maxWords * 0.5) : maxWords * 0.6;
  // A takeaway is read on its own: one that refers back is shown with the sentence before it.
  const takeawayPool = [...cands.filter((c) => !c.refersBack), ...withAntecedents(perArticle, PAIR_WORDS)];
  let picked = selectSentences(lede ? takeawayPool.filter((c) => c !== lede) : takeawayPool, weights, {
    budgetWords: Math.min(takeawayBudget, maxWords - ledeWords - 10),
    hardCapWords: Math.floor(maxWords * (single ? 0.6 : 0.75)) - ledeWords,
    maxCount: maxTakeaways,
    minCount: Math.min(3, maxTakeaways),
    taken: lede ? [lede] : [],
    boost,
    positionWeight: single ? 0.8 : 0.08,
    duplicateAt: DUPLICATE_AT,
    redundancyWeight: single ? 0 : MMR_WEIGHT,
  });

  picked = extendByFollower(picked, perArticle, lede, weights, Math.floor(maxWords * (single ? 0.6 : 0.75)) - ledeWords);
  // 2. No lede fitted the budget first: an early, central sentence not repeating a takeaway.
  lede ??=
    chooseLede(cands, picked, weights, maxWords - sumWords(picked), boost, true) ??
    chooseLede(cands, picked, weights, maxWords - sumWords(picked), boost, false);
  if (!lede) {
    // Too few sentences for both: the earliest takeaway becomes the lede.
    const first = [...picked].sort(byPosition)[0]!;
    lede = first;
    picked = picked.filter((c) => c !== first);
  }

  // 3. Why it matters: implications the sources state, from what is left of the word budget.
  const used = [...picked, lede];
  const left = maxWords - sumWords(used);
  const pool = cands.filter((c) => !used.includes(c) && whyOk(c));
  const whyFrom = (list: Candidate[]): Candidate[] =>
    selectSentences(list, weights, {
      budgetWords: left,
      hardCapWords: left,
      maxCount: 3,
      minCount: 1,
      taken: used,
      boost: whyBoost,
      positionWeight: single ? 0.3 : 0.2,
      duplicateAt: DUPLICATE_AT,
      redundancyWeight: single ? 0 : MMR_WEIGHT,
    });
  let why = whyFrom(pool.filter((c) => cue.get(c)! > 0));
  if (!why.length) {
    // None left that fits: a plain reporting sentence (not a quote, not a caption) fills the place, and
    // where a takeaway states the implication, the two trade places (the same sentences shown).
    why = whyFrom(pool.filter((c) => c.quality >= 0.65 && !mostlyQuoted(c.text)));
    const stated = picked.filter((c) => cue.get(c)! > 0 && whyOk(c)).sort((a, b) => cue.get(b)! - cue.get(a)! || byPosition(a, b))[0];
    // One source: its takeaways stay as chosen (they are what a reader of one article skims).
    if (stated && !single && (why.length || picked.length > Math.min(3, maxTakeaways))) {
      picked = [...picked.filter((c) => c !== stated), ...why.filter((c) => standsAlone(c)).slice(0, 1)];
      why = [stated];
    }
  }
  why.sort(byPosition);
  // Words left over (a long why sentence did not fit): one more takeaway that fits, if there is room.
  const spare = maxWords - sumWords([...picked, lede, ...why]);
  if (!single && spare >= 12 && picked.length < maxTakeaways) {
    picked = [
      ...picked,
      ...selectSentences(takeawayPool.filter((c) => !picked.includes(c) && c !== lede && !why.includes(c)), weights, {
        budgetWords: spare,
        hardCapWords: spare,
        maxCount: 1,
        minCount: 1,
        taken: [...picked, lede, ...why],
        boost,
        positionWeight: 0.08,
        duplicateAt: DUPLICATE_AT,
        redundancyWeight: single ? 0 : MMR_WEIGHT,
      }),
    ];
  }

  // A page that is furniture (a social widget's notice, a crawl note) is no source: it is neither
  // cited nor counted as an outlet. The others are numbered in order.
  const sourceNumber = new Map<number, number>();
  const sources: BriefingSource[] = [];
  articles.forEach((a, i) => {
    if (furniture[i]) return;
    sourceNumber.set(i, sources.length + 1);
    sources.push({
      n: sources.length + 1,
      title: a.title?.trim() || firstWords(perArticle[i]![0]?.text ?? a.url, 12),
      ...(a.outlet ? { outlet: a.outlet } : {}),
      url: a.url,
      ...(a.publishedAt ? { publishedAt: a.publishedAt } : {}),
    });
  });
  const takeaways: Takeaway[] = [...picked].sort(byPosition).map((c) => ({
    text: c.text,
    sources: citations(c, perArticle).map((i) => sourceNumber.get(i)!),
  }));

  return {
    headline: chooseHeadline(articles.filter((_, i) => !furniture[i]), weights) || headlineFromLede(lede.text),
    lede: lede.text,
    takeaways,
    whyItMatters: why.map((c) => c.text).join(' '),
    // Computed once outside the engine when the caller did (issue 11); the same functions otherwise.
    actors: request.analysis?.actors ?? briefingActors(articles, opts.maxActors ?? 8),
    ...phaseField(articles, request.analysis),
    sources,
  };
}

function sumWords(cs: Candidate[]): number {
  return cs.reduce((a, c) => a + c.length, 0);
}

function byPosition(a: Candidate, b: Candidate): number {
  return a.position - b.position || a.article - b.article;
}

/** A sentence a reader understands without the one before it (see leansOnContext). */
function standsAlone(c: Candidate): boolean {
  return !leansOnContext(c.text);
}

function firstWords(text: string, n: number): string {
  const ws = text.replace(/[.!]+$/, '').split(/\s+/);
  return ws.length <= n ? ws.join(' ') : ws.slice(0, n).join(' ') + '…';
}

function centrality(c: Candidate, w: ConceptWeights): number {
  let g = 0;
  for (const t of c.terms) g += w.term.get(t) ?? 0;
  for (const b of c.concepts) g += w.bigram.get(b) ?? 0;
  return g / Math.sqrt(Math.max(c.length, 10));
}

function chooseLede(
  cands: Candidate[],
  picked: Candidate[],
  w: ConceptWeights,
  budget: number,
  boost: ((c: Candidate) => number) | undefined,
  strict: boolean,
): Candidate | undefined {
  let best: Candidate | undefined;
  let bestScore = -Infinity;
  const maxC = Math.max(1e-9, ...cands.map((c) => centrality(c, w)));
  for (const c of cands) {
    if (picked.includes(c) || c.length > budget || !standsAlone(c)) continue;
    // Strict: an early, plain reporting sentence (not a quote, no first person). A few quoted words
    // inside it ("...over his self-described 'insulting word choices'") are still the reporter's sentence.
    if (strict && (c.position > 8 || c.length < 8 || c.quality < 0.65 || mostlyQuoted(c.text))) continue;
    if (isDuplicate(c, picked, DUPLICATE_AT)) continue;
    const wh = Math.min(1, cueCount(c.text, WHEN_CUES)) + Math.min(3, nameCount(c.text)) / 3;
    const score =
      (0.5 + centrality(c, w) / maxC) * (1 + 0.4 * wh) * positionPrior(c.position) ** 2 * c.quality * (boost ? boost(c) : 1);
    if (score > bestScore) {
      bestScore = score;
      best = c;
    }
  }
  return best;
}

/**
 * A third or more of its words are inside quotation marks (a quote with its speaker, a quote alone);
 * a quoted title ("'Tonight Show' host X said...") or a few quoted words are the reporter's sentence.
 */
export function mostlyQuoted(text: string): boolean {
  if (/^['‘]/.test(text)) return true;
  let quoted = 0;
  for (const m of text.matchAll(/["“]([^"“”]*)["”]?/g)) quoted += wordCount(m[1] ?? '');
  return quoted * 3 > wordCount(text);
}

/** Indices of every article stating this sentence (its own first), in article order. */
function citations(c: Candidate, perArticle: Candidate[][]): number[] {
  const out = [c.article];
  perArticle.forEach((sents, i) => {
    if (i === c.article) return;
    if (sents.some((s) => containment(c.terms, s.terms) >= CITE_AT && jaccard(c.terms, s.terms) >= 0.35)) out.push(i);
  });
  return out.sort((a, b) => a - b);
}

/** The title most representative of the story's shared concepts. */
function chooseHeadline(articles: BriefingArticle[], w: ConceptWeights): string {
  let best = '';
  let bestScore = -Infinity;
  for (const a of articles) {
    const t = cleanTitle(a.title ?? '', a.outlet);
    if (wordCount(t) < 3) continue;
    const terms = contentTerms(words(t));
    let s = 0;
    for (const x of terms) s += 1 + (w.term.get(x) ?? 0);
    s /= Math.sqrt(Math.max(terms.size, 4));
    if (s > bestScore) {
      bestScore = s;
      best = t;
    }
  }
  return best;
}

function phaseField(articles: BriefingArticle[], analysis: StoryAnalysis | undefined): Pick<Briefing, 'phase'> {
  const phase = analysis ? analysis.phase : briefingPhase(articles);
  return phase ? { phase } : {};
}

/**
 * A takeaway followed in its article by a sentence that refers back to it and adds facts of its own
 * ("Engineers will build a floating dock. This dock will cost 14 million euros."): the two are shown
 * together, where the words allow, rather than the second lost (alone it is never shown).
 */
function extendByFollower(picked: Candidate[], perArticle: Candidate[][], lede: Candidate | undefined, w: ConceptWeights, capWords: number): Candidate[] {
  const out = [...picked];
  if (!out.length) return out;
  let words = sumWords(out);
  const density = (c: Candidate, covered: Candidate[]) => addedWeight(c, w, covered) / Math.sqrt(Math.max(c.length, 10));
  // It must add as much per word as the weakest takeaway does.
  const floor = Math.min(...out.map((c) => density(c, [...(lede ? [lede] : []), ...out.filter((x) => x !== c)])));
  out.forEach((c, i) => {
    if (c.pair) return;
    const next = perArticle[c.article]?.find((x) => x.sentence === c.sentence + 1);
    if (!next?.refersBack || next.length + c.length > PAIR_WORDS || words + next.length > capWords) return;
    if (density(next, [...(lede ? [lede] : []), ...out]) < floor) return;
    const [pair] = withAntecedents([[c, next]], PAIR_WORDS);
    if (!pair) return;
    out[i] = pair;
    words += next.length;
  });
  return out;
}
