// Actors in an article: table actors (countries, organisations, groups) found by alias, people and
// other organisations found by spotting capitalised names, partial mentions resolved to the full
// name used elsewhere in the same text ("al-Hayya" -> "Khalil al-Hayya"), and roles read from the
// words around a name ("U.S. special envoy Steve Witkoff", "Hamas delegation led by ...").
//
// Everything runs over one token stream per sentence with map look-ups, so the cost is linear in
// the text: an article with hundreds of names costs no more per name than one with five.
import * as K from './knowledge/actor-words.data.js';
import { GIVEN_NAMES } from './knowledge/given-names.data.js';
import type { ActorKind } from '../domain/types.js';
import { splitSentences } from './text.js';
import { ACTOR_TABLE, extendActorTable, NEWS_OUTLET_NAMES, type ActorEntry, type ExtraAlias } from './actor-table.js';

export type { ActorEntry, ExtraAlias } from './actor-table.js';

export interface ActorMention {
  canonical: string;
  kind: ActorKind;
  /** The words as written ("al-Hayya", "Türkiye", "the envoy"). */
  surface: string;
  /** Index into splitSentences(text). */
  sentenceIndex: number;
  /** Character offset of the surface in the text. */
  start: number;
  /** Roles learnt for this actor anywhere in the text (the same list on each of its mentions). */
  roles: string[];
}

export interface ActorStatement {
  sentenceIndex: number;
  /** The sentence, trimmed. */
  text: string;
  /** Quoted words in the sentence, when the actor speaks and the article quotes. */
  quote?: string;
  kind: 'said' | 'did';
}

export interface ActorSummary {
  canonical: string;
  kind: ActorKind;
  /** Distinct surfaces seen, the canonical name excluded. */
  aliases: string[];
  roles: string[];
  mentions: number;
  firstSentence: number;
}

export interface SentenceSpan {
  text: string;
  start: number;
  end: number;
}

export interface ExtractActorsOptions {
  extraAliases?: readonly ExtraAlias[];
  /**
   * The article's title: a person it names in full ("Amanda Brooks moves her label...") is who
   * the surname alone in the text ("Brooks said") stands for. The title itself gives no mention.
   */
  title?: string;
}

const MAX_NAME_CHARS = 200;

// ---------------------------------------------------------------------------------------------
// Sentences with offsets

/**
 * splitSentences(text) with each sentence's offsets in the original text. splitSentences only
 * collapses whitespace, so a single forward walk recovers the offsets.
 */
/** Splits remembered by text (least recently used dropped first). */
const spansByText = new Map<string, SentenceSpan[]>();
const SPANS_KEPT = 1000;

export function sentenceSpans(text: string): SentenceSpan[] {
  // Actors, phases and events split the same article in turn, and every query over it splits it
  // again (the text is read anew from the store): splitting is most of a warm query's time.
  let out = spansByText.get(text);
  if (out) {
    spansByText.delete(text);
  } else {
    out = computeSpans(text);
    if (spansByText.size >= SPANS_KEPT) spansByText.delete(spansByText.keys().next().value!);
  }
  spansByText.set(text, out);
  return out;
}

function computeSpans(text: string): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  let p = 0;
  for (const s of splitSentences(text)) {
    while (p < text.length && isSpace(text.charCodeAt(p))) p++;
    const start = p;
    let ok = true;
    for (let i = 0; i < s.length; i++) {
      if (s.charCodeAt(i) === 32) {
        if (p >= text.length || !isSpace(text.charCodeAt(p))) { ok = false; break; }
        while (p < text.length && isSpace(text.charCodeAt(p))) p++;
      } else if (text.charCodeAt(p) === s.charCodeAt(i)) p++;
      else { ok = false; break; }
    }
    if (!ok) {
      // Should not happen; fall back to a search so offsets stay usable.
      const at = text.indexOf(s.slice(0, 20), start);
      const from = at >= 0 ? at : start;
      out.push({ text: s, start: from, end: Math.min(text.length, from + s.length) });
      p = Math.min(text.length, from + s.length);
      continue;
    }
    out.push({ text: s, start, end: p });
  }
  return out;
}

function isSpace(c: number): boolean {
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  if (c < 128) return false;
  return /\s/.test(String.fromCharCode(c));
}

// ---------------------------------------------------------------------------------------------
// Name normalisation

const INVISIBLE_RE = /[\p{Cf}\u034F\u115F\u1160\u3164]/gu;

/** Lowercase, no diacritics, no invisible characters, no dots or apostrophes, single spaces; cut at 200 chars. */
export function normaliseName(name: string): string {
  return name
    .slice(0, MAX_NAME_CHARS * 2)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(INVISIBLE_RE, '')
    .toLowerCase()
    .replace(/['’‘`´.]/g, '')
    .replace(/[^\p{L}\p{N}-]+/gu, ' ')
    .trim()
    .replace(/^the\s+/, '')
    .slice(0, MAX_NAME_CHARS)
    .trim();
}

// ---------------------------------------------------------------------------------------------
// Tokens

interface Token {
  raw: string;
  /** Trie keys: exact form for acronyms ("=US"), folded form otherwise. */
  exact?: string;
  fold: string;
  /** Without invisible characters and possessive 's. */
  key: string;
  start: number;
  end: number;
  possessive: boolean;
  /** Starts with an upper-case letter, or is a particle name such as "al-Hayya". */
  cap: boolean;
}

const TOKEN_RE = /(?:\p{Lu}\.){2,}|[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}\p{Cf}]*(?:['’-][\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}\p{Cf}]*)*/gu;
const PARTICLE_NAME_RE = /^(?:al|el|as|ad|ash|an|ar|at|az|bin|ibn|abu|abd)-\p{Lu}/u;
const ACRONYM_RE = /^(?:\p{Lu}\.){2,}$|^[\p{Lu}\p{N}]{2,6}$/u;

const HAS_INVISIBLE_RE = /[\p{Cf}\u034F\u115F\u1160\u3164]/u;
const UPPER_START_RE = /^\p{Lu}/u;

function tokenize(text: string, offset: number): Token[] {
  const out: Token[] = [];
  const invisible = HAS_INVISIBLE_RE.test(text);
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(text))) {
    const raw = m[0];
    let key = invisible ? raw.replace(INVISIBLE_RE, '') : raw;
    const n = key.length;
    const possessive = n > 2 && (key.charCodeAt(n - 1) === 115 /* s */) && (key.charCodeAt(n - 2) === 39 || key.charCodeAt(n - 2) === 0x2019);
    if (possessive) key = key.slice(0, -2);
    if (!key) continue;
    const c0 = key.charCodeAt(0);
    // Upper-case start, or a particle name such as "al-Hayya"; ASCII fast paths first.
    let cap: boolean;
    if (c0 >= 65 && c0 <= 90) cap = true;
    else if (c0 < 128) cap = key.includes('-') && PARTICLE_NAME_RE.test(key);
    else cap = UPPER_START_RE.test(key);
    out.push({
      raw,
      key,
      exact: cap ? exactKey(key) : undefined,
      fold: c0 >= 97 && c0 <= 122 && !cap ? key : foldKey(key),
      start: offset + m.index,
      end: offset + m.index + raw.length,
      possessive,
      cap,
    });
  }
  return out;
}

/** Look-up key of a token: acronyms match exactly ("US" is not "us"), other words ignore case. */
function exactKey(key: string): string | undefined {
  return ACRONYM_RE.test(key) ? `=${key}` : undefined;
}
function foldKey(key: string): string {
  // eslint-disable-next-line no-control-regex
  return (/[^\x00-\x7f]/.test(key) ? key.normalize('NFC') : key).toLowerCase();
}

// ---------------------------------------------------------------------------------------------
// Alias trie over token keys

interface AliasHit {
  entry: ActorEntry;
  metonym: boolean;
  /** The alias starts with an upper-case letter: the first text token must too. */
  capFirst: boolean;
}
interface TrieNode {
  hit?: AliasHit;
  next: Map<string, TrieNode>;
}

interface ActorIndex {
  trie: TrieNode;
  /** normalised alias -> entry, for user input. */
  byAlias: Map<string, ActorEntry>;
  demonyms: Map<string, ActorEntry>;
  /** First words of aliases that start in lower case ("the Strip", "al-Qaeda"). */
  lowerStarts: Set<string>;
}

function aliasTokens(alias: string): string[] {
  return tokenize(alias, 0).map((t) => exactKey(t.key) ?? foldKey(t.key));
}

function buildIndex(table: readonly ActorEntry[]): ActorIndex {
  const trie: TrieNode = { next: new Map() };
  const byAlias = new Map<string, ActorEntry>();
  const demonyms = new Map<string, ActorEntry>();
  const lowerStarts = new Set<string>();
  const add = (alias: string, entry: ActorEntry, metonym: boolean) => {
    const keys = aliasTokens(alias);
    if (!keys.length) return;
    if (!/^\p{Lu}/u.test(alias.trim())) lowerStarts.add(keys[0]!);
    let node = trie;
    for (const k of keys) {
      let n = node.next.get(k);
      if (!n) node.next.set(k, (n = { next: new Map() }));
      node = n;
    }
    // First entry wins: the table lists the primary sense first.
    if (!node.hit) node.hit = { entry, metonym, capFirst: /^\p{Lu}/u.test(alias.trim()) };
    const norm = normaliseName(alias);
    if (norm && !byAlias.has(norm)) byAlias.set(norm, entry);
  };
  for (const e of table) {
    add(e.name, e, false);
    for (const a of e.aliases ?? []) add(a, e, false);
    for (const a of e.metonyms ?? []) add(a, e, true);
    for (const d of e.demonyms ?? []) if (!demonyms.has(foldKey(d))) demonyms.set(foldKey(d), e);
  }
  return { trie, byAlias, demonyms, lowerStarts };
}

const DEFAULT_INDEX = buildIndex(ACTOR_TABLE);
const indexCache = new Map<string, ActorIndex>();

function indexFor(extra?: readonly ExtraAlias[]): ActorIndex {
  if (!extra || extra.length === 0) return DEFAULT_INDEX;
  const cacheKey = JSON.stringify(extra);
  let idx = indexCache.get(cacheKey);
  if (!idx) {
    idx = buildIndex(extendActorTable(extra));
    if (indexCache.size > 20) indexCache.clear();
    indexCache.set(cacheKey, idx);
  }
  return idx;
}

function trieLookup(node: TrieNode, t: Token): TrieNode | undefined {
  return (t.exact !== undefined ? node.next.get(t.exact) : undefined) ?? node.next.get(t.fold);
}

/** Gap between tokens that keeps a multi-word name together: spaces, or a hyphen. */
function joinable(text: string, from: number, to: number, base: number): boolean {
  const n = to - from;
  if (n === 1) {
    const c = text.charCodeAt(from - base);
    return c === 32 || c === 45 || c === 10 || c === 160 || c === 9;
  }
  if (n < 1 || n > 3) return false;
  const gap = text.slice(from - base, to - base);
  return /^[\s-]{1,3}$/.test(gap) && !/\n\s*\n/.test(gap);
}

// ---------------------------------------------------------------------------------------------
// Word lists (the words themselves are data: src/analyze/knowledge/actor-words.data.ts)

/** One whole token matching any of the patterns, case-insensitive. */
function wholeToken(patterns: readonly string[]): RegExp {
  return new RegExp(`^(?:${patterns.join('|')})$`, 'i');
}

const SAY_VERBS = K.SAY_VERBS.join('|');
const DO_VERBS = K.DO_VERBS.join('|');
const SAY_RE = new RegExp(`^(?:${SAY_VERBS})$`, 'i');
const DO_RE = new RegExp(`^(?:${DO_VERBS})$`, 'i');
const FILLER_RE = wholeToken(K.FILLER_WORDS);
/** Right before a lone name asked to act: "demanded that", "urged". */
const DEMAND_OBJECT_RE = new RegExp(`\\b(?:${K.DEMAND_VERBS.join('|')})(?:\\s+(?:[\\p{L}\\p{N},]+\\s+){0,3}?that)?\\s+$`, 'iu');
const AUXILIARY_RE = /^(?:will|would|must|could|can|cannot|may|might|should|has|have|had|is|are|was|were)$/i;
/** Another party's demand right before a name: "demanded that", "urged", "called on the". */
const DEMAND_BEFORE_RE = new RegExp(`\\b(?:${K.DEMAND_VERBS.join('|')})\\s+(?:that\\s+)?(?:the\\s+)?(?:[\\p{L}.'’-]+\\s+){0,4}$`, 'iu');

// Political verbs that make a capital city stand for its government.
const METONYM_VERB_RE = wholeToken(K.METONYM_VERBS);
const METONYM_BEFORE_RE = new RegExp(`\\b(?:${K.METONYM_BEFORE.join('|')})\\s+$`, 'i');
const METONYM_POSSESSED_RE = wholeToken(K.METONYM_POSSESSED);

// Capitalised words that are not names on their own (sentence starters, dates, common nouns).
const NOT_NAME = new Set(K.NOT_NAME_WORDS);

// Titles that may precede a name; they are not part of it, they become its role.
// An occupation before a name ("Activist Sandra Fluke") is a title too: the role, not the name.
const TITLE_WORDS = new Set([...K.TITLE_WORDS, ...K.OCCUPATION_WORDS]);
const TITLE_HEADS = new Set([...K.TITLE_HEADS, ...K.OCCUPATION_WORDS]);
const RANKS = new Set(K.RANKS);
// Words inside a name that make it an organisation rather than a person.
const ORG_WORD_RE = wholeToken(K.ORG_WORDS);
/** Words that make a name a place: "Port Halden", "Lake Tana", "Gaza City", "Sallow River". */
const PLACE_FIRST_RE = wholeToken(K.PLACE_FIRST_WORDS);
const PLACE_LAST_RE = wholeToken(K.PLACE_LAST_WORDS);
const DEMONYM_LIKE_RE = /(?:ian|ean|ese|ish|i|an|ic)$/;
const CONNECTORS = new Set(K.NAME_CONNECTORS);
const PLACE_OPENING = new Set(K.PLACE_OPENING_WORDS);
const SURNAME_WORDS = new Set(K.COMMON_WORD_SURNAMES);
const OUTLETS = new Set([...NEWS_OUTLET_NAMES].map((n) => n.toLowerCase()));
const PLACE_PREPOSITIONS = new Set(K.PLACE_PREPOSITIONS);
const PLACE_LAST_SURNAME_RE = wholeToken(K.PLACE_LAST_SURNAMES);
const GIVEN = new Set(GIVEN_NAMES);
const FAMILY_FIRST = new Set(K.SURNAME_FIRST);
const FURNITURE = new Set(K.PAGE_FURNITURE_WORDS);
const OUTLET_LAST = new Set(K.OUTLET_LAST_WORDS);
const GROUP_LAST = new Set(K.GROUP_LAST_WORDS);
const THING_LAST = new Set(K.THING_LAST_WORDS);
const WORK_TITLE = new Set(K.WORK_TITLE_WORDS);
const ROLE_TIME_RE = new RegExp(`^(?:${K.ROLE_TIME_WORDS.join('|')})\\s+`, 'i');
const NOT_ROLE_START_RE = new RegExp(`^(?:${K.NOT_ROLE_STARTS.join('|')})\\b`, 'i');
const NAME_SUFFIX_RE = /^(?:jr|sr|ii|iii|iv)$/i;

/** A given name, or a family name written first ("Xi", "Kim"): evidence that a run names a person. */
function isGivenName(key: string): boolean {
  const k = normaliseName(key);
  return GIVEN.has(k) || FAMILY_FIRST.has(k) || (k.includes('-') && GIVEN.has(k.split('-')[0]!));
}

/**
 * A phrase read as a person's role, or undefined when it is a clause rather than a role ("and
 * then nominates ...", "who was elected ...", one with a finite verb); a leading "now" or
 * "formerly" says when, not what, and is dropped.
 */
function cleanRole(phrase: string): string | undefined {
  const p = phrase.trim().replace(ROLE_TIME_RE, '');
  if (!p || NOT_ROLE_START_RE.test(p)) return undefined;
  for (const w of p.split(/\s+/)) if (AUXILIARY_RE.test(w) || SAY_RE.test(w)) return undefined;
  return p;
}

/** A title word, hyphenated titles included ("Secretary-General", "Vice-President"). */
function isTitleWord(lower: string): boolean {
  if (TITLE_WORDS.has(lower)) return true;
  if (!lower.includes('-')) return false;
  const parts = lower.split('-');
  return parts.every((p) => TITLE_WORDS.has(p));
}
function isTitleHead(lower: string): boolean {
  return TITLE_HEADS.has(lower) || (lower.includes('-') && isTitleWord(lower) && TITLE_HEADS.has(lower.split('-').pop()!));
}
/** A word in capitals only ("NAIROBI", "DAR"): wire datelines and shouted labels, not a name's spelling. */
function allCaps(key: string): boolean {
  return key.length > 1 && key === key.toUpperCase() && key !== key.toLowerCase();
}

// ---------------------------------------------------------------------------------------------
// Extraction

interface SentenceWork {
  index: number;
  span: SentenceSpan;
  tokens: Token[];
  covered: boolean[];
  headline: boolean;
}

interface PersonInfo {
  name: string;
  kind: ActorKind;
  roles: Set<string>;
}

/** A sentence written in Title Case (a headline): its capitalised runs are not trusted as names. */
function isHeadline(tokens: Token[], sentence: string): boolean {
  if (tokens.length < 4) return false;
  // A sentence full of names ("Prime Minister Keir Starmer and President Emmanuel Macron met in
  // Paris.") still ends as a sentence does, and has a verb in lower case: headlines end bare.
  let lowerVerb = false;
  for (const t of tokens) if (!t.cap && (SAY_RE.test(t.key) || DO_RE.test(t.key) || /^[a-z]+ed$/.test(t.key))) lowerVerb = true;
  if (lowerVerb && /[.!?]["”’]?\s*$/.test(sentence)) return false;
  let lowerContent = 0;
  for (const t of tokens) {
    if (t.cap) continue;
    const c0 = t.key.charCodeAt(0);
    if (c0 >= 48 && c0 <= 57) continue;
    if (!NOT_NAME.has(t.fold)) lowerContent++;
  }
  return lowerContent === 0 || lowerContent / tokens.length < 0.1;
}

function politicalContext(s: SentenceWork, startTok: number, endTok: number, text: string): boolean {
  const { tokens } = s;
  const first = tokens[startTok]!;
  if (METONYM_BEFORE_RE.test(text.slice(Math.max(s.span.start, first.start - 30), first.start))) return true;
  const last = tokens[endTok - 1]!;
  if (last.possessive) return METONYM_POSSESSED_RE.test(tokens[endTok]?.key ?? '');
  for (let j = endTok, skipped = 0; j < tokens.length && skipped <= 2; j++) {
    const t = tokens[j]!;
    if (t.cap) return false; // "Washington Post", "Washington Nationals"
    if (METONYM_VERB_RE.test(t.key)) return true;
    if (/ly$/.test(t.key) || /^(?:also|still|now|again|not|long)$/i.test(t.key)) { skipped++; continue; }
    return false;
  }
  return false;
}

/** A wire dateline: a place in capitals, maybe a region or date, maybe an agency tag, then a dash. */
const DATELINE_RE = /^\p{Lu}{2,}(?:[ .'’-]+\p{Lu}{2,})*(?:,\s*[\p{L}\p{N}., ]{1,40}?)?\s*(?:\([\p{L} .&-]{1,30}\)\s*)?(?:—|–|--|-|_|:)\s/u;

interface RawMention {
  canonical: string;
  kind: ActorKind;
  surface: string;
  sentenceIndex: number;
  start: number;
}

/** Find the actors in a text. Never throws on odd input; cost is linear in the text length. */
export function extractActors(text: string, opts: ExtractActorsOptions = {}): ActorMention[] {
  return text ? actorsIn(text, sentenceSpans(text), opts) : [];
}

function actorsIn(text: string, spans: SentenceSpan[], opts: ExtractActorsOptions): ActorMention[] {
  const index = indexFor(opts.extraAliases);
  const work: SentenceWork[] = spans.map((span, i) => {
    const tokens = tokenize(text.slice(span.start, span.end), span.start);
    return { index: i, span, tokens, covered: new Array<boolean>(tokens.length).fill(false), headline: isHeadline(tokens, span.text) };
  });

  const mentions: RawMention[] = [];
  const people = new Map<string, PersonInfo>();
  const personOf = (name: string, kind: ActorKind) => {
    let p = people.get(name);
    if (!p) people.set(name, (p = { name, kind, roles: new Set() }));
    return p;
  };

  // Pass 1: table aliases (longest match), then capitalised runs in non-headline sentences.
  const singles: Array<{ s: SentenceWork; i: number }> = [];
  const pendingRuns: Array<{ s: SentenceWork; from: number; to: number }> = [];
  for (const s of work) {
    const { tokens, covered } = s;
    // A wire dateline ("NAIROBI, Kenya (AP) —", "DAR ES SALAAM _") says where the reporter files
    // from: the places in it are nobody acting.
    const dl = DATELINE_RE.exec(text.slice(s.span.start, Math.min(s.span.end, s.span.start + 120)));
    if (dl) for (let k = 0; k < tokens.length && tokens[k]!.end <= s.span.start + dl[0].length; k++) covered[k] = true;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (covered[i]) continue;
      if (!t.cap && !index.lowerStarts.has(t.fold)) continue;
      let node = trieLookup(index.trie, t);
      if (!node) continue;
      let best: { hit: AliasHit; end: number } | undefined;
      let j = i;
      while (node) {
        if (node.hit) best = { hit: node.hit, end: j + 1 };
        if (tokens[j]!.possessive) break;
        const nt = tokens[j + 1];
        if (!nt || !joinable(text, tokens[j]!.end, nt.start, 0)) break;
        node = trieLookup(node, nt);
        j++;
      }
      if (!best) continue;
      if (best.hit.capFirst && !t.cap) continue;
      const end = best.end;
      const surface = text.slice(t.start, tokens[end - 1]!.end).replace(/['’]s$/, '');
      let canonical = best.hit.entry.name;
      let kind = best.hit.entry.kind;
      if (best.hit.metonym) {
        // "George Washington": a capital right after a name word belongs to that name.
        const prev = tokens[i - 1];
        if (prev && prev.cap && !covered[i - 1] && joinable(text, prev.end, t.start, 0) && i - 1 > 0) continue;
        if (!politicalContext(s, i, end, text)) {
          canonical = surface.replace(INVISIBLE_RE, '');
          kind = 'place';
        }
      }
      // "the IDF": keep the article in the surface so it reads as written.
      const before = text.slice(Math.max(s.span.start, t.start - 4), t.start);
      const surf = /^the\s$/i.test(before) && /^\p{Lu}{2,6}$/u.test(t.key) && best.hit.entry.kind !== 'country' ? before + surface : surface;
      mentions.push({ canonical, kind, surface: surf, sentenceIndex: s.index, start: t.start - (surf.length - surface.length) });
      for (let k = i; k < end; k++) covered[k] = true;
      i = end - 1;
    }

    // Capitalised runs among the uncovered tokens.
    let i = 0;
    while (i < tokens.length) {
      // Page furniture ("Advertisement", "CLOSE", "View Slideshow") is never part of a name.
      if (covered[i] || !tokens[i]!.cap || FURNITURE.has(tokens[i]!.fold)) { i++; continue; }
      let j = i + 1;
      while (j < tokens.length && !tokens[j - 1]!.possessive) {
        const t = tokens[j]!;
        if (covered[j] || FURNITURE.has(t.fold)) break;
        if (!joinable(text, tokens[j - 1]!.end, t.start, 0)) {
          // An initial: "George W. Bush".
          const gap = text.slice(tokens[j - 1]!.end, t.start);
          if (!(tokens[j - 1]!.key.length === 1 && /^\.\s+$/.test(gap) && t.cap)) break;
        }
        if (t.cap) { j++; continue; }
        const lower = t.key.toLowerCase();
        const nextTok = tokens[j + 1];
        if (CONNECTORS.has(lower) && nextTok?.cap && !covered[j + 1] && joinable(text, t.end, nextTok.start, 0)) { j += 2; continue; }
        if ((lower === 'of' || lower === 'for') && ORG_WORD_RE.test(tokens[j - 1]!.key) && nextTok?.cap && !covered[j + 1]) { j += 2; continue; }
        break;
      }
      pendingRuns.push({ s, from: i, to: j });
      i = j;
    }
  }

  // Runs -> multi-word names; single words wait until every full name is known.
  const multi: Array<{ s: SentenceWork; from: number; to: number; kind: ActorKind; name: string }> = [];
  const weak: typeof multi = [];
  for (const run of pendingRuns) {
    const { s } = run;
    const toks = s.tokens;
    let from = run.from;
    let to = run.to;
    // A title inside a run ends what comes before it: the name is after the last title
    // ("Tesla CEO Elon Musk", "Bank of Carlow Governor Ann Roe"); the words before are its role.
    // So does the last word of an event, a place or an outlet ("World Cup Roe", "Sky News Roe").
    for (let k = to - 2; k >= from; k--) {
      const lower = toks[k]!.key.toLowerCase().replace(/\.$/, '');
      const boundary = k > from && !isGivenName(toks[k]!.key) && (THING_LAST.has(lower) || OUTLET_LAST.has(lower) || (PLACE_LAST_RE.test(lower) && !isGivenName(toks[from]!.key)));
      if (!isTitleHead(lower) && !RANKS.has(lower) && !boundary) continue;
      const rest = toks.slice(k + 1, to);
      if (rest.some((t) => ORG_WORD_RE.test(t.key)) || NOT_NAME.has(rest[0]!.key.toLowerCase()) || (rest.length === 1 && NAME_SUFFIX_RE.test(rest[0]!.key))) break;
      from = k + 1;
      break;
    }
    // An organisation's name keeps its leading words ("Trade Ministry", "Treasury Department");
    // a person's title ("Treasury Secretary", "Vice Premier") is the role, not the name.
    const orgRun = toks.slice(from, to).some((t) => ORG_WORD_RE.test(t.key));
    let titled = false;
    let placeRun = false;
    while (from < to) {
      const lower = toks[from]!.key.toLowerCase().replace(/\.$/, '');
      // "New York", "East Anglia": a compass or "new" word opening a name makes it a place (before
      // titles: "east" is also a title word, as in "Middle East envoy").
      if (!orgRun && PLACE_OPENING.has(lower) && to - from >= 2 && !titled && toks[from + 1]!.cap && !toks.slice(from + 1, to).some((t) => isTitleWord(t.key.toLowerCase()))) {
        placeRun = true;
        break;
      }
      if (!orgRun && isTitleWord(lower)) {
        titled = true;
        from++;
        continue;
      }
      // "Israeli Prime Minister Benjamin Netanyahu", "Kenyan President William Ruto": a nationality
      // before a title is part of the role, whether or not the table knows the country.
      const nextLower = toks[from + 1]?.key.toLowerCase().replace(/\.$/, '') ?? '';
      if (!orgRun && (index.demonyms.has(toks[from]!.fold) || DEMONYM_LIKE_RE.test(lower)) && isTitleWord(nextLower) && from + 2 < to) {
        from++;
        continue;
      }
      // After a title, a common word that opens a name is the name ("Vice Premier He Lifeng").
      if (NOT_NAME.has(lower) && !(titled && to - from >= 2 && toks[from]!.cap)) {
        from++;
        continue;
      }
      if (orgRun && TITLE_WORDS.has(lower) && to - from <= 1) {
        from++;
        continue;
      }
      break;
    }
    while (to > from && NOT_NAME.has(toks[to - 1]!.key.toLowerCase()) && !toks[to - 1]!.possessive && !surnameLikeWord(toks, from, to)) to--;
    while (to > from && CONNECTORS.has(toks[to - 1]!.key.toLowerCase())) to--;
    if (from >= to) continue;
    // "told CBS's Face the Nation", "on CNBC's Squawk Box": a programme of an outlet, not a person.
    const owner = toks[from - 1];
    if (owner?.possessive && OUTLETS.has(owner.key.toLowerCase())) continue;
    // A run in capitals only ("DAR ES SALAAM _", "NAIROBI, Kenya (AP)") is a wire dateline or a
    // label: a place or a heading, never a person.
    if (!orgRun && to - from >= 2 && toks.slice(from, to).every((t) => allCaps(t.key))) continue;
    if (s.headline) {
      for (let k = from; k < to; k++) singles.push({ s, i: k });
      continue;
    }
    // Split at "and" is implicit (lower-case words end runs); count real name words.
    let nameWords = 0;
    let orgWord = false;
    for (let k = from; k < to; k++) {
      const key = toks[k]!.key;
      if (!CONNECTORS.has(key.toLowerCase()) && key.toLowerCase() !== 'of' && key.toLowerCase() !== 'for') nameWords++;
      if (ORG_WORD_RE.test(key)) orgWord = true;
    }
    if (nameWords === 1) {
      singles.push({ s, i: from });
      continue;
    }
    if (!orgWord && nameWords > 4) continue; // a Title Case phrase, not a name
    // A news outlet ("Vail Daily", "Salt Lake Tribune", "PBS NewsHour", "Journal of ...") is the
    // source, never an actor; a given name before the word is a person ("Emily Post").
    let lastLower = toks[to - 1]!.key.toLowerCase();
    const firstLower = toks[from]!.key.toLowerCase();
    const runText = text.slice(toks[from]!.start, toks[to - 1]!.end).replace(/['’]s$/, '').replace(/\s+/g, ' ');
    if ((OUTLET_LAST.has(lastLower) && !(to - from === 2 && isGivenName(toks[from]!.key))) || firstLower === 'journal' || OUTLETS.has(runText.toLowerCase())) continue;
    if (!orgWord) {
      // "Arkansas-based Wal-Mart", "Roe-directed Hugo": a hyphenated adjective is no name word;
      // a capitalised past form ending a long run is a caption's verb ("... Roe Exonerated").
      for (let k = from; k < to; k++) {
        if (!/-\p{Ll}+ed$/u.test(toks[k]!.key)) continue;
        if (k === from) from = k + 1;
        else to = k;
        break;
      }
      if (to - from >= 3 && /\p{Ll}ed$/u.test(toks[to - 1]!.key) && toks[to - 1]!.key.length > 5 && !isGivenName(toks[to - 1]!.key)) to--;
      if (to - from < 2) {
        if (to - from === 1) singles.push({ s, i: from });
        continue;
      }
      lastLower = toks[to - 1]!.key.toLowerCase();
      // A work or a thing, not an actor: a model number ("Airbus A320", "Model S"), a title
      // with a connecting word ("A Star Is Born", "Dancing On Ice"), a word said twice ("Ice Ice
      // Baby"), a product, a disease or an event ("Space Suit", "Zaire Ebola", "Scottish Open").
      let thing = THING_LAST.has(lastLower);
      for (let k = from; k < to && !thing; k++) {
        const t = toks[k]!;
        if (/\p{N}/u.test(t.key) || t.fold === 'model' || (k > from && WORK_TITLE.has(t.fold)) || (k > from && t.fold === toks[k - 1]!.fold)) thing = true;
      }
      if (thing) continue;
      // A title without a name ("FBI Director", "County Sheriff").
      if (isTitleHead(lastLower) && !SURNAME_WORDS.has(lastLower)) continue;
      // "Public Prosecutions Alison Roe", "Leicester Matt Roe": words before a given name that
      // opens the rest of a long run are not the name.
      if (nameWords >= 3 && !isGivenName(toks[from]!.key)) {
        for (let k = from + 1; k < to - 1; k++) if (toks[k]!.cap && isGivenName(toks[k]!.key)) { from = k; break; }
      }
    }
    const name = text.slice(toks[from]!.start, toks[to - 1]!.end).replace(/['’]s$/, '').replace(/\s+/g, ' ');
    if (name.length > MAX_NAME_CHARS) continue;
    const kind: ActorKind = orgWord
      ? 'organisation'
      : placeRun || PLACE_FIRST_RE.test(toks[from]!.key.replace(/\.$/, '')) || PLACE_LAST_RE.test(lastLower) || (PLACE_LAST_SURNAME_RE.test(lastLower) && !isGivenName(toks[from]!.key))
        ? 'place'
        : GROUP_LAST.has(lastLower)
          ? 'group'
          : 'person';
    // "Later al-Hayya left": two capitalised words opening a sentence may be a word plus a surname.
    if (kind === 'person' && from === 0 && nameWords === 2) {
      weak.push({ s, from, to, kind, name });
      continue;
    }
    multi.push({ s, from, to, kind, name });
    personOf(name, kind);
  }
  const strongSurnames = new Set<string>();
  for (const p of people.values()) if (p.kind === 'person') strongSurnames.add(foldKey(p.name.split(/\s+/).pop()!));
  for (const w of weak) {
    const lastTok = w.s.tokens[w.to - 1]!;
    if (strongSurnames.has(foldKey(lastTok.key)) && !people.has(w.name)) {
      singles.push({ s: w.s, i: w.to - 1 });
      continue;
    }
    multi.push(w);
    personOf(w.name, w.kind);
  }

  // A capitalised run is a person's name only with evidence: a given name opening it, a title or
  // role (learnRoles), a middle initial, a verb it is the subject of, or its last word (the
  // surname) speaking or acting alone elsewhere. Without any it is 'unknown' ("Zero Dark
  // Thirty", "Red Carpet", "Jeep Liberty" name works and things as often as people).
  const subjects = new Set<string>();
  for (const s of work) {
    const toks = s.tokens;
    for (let i = 0; i + 1 < toks.length; i++) {
      const t = toks[i]!;
      if (!t.cap || toks[i + 1]!.cap) continue;
      const prev = toks[i - 1];
      if (prev && prev.cap && joinable(text, prev.end, t.start, 0)) continue;
      if (actsAfter(text, toks, i + 1)) subjects.add(t.fold);
    }
  }
  for (const m of multi) if (m.kind === 'person') learnRoles(text, m.s, m.from, m.to, personOf(m.name, 'person'), index);
  const evidenced = new Set<string>();
  for (const m of multi) {
    if (m.kind !== 'person' || evidenced.has(m.name)) continue;
    const toks = m.s.tokens;
    const first = toks[m.from]!;
    let ok = isGivenName(first.key) || (people.get(m.name)?.roles.size ?? 0) > 0 || actsAfter(text, toks, m.to)
      || subjects.has(foldKey(toks[m.to - 1]!.key))
      || /\baccording\s+to\s+$/i.test(text.slice(Math.max(m.s.span.start, first.start - 14), first.start));
    // An initial: "Maureen A. Roe", "J.R. Roe".
    for (let k = m.from; k < m.to - 1 && !ok; k++) {
      const t = toks[k]!;
      if ((t.key.length === 1 && /\p{Lu}/u.test(t.key) && text[t.end] === '.') || /^(?:\p{Lu}\.){2,}$/u.test(t.key)) ok = true;
    }
    if (ok) evidenced.add(m.name);
  }
  // Family: "Hunter Biden" beside "Joe Biden", "Laura Bush" beside "George W. Bush".
  const evidencedSurnames = new Set([...evidenced].map((n) => foldKey(n.split(/\s+/).pop()!)));
  for (const m of multi) if (m.kind === 'person' && !evidenced.has(m.name) && evidencedSurnames.has(foldKey(m.s.tokens[m.to - 1]!.key))) evidenced.add(m.name);
  for (const m of multi) if (m.kind === 'person' && !evidenced.has(m.name)) m.kind = 'unknown';
  for (const p of people.values()) if (p.kind === 'person' && !evidenced.has(p.name)) p.kind = 'unknown';
  // One person under two short forms of a given name ("Mike Pompeo", "Michael Pompeo").
  const sameAs = sameByShortForm([...people.values()].filter((p) => p.kind === 'person').map((p) => p.name));
  for (const [name, to] of sameAs) {
    // Roles learned under the short form go to the one person.
    const target = people.get(to);
    for (const r of people.get(name)?.roles ?? []) target?.roles.add(r);
    people.delete(name);
  }

  // Partial names: a person's last word ("Witkoff", "al-Hayya", "Hayya") stands for the full name
  // when only one known person has it.
  const partial = new Map<string, string | null>();
  const fullByTokens = new Map<string, string>();
  for (const [name, to] of sameAs) fullByTokens.set(name.split(/\s+/).map(foldKey).join(' '), to);
  const knowFullName = (name: string): void => {
    const last = surnameOf(name);
    const keys = [foldKey(last)];
    const m = /^(?:al|el|as|ad|ash|an|ar|at|az|bin|ibn|abu|abd)-(.+)$/iu.exec(last);
    if (m) keys.push(foldKey(m[1]!));
    // Another spelling of the surname ("Zelensky" for "Zelenskyy") finds the person too.
    const spelled = personNameKey(last);
    if (spelled && !keys.includes(spelled)) keys.push(spelled);
    for (const k of keys) partial.set(k, partial.has(k) && partial.get(k) !== name ? null : name);
  };
  for (const p of people.values()) {
    if (p.kind !== 'person') continue;
    knowFullName(p.name);
    fullByTokens.set(p.name.split(/\s+/).map(foldKey).join(' '), p.name);
  }
  // A surname alone the text never names in full may be a person its title names in full ("Ines
  // Vardalo moves her label...", then "Vardalo said"): the title is read then, once, and only then.
  const titleSurnames = opts.title ? titleNameEnds(opts.title) : undefined;
  let titleRead = false;
  const fullNameOf = (t: Token): string | null | undefined => {
    const full = partial.get(foldKey(t.key)) ?? partial.get(personNameKey(t.key));
    if (full !== undefined || titleRead || !titleSurnames?.has(foldKey(t.key))) return full;
    titleRead = true;
    for (const n of titlePeople(opts.title!, opts.extraAliases)) if (!people.has(n) && !sameAs.has(n)) knowFullName(n);
    return partial.get(foldKey(t.key)) ?? partial.get(personNameKey(t.key));
  };

  for (const m of multi) {
    const canonical = (m.kind === 'person' && sameAs.get(m.name)) || m.name;
    mentions.push({
      canonical,
      kind: m.kind,
      surface: m.name,
      sentenceIndex: m.s.index,
      start: m.s.tokens[m.from]!.start,
    });
  }

  // Lone words the text uses as a location ("in Nairobi", "across East Africa"): their possessive
  // ("Nairobi's flood defences") is a place's, not a speaker's.
  const locatives = new Set<string>();
  for (const s of work) {
    const toks = s.tokens;
    for (let i = 0; i + 1 < toks.length; i++) {
      if (!PLACE_PREPOSITIONS.has(toks[i]!.key.toLowerCase())) continue;
      let j = i + 1;
      if (toks[j]!.key.toLowerCase() === 'the') j++;
      if (toks[j] && PLACE_OPENING.has(toks[j]!.key.toLowerCase()) && toks[j + 1]?.cap) j++;
      const t = toks[j];
      if (t && t.cap && !t.possessive && !toks[j + 1]?.cap) locatives.add(t.fold);
    }
  }

  // The last word of a place the text names ("York" of "New York"): alone, it is that place.
  const placeEnds = new Set<string>();
  for (const m of mentions) if (m.kind === 'place' || m.kind === 'country') {
    const last = m.surface.trim().split(/\s+/).pop();
    if (last && m.surface.trim().includes(' ')) placeEnds.add(foldKey(last.replace(/['’]s$/, '')));
  }
  for (const m of multi) if (m.kind === 'place') placeEnds.add(foldKey(m.s.tokens[m.to - 1]!.key));

  // Words the text writes in lower case: a capitalised one opening a sentence is a common word.
  const lowerWords = new Set<string>();
  for (const s of work) for (const t of s.tokens) if (!t.cap) lowerWords.add(t.fold);

  // Single words: a known person's surname, or a full name inside a headline.
  for (let n = 0; n < singles.length; n++) {
    const { s, i } = singles[n]!;
    const t = s.tokens[i]!;
    // Headline: try the longest known full name starting here.
    if (s.headline) {
      let matched = 0;
      for (let len = Math.min(4, s.tokens.length - i); len >= 2 && !matched; len--) {
        const key = s.tokens.slice(i, i + len).map((x) => foldKey(x.key)).join(' ');
        const full = fullByTokens.get(key);
        if (full) {
          mentions.push({ canonical: full, kind: 'person', surface: text.slice(t.start, s.tokens[i + len - 1]!.end), sentenceIndex: s.index, start: t.start });
          matched = len;
        }
      }
      if (matched) {
        // Skip the rest of the matched name.
        while (n + 1 < singles.length && singles[n + 1]!.s === s && singles[n + 1]!.i < i + matched) n++;
        continue;
      }
    }
    const full = fullNameOf(t);
    if (full) {
      mentions.push({ canonical: full, kind: 'person', surface: t.key, sentenceIndex: s.index, start: t.start });
      continue;
    }
    if (s.headline) continue;
    if (placeEnds.has(t.fold)) continue;
    const lower = t.key.toLowerCase();
    if (i === 0) {
      // Sentence-initial capitals are not evidence of a name, except a lone word that speaks and
      // is never written in lower case in the text ("Wang said", "Ruto demanded"): a surname
      // whose full name is in another article. A plural ("Analysts said") is a common noun.
      const nextKey = s.tokens[1]?.key ?? '';
      const verb = SAY_RE.test(nextKey) || (DO_RE.test(nextKey) && /(?:ed|s)$/i.test(nextKey) && !AUXILIARY_RE.test(nextKey)) || titleApposed(text, s, i) !== undefined;
      if (!verb || t.possessive || /s$/i.test(t.key) || NOT_NAME.has(lower) || OUTLET_LAST.has(lower) || isTitleWord(lower) || allCaps(t.key) || DEMONYM_LIKE_RE.test(lower) && index.demonyms.has(t.fold)) continue;
      if (lowerWords.has(lower)) continue;
      const role = titleApposed(text, s, i);
      mentions.push({ canonical: t.key, kind: role ? 'person' : 'unknown', surface: t.key, sentenceIndex: s.index, start: t.start });
      if (role) personOf(t.key, 'person').roles.add(role);
      continue;
    }
    // "the Tribune reported": a lone outlet word is the source, not an actor.
    if (NOT_NAME.has(lower) || isTitleWord(lower) || ACRONYM_RE.test(t.key) || allCaps(t.key) || OUTLET_LAST.has(lower)) continue;
    if (index.demonyms.has(t.fold) || (DEMONYM_LIKE_RE.test(lower) && !t.possessive && /^\p{Ll}/u.test(s.tokens[i + 1]?.key ?? ''))) {
      // "Palestinian delegation", "Gazan institutions": adjectives, not actors.
      if (!t.possessive) continue;
    }
    const titled = titleBefore(text, s, i);
    const speaks = SAY_RE.test(s.tokens[i + 1]?.key ?? '');
    const prevKey = (s.tokens[i - 1]?.key ?? '').toLowerCase();
    // "Mr. Ruto", "Dr. Okafor": an honorific makes a lone word a person.
    const honoured = RANKS.has(prevKey) && joinable(text, s.tokens[i - 1]!.end + (text[s.tokens[i - 1]!.end] === '.' ? 1 : 0), t.start, 0);
    const apposed = titled ? undefined : titleApposed(text, s, i);
    if (apposed) {
      mentions.push({ canonical: t.key, kind: 'person', surface: t.key, sentenceIndex: s.index, start: t.start });
      personOf(t.key, 'person').roles.add(apposed);
    } else if (honoured && !titled) {
      mentions.push({ canonical: t.key, kind: 'person', surface: t.key, sentenceIndex: s.index, start: t.start });
      personOf(t.key, 'person');
    } else if (titled && !ORG_WORD_RE.test(t.key)) {
      mentions.push({ canonical: t.key, kind: 'person', surface: t.key, sentenceIndex: s.index, start: t.start });
      personOf(t.key, 'person').roles.add(titled);
    } else if (t.possessive && locatives.has(t.fold) && !METONYM_POSSESSED_RE.test(s.tokens[i + 1]?.key ?? '')) {
      mentions.push({ canonical: t.key, kind: 'place', surface: t.key, sentenceIndex: s.index, start: t.start });
    } else if (speaks || t.possessive) {
      // "Eastmark said": a speaker, but a lone word may be a country, a group or a surname.
      mentions.push({ canonical: t.key, kind: 'unknown', surface: t.key, sentenceIndex: s.index, start: t.start });
    } else if (!ORG_WORD_RE.test(t.key) && DEMAND_OBJECT_RE.test(text.slice(Math.max(s.span.start, t.start - 40), t.start)) && /^\p{Ll}/u.test(s.tokens[i + 1]?.key ?? '')) {
      // "demanded that Lutnick withdraw", "urged Okafor to resign": the one asked is named, by a
      // surname whose full name may be in another article (it does not speak: see statementKind).
      mentions.push({ canonical: t.key, kind: 'unknown', surface: t.key, sentenceIndex: s.index, start: t.start });
    }
  }

  // "the envoy": a role noun held by exactly one person in the text refers back to that person.
  const byHead = new Map<string, string | null>();
  for (const p of people.values()) {
    for (const r of p.roles) {
      const head = r.split(/\s+/).pop()!.toLowerCase();
      if (!isTitleHead(head) || head === 'official' || head === 'member') continue;
      byHead.set(head, byHead.has(head) && byHead.get(head) !== p.name ? null : p.name);
    }
  }
  if (byHead.size) {
    const firstSeen = new Map<string, number>();
    for (const m of mentions) if (!firstSeen.has(m.canonical) || firstSeen.get(m.canonical)! > m.start) firstSeen.set(m.canonical, m.start);
    for (const s of work) {
      const toks = s.tokens;
      for (let i = 0; i + 1 < toks.length; i++) {
        if (toks[i]!.key.toLowerCase() !== 'the') continue;
        const who = byHead.get(toks[i + 1]!.key.toLowerCase());
        if (!who || toks[i + 2]?.cap || /^(?:of|for)$/i.test(toks[i + 2]?.key ?? '')) continue;
        if ((firstSeen.get(who) ?? Infinity) > toks[i]!.start) continue;
        mentions.push({ canonical: who, kind: 'person', surface: text.slice(toks[i]!.start, toks[i + 1]!.end), sentenceIndex: s.index, start: toks[i]!.start });
      }
    }
  }

  mentions.sort((a, b) => a.start - b.start);
  const rolesOf = new Map<string, string[]>();
  for (const p of people.values()) rolesOf.set(p.name, [...p.roles]);
  for (const [name, roles] of mediatorRoles(text, work, mentions, index)) rolesOf.set(name, [...(rolesOf.get(name) ?? []), ...roles]);
  return mentions.map((m) => ({ ...m, roles: rolesOf.get(m.canonical) ?? [] }));
}

// A list of names: "Egypt, Qatar and Türkiye", "Egypt and the United States".
const NAME_LIST = String.raw`(?:the\s+)?[\p{Lu}][\p{L}\p{M}.'’-]*(?:\s+[\p{Lu}][\p{L}\p{M}.'’-]*)*(?:\s*,\s*(?:and\s+)?(?:the\s+)?[\p{Lu}][\p{L}\p{M}.'’-]*(?:\s+[\p{Lu}][\p{L}\p{M}.'’-]*)*|\s+and\s+(?:the\s+)?[\p{Lu}][\p{L}\p{M}.'’-]*(?:\s+[\p{Lu}][\p{L}\p{M}.'’-]*)*)*`;
/** "the mediators, Egypt, Qatar and Türkiye", "mediators Egypt and Qatar", "mediated by Egypt and Qatar". */
const MEDIATORS_THEN_NAMES = new RegExp(String.raw`\b(?:mediators?|mediated\s+by|brokered\s+by)\s*,?\s*(?:such\s+as\s+|including\s+)?(${NAME_LIST})`, 'gu');
/** "Egypt, Qatar and Türkiye, the main mediators", "Egypt and Qatar, which mediated", "Qatar, a mediator". */
const NAMES_THEN_MEDIATORS = new RegExp(String.raw`(${NAME_LIST})\s*,\s*(?:the|a|an|which|who|both|as)\s+(?:[\p{Ll}-]+\s+){0,2}(?:mediators?|mediated|mediating|brokers?)\b`, 'gu');

/**
 * "mediator" for the countries and groups a sentence names as mediators: in a list next to the
 * word ("the mediators, Egypt, Qatar and Türkiye", "mediated by Egypt"), or by their demonym
 * ("Egyptian mediators"). A person's roles come from learnRoles.
 */
function mediatorRoles(text: string, work: SentenceWork[], mentions: readonly RawMention[], index: ActorIndex): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const give = (name: string) => {
    if (!out.has(name)) out.set(name, ['mediator']);
  };
  for (const s of work) {
    const sentence = text.slice(s.span.start, s.span.end);
    if (!/mediat|broker/i.test(sentence)) continue;
    const inSpan = (from: number, to: number) => {
      for (const m of mentions) {
        const at = m.start - s.span.start;
        if (m.sentenceIndex === s.index && m.kind !== 'person' && m.kind !== 'place' && at >= from && at < to) give(m.canonical);
      }
    };
    for (const re of [MEDIATORS_THEN_NAMES, NAMES_THEN_MEDIATORS]) {
      re.lastIndex = 0;
      for (let m = re.exec(sentence); m; m = re.exec(sentence)) {
        const list = m[1]!;
        const from = m.index + m[0].indexOf(list);
        inSpan(from, from + list.length);
      }
    }
    // "Egyptian mediators", "Qatari and Egyptian mediators".
    for (const m of sentence.matchAll(/\b([\p{Lu}][\p{L}]+)(?:\s+and\s+([\p{Lu}][\p{L}]+))?\s+(?:mediators?|brokers?)\b/gu)) {
      for (const d of [m[1], m[2]]) {
        const entry = d ? index.demonyms.get(foldKey(d)) : undefined;
        if (entry && mentions.some((x) => x.canonical === entry.name)) give(entry.name);
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Roles

const DELEGATION_RE =
  /((?:[\p{Lu}][\p{L}\p{M}.'’-]*|U\.S\.)(?:\s+[\p{Lu}][\p{L}\p{M}.'’-]*){0,2})(?:['’]s)?\s+(?:[\p{Ll}-]+\s+){0,2}(?:delegation|team|negotiating team|negotiators|mission|side)\s*,?\s+(?:(?:which|that|is|was|were|are)\s+)?(?:led|headed)\s+by\s+((?:[\p{Ll}-]+\s+){0,4})$/u;

/** The title words right before a name ("U.S. special envoy"), or undefined. */
function titleBefore(text: string, s: SentenceWork, firstTok: number): string | undefined {
  const toks = s.tokens;
  const words: Token[] = [];
  let heads = 0;
  for (let k = firstTok - 1; k >= 0 && words.length < 8; k--) {
    const t = toks[k]!;
    const next = words.length ? words[words.length - 1]! : toks[firstTok]!;
    const gap = text.slice(t.end, next.start);
    if (!/^\s+$/.test(gap) && !(t.possessive && /^\s+$/.test(gap))) break;
    const lower = t.key.toLowerCase().replace(/\.$/, '');
    if (isTitleWord(lower) && !(lower === 'the' || lower === 'of') ) {
      words.push(t);
      if (isTitleHead(lower)) heads++;
      continue;
    }
    if ((lower === 'of' || lower === 'the') && words.length) { words.push(t); continue; }
    // An organisation or nationality at the left end: "U.S.", "Israeli", "Hamas's".
    if (t.cap && heads > 0) {
      if (NOT_NAME.has(lower) || FURNITURE.has(t.fold)) break;
      words.push(t);
      const prev = toks[k - 1];
      // "New Zealand Prime Minister": a place opening with "New" or a compass word is whole.
      if (prev && prev.cap && /^\s+$/.test(text.slice(prev.end, t.start)) && (!NOT_NAME.has(prev.key.toLowerCase()) || PLACE_OPENING.has(prev.key.toLowerCase()))) { words.push(prev); }
      break;
    }
    break;
  }
  while (words.length && /^(?:of|the)$/i.test(words[words.length - 1]!.key)) words.pop();
  if (!heads || !words.length) return undefined;
  words.reverse();
  // "Israeli military chief General" -> "Israeli military chief".
  if (words.length > 1 && RANKS.has(words[words.length - 1]!.key.toLowerCase().replace(/\.$/, ''))) {
    const rest = words.slice(0, -1);
    if (rest.some((w) => TITLE_HEADS.has(w.key.toLowerCase()))) words.pop();
  }
  const first = words[0]!;
  const last = words[words.length - 1]!;
  const role = text.slice(first.start, last.end).replace(/\s+/g, ' ').trim();
  return role.length <= 80 ? role : undefined;
}

/** The token at j is a verb of speech or action whose subject is right before it ("said", "refused"). */
function actsAfter(text: string, toks: Token[], j: number): boolean {
  const w = toks[j]?.key;
  // Only a space between: "X, wrote" has X in an apposition or a list, not as the subject.
  if (!w || toks[j]!.cap || j === 0 || !/^\s+$/.test(text.slice(toks[j - 1]!.end, toks[j]!.start))) return false;
  return SAY_RE.test(w) || (DO_RE.test(w) && !AUXILIARY_RE.test(w));
}

/**
 * The actor speaks or acts in the text in so many words: a mention right before a verb of speech
 * or a non-auxiliary action verb ("Eastmark said", "Roe Holdings sued"), or after "according
 * to". Stricter than actorStatements: "X was founded", "X, which ..." are not X acting.
 */
export function speaksOrActs(text: string, canonical: string, mentions: readonly ActorMention[]): boolean {
  for (const m of mentions) {
    if (m.canonical !== canonical) continue;
    if (/\baccording\s+to\s+(?:the\s+)?$/i.test(text.slice(Math.max(0, m.start - 20), m.start))) return true;
    const tail = text.slice(m.start + m.surface.length, m.start + m.surface.length + 40);
    const after = /^\s+([\p{L}'’-]+)/u.exec(tail);
    const w = after?.[1];
    if (w && /^\p{Ll}/u.test(w) && (SAY_RE.test(w) || (DO_RE.test(w) && !AUXILIARY_RE.test(w)))) return true;
    // "Roe's plan", "Roe's peace plan": its own stance or proposal (up to two words between).
    const owned = /^['’]s\s+([\p{L}-]+)(?:\s+([\p{L}-]+))?(?:\s+([\p{L}-]+))?/u.exec(tail);
    if (owned && owned.slice(1).some((x) => x !== undefined && METONYM_POSSESSED_RE.test(x))) return true;
  }
  return false;
}

/** "Lutnick, the commerce secretary, said": the title phrase after a lone word, or undefined. */
/**
 * A common word ending a name after a given name is the surname ("Theresa May", "Mary Will"):
 * kept when the word before it is a name word and no number (a date: "Monday May 5") follows.
 */
function surnameLikeWord(toks: Token[], from: number, to: number): boolean {
  const last = toks[to - 1]!;
  const prev = toks[to - 2];
  if (to - from < 2 || !prev || !prev.cap || NOT_NAME.has(prev.key.toLowerCase()) || isTitleWord(prev.key.toLowerCase())) return false;
  if (!SURNAME_WORDS.has(last.key.toLowerCase())) return false;
  return !/^\p{N}/u.test(toks[to]?.key ?? '');
}

function titleApposed(text: string, s: SentenceWork, i: number): string | undefined {
  const t = s.tokens[i]!;
  const app = APPOSITION_RE.exec(text.slice(t.end, Math.min(s.span.end, t.end + 140)));
  if (!app) return undefined;
  const phrase = cleanRole(app[1]!);
  if (!phrase) return undefined;
  const ws = phrase.split(/\s+/);
  if (ws.length > 6 || !/^\p{Ll}/u.test(phrase) || !isTitleHead(ws[ws.length - 1]!.toLowerCase())) return undefined;
  return phrase;
}

const APPOSITION_RE = /^,\s+(?:(?:the|a|an)\s+)?([^,;.()"“”]{3,90}?)(?=,|;|\.|\s+who\b|\s+which\b|$)/u;

function learnRoles(text: string, s: SentenceWork, from: number, to: number, person: PersonInfo, index: ActorIndex): void {
  const start = s.tokens[from]!.start;
  const end = s.tokens[to - 1]!.end;
  const before = text.slice(Math.max(s.span.start, start - 160), start);
  const title = titleBefore(text, s, from);
  const deleg = DELEGATION_RE.exec(before);
  if (deleg) {
    const orgSurface = deleg[1]!.trim().split(/\s+/).filter((w, i, all) => !(i < all.length - 1 && NOT_NAME.has(w.toLowerCase()))).join(' ');
    const entry = index.byAlias.get(normaliseName(orgSurface));
    const orgName = entry ? (entry.kind === 'country' ? orgSurface : entry.name) : orgSurface;
    person.roles.add(`${orgName} delegation head`);
    const between = deleg[2]!.trim();
    const headWord = between.split(/\s+/).pop()?.toLowerCase() ?? '';
    if (between && TITLE_HEADS.has(headWord)) {
      const adjectives = between.split(/\s+/).slice(0, -1).join(' ');
      person.roles.add(`${adjectives ? adjectives + ' ' : ''}${orgName} ${headWord}`);
    } else person.roles.add(`${orgName} official`);
  } else if (title) person.roles.add(title);
  const after = text.slice(end, Math.min(s.span.end, end + 140));
  const app = APPOSITION_RE.exec(after);
  const phrase = app ? cleanRole(app[1]!) : undefined;
  if (phrase) {
    const ws = phrase.split(/\s+/);
    if (ws.length <= 12 && ws.some((w) => TITLE_HEADS.has(w.toLowerCase().replace(/[^\p{L}]/gu, ''))) && /^[\p{Ll}\p{Lu}]/u.test(phrase)) {
      // Not a list of names ("A, B and C"): the phrase must hold a lower-case word.
      if (/\b\p{Ll}/u.test(phrase)) person.roles.add(phrase);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Summaries, canonical names and suggestions

/** One row per actor: kind, surfaces seen, roles, mention count; in order of first mention. */
export function summarizeActors(mentions: readonly ActorMention[]): ActorSummary[] {
  const out = new Map<string, ActorSummary & { surfaces: Set<string> }>();
  for (const m of mentions) {
    let a = out.get(m.canonical);
    if (!a) {
      a = { canonical: m.canonical, kind: m.kind, aliases: [], roles: m.roles, mentions: 0, firstSentence: m.sentenceIndex, surfaces: new Set() };
      out.set(m.canonical, a);
    }
    a.mentions++;
    if (m.kind !== 'place' && a.kind === 'place') a.kind = m.kind;
    if (m.surface !== m.canonical) a.surfaces.add(m.surface);
  }
  return [...out.values()].map(({ surfaces, ...a }) => ({ ...a, aliases: [...surfaces] }));
}

/** The actor table with extra aliases merged in (admin-added aliases, aliases learnt from text). */
export function mergeActorAliases(extra: readonly ExtraAlias[], base: readonly ActorEntry[] = ACTOR_TABLE): ActorEntry[] {
  return extendActorTable(extra, base);
}

/** Every alias the table knows for a canonical name (the name itself first). */
export function actorAliases(canonical: string, extraAliases?: readonly ExtraAlias[]): string[] {
  const table = extraAliases?.length ? extendActorTable(extraAliases) : ACTOR_TABLE;
  const e = table.find((x) => x.name === canonical);
  if (!e) return [canonical];
  return [e.name, ...(e.aliases ?? []), ...(e.metonyms ?? [])];
}

/** The table entry for a canonical name, when it is one. */
export function actorEntry(canonical: string): ActorEntry | undefined {
  return DEFAULT_INDEX.byAlias.get(normaliseName(canonical));
}

/**
 * Maps what a user typed ("Türkiye", "the IDF", "U.S.", "al-Hayya") to a canonical name: the table
 * and extra aliases first, then a unique surname or full-name match among `known` names (people
 * learnt from articles). Returns undefined when nothing matches; empty input gives undefined.
 */
export function canonicalActorName(
  name: string,
  extraAliases?: readonly ExtraAlias[],
  known?: Iterable<string>,
): string | undefined {
  const norm = normaliseName(name);
  if (!norm) return undefined;
  const hit = indexFor(extraAliases).byAlias.get(norm);
  if (hit) return hit.name;
  if (!known) return undefined;
  let found: string | undefined;
  let count = 0;
  const stripped = norm.replace(/^(?:al|el|as|ad|ash|an|ar|at|az|bin|ibn|abu|abd)-/, '');
  const spelled = personNameKey(norm);
  const spelledLast = spelled.slice(spelled.lastIndexOf(' '));
  for (const k of known) {
    const nk = normaliseName(k);
    if (nk === norm) return k;
    // Another spelling of the same name ("Mohamed Al-Jaber" for "Mohammed al-Jaber").
    if (spelled.includes(' ') && sameSpelledPerson(personNameKey(k), spelled, spelledLast)) {
      if (found !== k) count++;
      found = k;
      continue;
    }
    const last = normaliseName(surnameOf(nk));
    const lastStripped = last.replace(/^(?:al|el|as|ad|ash|an|ar|at|az|bin|ibn|abu|abd)-/, '');
    if (last === norm || lastStripped === stripped || nk.endsWith(' ' + norm)) {
      if (found !== k) count++;
      found = k;
    }
  }
  return count === 1 ? found : undefined;
}

const SPELLING_KEY = new Map<string, string>();
for (const group of K.NAME_SPELLINGS) for (const w of group) if (!w.includes(' ')) SPELLING_KEY.set(w, group[0]!);
const SURNAME_PARTICLES = new Set(K.SURNAME_PARTICLES);
const SURNAME_FIRST = new Set(K.SURNAME_FIRST);

/** The word of a person's name that stands for it alone: the family name ("Lutnick", "Wang" of "Wang Yi"). */
export function surnameOf(name: string): string {
  const words = name.trim().split(/\s+/);
  if (words.length === 2 && SURNAME_FIRST.has(foldKey(words[0]!))) return words[0]!;
  return words[words.length - 1]!;
}

/**
 * A person's name with its spelling folded, for telling whether two articles name one person:
 * case, diacritics, hyphens and particles ("al-Jaber", "Al Jaber") and the common spellings of a
 * given name ("Mohammed", "Muhammad") ignored. "Mohammed al-Jaber" and "Muhammad Al Jaber" give
 * the same key.
 */
export function personNameKey(name: string): string {
  const words = normaliseName(name).split(/[\s-]+/).filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (SURNAME_PARTICLES.has(w) && i + 1 < words.length) continue;
    out.push(SPELLING_KEY.get(w) ?? w);
  }
  return out.join(' ');
}

/**
 * One name per person across articles: each article names its actors alone, so one person may
 * be "Howard Lutnick" in one, "Lutnick" in another and "Muhammad Al Jaber" in a third. Returns,
 * for each name given that is not itself the name to show, the name to show: names of a person
 * with one spelling key are one (the most named shown), and a lone word (a surname, kind person
 * or unknown) is the person whose full name ends in it, when exactly one does.
 */
export function unifyPeople(names: Iterable<{ name: string; kind: string; count?: number }>): Map<string, string> {
  const out = new Map<string, string>();
  const groups = new Map<string, Array<{ name: string; count: number }>>();
  const singles: Array<{ name: string; key: string }> = [];
  for (const n of names) {
    if (n.kind !== 'person' && n.kind !== 'unknown') continue;
    const key = personNameKey(n.name);
    if (!key) continue;
    if (!key.includes(' ')) {
      singles.push({ name: n.name, key });
      continue;
    }
    if (n.kind !== 'person') continue;
    const g = groups.get(key) ?? [];
    g.push({ name: n.name, count: n.count ?? 1 });
    groups.set(key, g);
  }
  const shown = new Map<string, string>();
  const total = new Map<string, number>();
  for (const [key, g] of groups) {
    g.sort((a, b) => b.count - a.count || b.name.length - a.name.length || a.name.localeCompare(b.name));
    shown.set(key, g[0]!.name);
    total.set(key, g.reduce((n, x) => n + x.count, 0));
    for (const x of g.slice(1)) out.set(x.name, g[0]!.name);
  }
  // Short forms of one given name ("Bob Lindqvist", "Robert Lindqvist"): the most named shows,
  // the full form on a tie (as a briefing shows it).
  // Found first over all names unsorted (sorting tens of thousands per query would cost more than
  // the rest), then again over the few merged, in the order that picks the name shown.
  let short = sameByShortFormKeyed([...shown].map(([exact, name]) => ({ name, exact })));
  if (short.size) {
    const involved = new Set([...short.keys(), ...short.values()]);
    const formal = (k: string): number => (shortFormOf(k) === k ? 0 : 1);
    const few = [...shown.keys()].filter((k) => involved.has(shown.get(k)!));
    few.sort((a, b) => total.get(b)! - total.get(a)! || formal(a) - formal(b) || a.localeCompare(b));
    short = sameByShortFormKeyed(few.map((k) => ({ name: shown.get(k)!, exact: k })));
    for (const [key, g] of groups) {
      const to = short.get(shown.get(key)!);
      if (!to) continue;
      shown.set(key, to);
      for (const x of g) out.set(x.name, to);
    }
  }
  const byLast = new Map<string, string | null>();
  for (const [key, g] of groups) {
    const name = shown.get(key)!;
    for (const x of g) {
      const last = personNameKey(surnameOf(x.name));
      byLast.set(last, byLast.has(last) && byLast.get(last) !== name ? null : name);
    }
  }
  for (const s of singles) {
    const full = byLast.get(s.key);
    if (full && full !== s.name) out.set(s.name, full);
  }
  return out;
}

const SHORT_FORM_KEY = new Map<string, string>();
for (const group of K.GIVEN_NAME_SHORT_FORMS) for (const w of group) SHORT_FORM_KEY.set(w, group[0]!);

/**
 * personNameKey with each given name's common short form folded to its full form ("Mike Pompeo"
 * and "Michael Pompeo" give one key); the surname is never folded ("Mary Will" stays).
 */
export function shortFormKey(name: string): string {
  return shortFormOf(personNameKey(name));
}

/**
 * Whether a known name's personNameKey is the typed one's (`b`, its " surname" `bLast`): equal, or
 * equal once the short forms are folded. The surnames first, with no copy: this runs over every
 * known name.
 */
function sameSpelledPerson(a: string, b: string, bLast: string): boolean {
  if (a === b) return true;
  if (!a.endsWith(bLast) || a.length === bLast.length) return false;
  return shortFormOf(a) === shortFormOf(b);
}

function shortFormOf(key: string): string {
  const words = key.split(' ');
  if (words.length < 2) return words.join(' ');
  const family = words.length === 2 && SURNAME_FIRST.has(words[0]!) ? 0 : words.length - 1;
  return words
    .map((w, i) => {
      if (i === family) return w;
      const full = SHORT_FORM_KEY.get(w) ?? w;
      return SPELLING_KEY.get(full) ?? full;
    })
    .join(' ');
}

/**
 * Full names of one person written with two forms of a given name ("Mike Pompeo", "Michael
 * Pompeo"): each later form -> the first one given. Only when every full name with that surname
 * folds to one given name: with "Joe Biden" and "Hunter Biden" nobody is merged, not even a
 * "Joseph Biden" beside them (which of the two he is, is not ours to guess).
 */
export function sameByShortForm(names: readonly string[]): Map<string, string> {
  // Most articles name nobody by a listed given name: then no key is worth computing.
  const listed = names.some((n) => {
    const sp = n.indexOf(' ');
    return sp > 0 && SHORT_FORM_KEY.has(n.slice(0, sp).toLowerCase());
  });
  return listed ? sameByShortFormKeyed(names.map((name) => ({ name, exact: personNameKey(name) }))) : new Map();
}

/** sameByShortForm over names whose personNameKey is known (unifyPeople has them already). */
function sameByShortFormKeyed(names: ReadonlyArray<{ name: string; exact: string }>): Map<string, string> {
  const out = new Map<string, string>();
  // Only a surname borne by a name whose first word is a known given name can merge anything:
  // most names have none, and cost one look-up (this runs on every actor query).
  const familyOf = (exact: string): string => {
    const sp = exact.indexOf(' ');
    const last = exact.lastIndexOf(' ');
    return sp === last && SURNAME_FIRST.has(exact.slice(0, sp)) ? exact.slice(0, sp) : exact.slice(last + 1);
  };
  const candidates = new Set<string>();
  for (const { exact } of names) {
    const sp = exact.indexOf(' ');
    if (sp > 0 && SHORT_FORM_KEY.has(exact.slice(0, sp))) candidates.add(familyOf(exact));
  }
  if (!candidates.size) return out;
  const entries: Array<{ name: string; exact: string; last: string }> = [];
  for (const { name, exact } of names) {
    if (!exact.includes(' ')) continue;
    const last = familyOf(exact);
    if (candidates.has(last)) entries.push({ name, exact, last });
  }
  const bySurname = new Map<string, Array<{ name: string; key: string; exact: string }>>();
  for (const e of entries) {
    const g = bySurname.get(e.last) ?? [];
    g.push({ name: e.name, key: shortFormOf(e.exact), exact: e.exact });
    bySurname.set(e.last, g);
  }
  for (const g of bySurname.values()) {
    if (g.length < 2 || g.some((x) => x.key !== g[0]!.key)) continue;
    // Names with one spelling key are already one person: only the short forms are merged here.
    if (g.every((x) => x.exact === g[0]!.exact)) continue;
    for (const x of g.slice(1)) if (x.name !== g[0]!.name) out.set(x.name, g[0]!.name);
  }
  return out;
}

/** The people an article's title names in full (a Title Case headline names none: untrusted). */
/** The second of each two capitalised words in a row of a title, folded: surnames it may give in full. */
function titleNameEnds(title: string): Set<string> {
  const out = new Set<string>();
  for (const m of title.slice(0, 400).matchAll(/\p{Lu}[\p{L}'’-]*\s+(?=(\p{Lu}[\p{L}'’-]*))/gu)) out.add(foldKey(m[1]!.replace(/['’]s$/, '')));
  return out;
}

function titlePeople(title: string, extraAliases?: readonly ExtraAlias[]): string[] {
  // Its split is not remembered: the remembered splits are the articles' own.
  const t = title.slice(0, 400);
  const out = new Set<string>();
  for (const m of actorsIn(t, computeSpans(t), extraAliases?.length ? { extraAliases } : {})) {
    // Asked only for a surname the text names alone as a person: a name in the title ending in it
    // is that person's, evidence or not ("Ines Vardalo moves her label...", then "Vardalo said").
    if ((m.kind === 'person' || m.kind === 'unknown') && /\s/.test(m.canonical)) out.add(m.canonical);
  }
  return [...out];
}

/** Edit distance with an early exit once it must exceed `max` (returns max + 1 then). */
function boundedLevenshtein(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (cur[j]! < rowMin) rowMin = cur[j]!;
    }
    if (rowMin > max) return max + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

/**
 * The known actors closest to a name, best first: exact alias matches, then prefix, token overlap
 * and edit distance on normalised names (case, diacritics and invisible characters ignored).
 * Input is cut at 200 characters, so the cost is bounded by the number of known names.
 */
export function suggestActors(name: string, known: readonly string[], n = 5): string[] {
  const q = normaliseName(name);
  if (!q || n <= 0) return [];
  const canonical = canonicalActorName(q);
  const qTokens = new Set(q.split(' '));
  const scored: Array<{ name: string; score: number }> = [];
  const seen = new Set<string>();
  for (const k of known) {
    if (seen.has(k)) continue;
    seen.add(k);
    const nk = normaliseName(k);
    if (!nk) continue;
    let score = 0;
    if (nk === q || k === canonical) score = 1;
    else {
      if (nk.startsWith(q) || q.startsWith(nk)) score = Math.max(score, 0.6 + 0.3 * (Math.min(q.length, nk.length) / Math.max(q.length, nk.length)));
      const kTokens = nk.split(' ');
      let shared = 0;
      for (const t of kTokens) if (qTokens.has(t)) shared++;
      if (shared) score = Math.max(score, 0.5 + 0.4 * (shared / Math.max(kTokens.length, qTokens.size)));
      const max = Math.max(1, Math.floor(Math.min(q.length, nk.length) / 3));
      const d = boundedLevenshtein(q, nk, max);
      if (d <= max) score = Math.max(score, 0.85 * (1 - d / Math.max(q.length, nk.length)));
      // A token of the known name close to the query ("witkof" ~ "steve witkoff").
      if (score < 0.5) {
        for (const t of kTokens) {
          const tm = Math.max(1, Math.floor(Math.min(q.length, t.length) / 4));
          if (boundedLevenshtein(q, t, tm) <= tm) { score = Math.max(score, 0.5); break; }
        }
      }
    }
    if (score >= 0.3) scored.push({ name: k, score });
  }
  scored.sort((a, b) => b.score - a.score || a.name.length - b.name.length || a.name.localeCompare(b.name));
  return scored.slice(0, n).map((s) => s.name);
}

// ---------------------------------------------------------------------------------------------
// Statements

const QUOTE_RE = /[“"]([^”"]{3,400})[”"]/u;

/**
 * The sentences where an actor speaks or acts: it is the subject of a verb ("Hamas says...",
 * "Israel continues to restrict..."), the source of a report ("according to Witkoff"), or the
 * agent of a passive ("led by Egypt"). One entry per sentence, in text order.
 */
export function actorStatements(text: string, canonical: string, mentions: readonly ActorMention[]): ActorStatement[] {
  const spans = sentenceSpans(text);
  const out: ActorStatement[] = [];
  let lastSentence = -1;
  for (const m of mentions) {
    if (m.canonical !== canonical || m.sentenceIndex === lastSentence) continue;
    const span = spans[m.sentenceIndex];
    if (!span) continue;
    const kind = statementKind(text, span, m, mentions);
    if (!kind) continue;
    lastSentence = m.sentenceIndex;
    const st: ActorStatement = { sentenceIndex: m.sentenceIndex, text: span.text.trim(), kind };
    if (kind === 'said') {
      const q = QUOTE_RE.exec(span.text);
      if (q) st.quote = q[1]!.trim();
    }
    out.push(st);
  }
  return out;
}

function statementKind(text: string, span: SentenceSpan, m: ActorMention, mentions: readonly ActorMention[]): 'said' | 'did' | undefined {
  const before = text.slice(span.start, m.start);
  if (/\baccording\s+to\s+(?:the\s+)?$/i.test(before)) return 'said';
  if (/\b(?:said|says|told|added)\s+(?:the\s+)?$/i.test(before) && /^\s*(?:[.,;!?]|$)/u.test(text.slice(m.start + m.surface.length, span.end))) return 'said';
  // "Ruto demanded that Lutnick withdraw": named in another party's demand, not speaking.
  if (DEMAND_BEFORE_RE.test(before) && mentions.some((o) => o.sentenceIndex === m.sentenceIndex && o.start < m.start && o.canonical !== m.canonical && o.kind !== 'place')) return undefined;
  let afterText = text.slice(m.start + m.surface.length, span.end);
  afterText = afterText.replace(/^['’]s?\s+(?=(?:officials?|spokes\w+|negotiators?|delegation|leaders?|government|envoy|ministry)\b)/i, ' ');
  // "The Dockers Union delegation arrived": its delegation, negotiators or leaders act for it.
  afterText = afterText.replace(/^\s+(?:delegation|delegates|negotiators?|negotiating team|team|leaders?|leadership|officials?|spokes(?:man|woman|person)|envoys?)\b(?=\s|,)/i, '');
  // Skip an apposition ("Egypt and Qatar, the main mediators, are trying") or a conjoined actor.
  afterText = afterText.replace(/^\s+and\s+(?:the\s+)?[\p{Lu}][\p{L}.'’-]*(?:\s+[\p{Lu}][\p{L}.'’-]*)*/u, '');
  afterText = afterText.replace(/^\s*,[^,]{1,80},/u, '');
  const ws = afterText.match(/[\p{L}'’-]+/gu) ?? [];
  for (let i = 0, skipped = 0; i < ws.length && skipped <= 4; i++) {
    const w = ws[i]!;
    if (SAY_RE.test(w)) return 'said';
    if (DO_RE.test(w)) {
      // An auxiliary counts only with a verb after it ("has freed", "will not discuss").
      if (/^(?:will|would|must|could|can|cannot|may|might|should|has|have|had|is|are|was|were)$/i.test(w)) {
        const nxt = ws.slice(i + 1, i + 4);
        if (nxt.some((x) => SAY_RE.test(x))) return 'said';
        if (nxt.some((x) => /(?:ed|en|ing)$/.test(x) || (DO_RE.test(x) && !/^(?:is|are|was|were|has|have|had)$/i.test(x)) || /^(?:not|never|still|also|now)$/i.test(x))) return 'did';
        return undefined;
      }
      return 'did';
    }
    if (FILLER_RE.test(w)) { skipped++; continue; }
    break;
  }
  // Passive agent: "led by Egypt", "a delegation led by senior official Khalil al-Hayya",
  // "honoured by Israel"; but not inside what another actor named earlier in the sentence says
  // ("Hamas says it will not ... until phase one has been honoured by Israel").
  if (/\b\p{L}+(?:ed|en)\s+by\s+(?:the\s+)?(?:[\p{Ll}-]+\s+){0,4}$/u.test(before)) {
    const reported = mentions.some((o) => {
      if (o.sentenceIndex !== m.sentenceIndex || o.start >= m.start || o.canonical === m.canonical || o.kind === 'place') return false;
      const between = text.slice(o.start + o.surface.length, m.start).match(/[\p{L}'’-]+/gu) ?? [];
      return between.slice(0, 4).some((w) => SAY_RE.test(w));
    });
    return reported ? undefined : 'did';
  }
  return undefined;
}
