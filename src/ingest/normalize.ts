// Normalisation shared by every input kind: canonical URLs, clean text, language, content hash.
import { createHash } from 'node:crypto';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { francCode } from './language.js';
import type { ArticleDraft } from '../domain/types.js';
import { boundText, MAX_OUTLET_CHARS } from '../domain/bounds.js';
import { collapseWhitespace } from '../domain/whitespace.js';

// Query parameters that only track the click, never change the page.
const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'igshid', 'mc_cid', 'mc_eid',
  'ref', 'ref_src', 'ref_url', 'referrer', 'cmpid', 'cmp', 'ocid', 'smid', 'smtyp',
  'sr_share', 'spm', 'taid', 'ito', 'mkt_tok', '_ga', '_gl', '_hsenc', '_hsmi', 'guccounter',
  'guce_referrer', 'guce_referrer_sig', 'at_medium', 'at_campaign',
]);

function isTrackingParam(name: string): boolean {
  const n = name.toLowerCase();
  return n.startsWith('utm_') || n.startsWith('__twitter') || TRACKING_PARAMS.has(n);
}

/**
 * Canonical form of a URL: lowercase scheme and host (the URL parser does both), no fragment,
 * no tracking parameters, remaining query sorted. Returns the input unchanged when it is not a URL.
 */
export function canonicalUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return raw.trim();
  }
  url.hash = '';
  if (url.protocol === 'http:' || url.protocol === 'https:') {
    const kept = [...url.searchParams].filter(([k]) => !isTrackingParam(k));
    kept.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
    url.search = '';
    for (const [k, v] of kept) url.searchParams.append(k, v);
    if (url.hostname.endsWith('.')) url.hostname = url.hostname.slice(0, -1);
  }
  return url.href;
}

/** file:// URL for a path (made absolute first). */
export function fileUrl(path: string): string {
  return pathToFileURL(isAbsolute(path) ? path : resolve(path)).href;
}

// Lines that are page furniture rather than article text.
const BOILERPLATE_LINE = new RegExp(
  [
    String.raw`^(share|share this( article| story| page)?|share on \w+|tweet|email|print|copy link|comments?)$`,
    String.raw`^(follow|like) us( on .*)?$`,
    String.raw`^(subscribe|sign up|register)\b.*(newsletter|updates|inbox|free|now|today|here)\b.*$`,
    String.raw`^(get|receive) (our|the) .*newsletter.*$`,
    String.raw`^(related|recommended|more|popular|trending|top)( articles| stories| news| reads| content)?:?$`,
    String.raw`^(related|see also|read more|read also|also read|more on this( story)?|more from .*|watch|listen)\s*[:›»>-].*$`,
    String.raw`^(read more|see more|show more|load more|continue reading|click here.*|advertisement|ad|sponsored( content)?|skip (to )?(main )?content|skip advertisement|story continues below.*)$`,
    String.raw`^(image|photo|picture|video)( credit| source)?:.*$`,
    String.raw`^(source|credits?|photo credit|image source|courtesy)\s*:\s*\S.{0,80}$`,
    String.raw`^(first )?(published|updated|posted|last (updated|modified))( on| at)?:?\s+[^.!?]{0,60}\d[^.!?]{0,40}$`,
    String.raw`^(©|copyright\b).*$`,
    String.raw`^all rights reserved\.?$`,
    // A video player's share menu, line by line: "Play Facebook", "Twitter", "Embed ... autoplay Copy this code".
    String.raw`^(play )?(facebook|twitter|x|google plus|google\+|linkedin|pinterest|reddit|whatsapp|tumblr|messenger|email this)$`,
    String.raw`^(play|pause|replay|mute|unmute|autoplay|fullscreen|close)( video)?$`,
    String.raw`^(embed\b.*)?\b(autoplay|copy this code to your website( or blog)?)\b.*$`,
  ].join('|'),
  'i',
);

const BULLET_GLYPHS = /^[\s•·▪▸►◦‣⁃*–—-]+/u;
const LIST_GLYPH = /^[•·▪▸►◦‣⁃]+\s*/u;
const TERMINAL = /[.!?:;…]$/u;
const TRAILING_CLOSERS = /["'”’»)\]]+$/u;

/** Sentence breaks: closing punctuation (and closers), a space, then what opens a sentence. */
const SENTENCE_BREAK = /[.!?…]["'”’»)\]]*\s+["'“‘«(\[]?[\p{Lu}\d]/gu;

/**
 * A line that is prose: 25 words or more with at least two sentence breaks. A whole article given
 * as one paragraph (plain-text exports, JSON Feed `content_text`, scraped pages) is such a line,
 * whatever its last words are (a trailing photo caption) or the names it holds ("iPhone",
 * "McLaren"). The layout, boilerplate and caption rules judge lines; they never remove prose.
 */
export function isProse(line: string): boolean {
  const t = line.trim();
  // cleanText asks twice of most paragraphs (layout, then boilerplate): the last answer is kept.
  if (t === lastProse.line) return lastProse.prose;
  const prose = countUpTo(SPACE_RUN, t, 24) >= 24 && countUpTo(SENTENCE_BREAK, t, 2) >= 2;
  lastProse = { line: t, prose };
  return prose;
}
const SPACE_RUN = /\s+/g;
let lastProse = { line: '', prose: false };

/** Matches of a global expression in s, counted up to `max` (25 words: 24 runs of space in trimmed text). */
function countUpTo(re: RegExp, s: string, max: number): number {
  re.lastIndex = 0;
  let n = 0;
  while (n < max && re.exec(s)) n++;
  re.lastIndex = 0;
  return n;
}

/** Page furniture by its words: share, follow, subscribe, "Related", "Photo: ...", copyright. */
export function isFurnitureLine(line: string): boolean {
  return BOILERPLATE_LINE.test(line.trim().replace(BULLET_GLYPHS, '').trim());
}

/** True when a line (or one-line paragraph) is boilerplate: share/follow/subscribe, captions... */
export function isBoilerplateLine(line: string): boolean {
  const trimmed = line.trim();
  if (trimmed === '') return true;
  if (isProse(trimmed)) return false;
  const hadBullet = BULLET_GLYPHS.test(trimmed) && /^[•·▪▸►◦‣⁃]/u.test(trimmed);
  const bare = trimmed.replace(BULLET_GLYPHS, '').trim();
  if (bare === '') return true;
  if (BOILERPLATE_LINE.test(bare)) return true;
  const words = bare.split(/\s+/).length;
  // "• Share", "• Read more" and similar glyph-led fragments.
  if (hadBullet && words <= 3 && !TERMINAL.test(bare)) return true;
  // Caption-like fragments: short, no terminal punctuation ("Smoke rises over the city").
  const unclosed = bare.replace(TRAILING_CLOSERS, '');
  if (words < 8 && !TERMINAL.test(unclosed)) return true;
  return false;
}

// Arrows, box drawing and geometric shapes: diagrams and flow charts drawn in text ("A ──► B").
const DIAGRAM_CHARS = /[\u2190-\u21ff\u2500-\u257f\u25a0-\u25ff\u27f0-\u27ff\u2900-\u297f]/u;
const SMALL_WORDS = new Set(['a', 'an', 'the', 'of', 'in', 'on', 'at', 'to', 'for', 'by', 'with', 'from', 'and', 'or', 'as', 'vs', 'vs.', 'into', 'over', 'after', 'amid']);

/**
 * A line that is layout rather than prose: a heading (no closing punctuation, and set in title
 * case or capitals, or led by an emoji or '#'), a table row whose cells ran together
 * ("Phase One FinalizationSolidifying the truce lines"), or a text diagram. Such lines are
 * dropped, so they never become a takeaway, a timeline entry, or glue onto the next sentence.
 */
export function isLayoutLine(line: string, context: { alone?: boolean; next?: string } = { alone: true }): boolean {
  const t = line.trim();
  if (!t || isProse(t)) return false;
  if (DIAGRAM_CHARS.test(t)) return true;
  const closed = TERMINAL.test(t.replace(TRAILING_CLOSERS, ''));
  if (closed) return false;
  if (/^#{1,6}\s/.test(t) || /^\p{Extended_Pictographic}/u.test(t)) return true;
  // Cells run together: a lower-case letter straight before a capital, twice or more and at least
  // once per 10 words (names such as "iPhone" or "McLaren" in a sentence are one in many words).
  const joins = (t.match(/[\p{Ll}\d%]\p{Lu}/gu) ?? []).length;
  if (joins >= 2 && joins * 10 >= t.split(/\s+/).length) return true;
  // A title-case line may also be the first line of a hard-wrapped sentence full of names: it is a
  // heading only on its own, or before a line that starts a sentence, with no comma and not
  // ending on a word that runs on ("Secretary of State Marco Rubio, Defense Secretary ... and").
  if (!context.alone && !(context.next && /^["'“‘(]?[\p{Lu}\d]/u.test(context.next) && !/,/.test(t) && !/\b(?:and|or|of|the|to|for|with|a|an)$/i.test(t))) return false;
  const words = t.replace(/^[("'“‘\[]+|[)"'”’\]]+$/gu, '').split(/\s+/).filter((w) => /\p{L}/u.test(w));
  const content = words.filter((w) => !SMALL_WORDS.has(w.toLowerCase()));
  if (content.length < 3 || t.length > 160) return false;
  const capitalised = content.filter((w) => /^[\p{Lu}\d]/u.test(w.replace(/^[("'“‘\[]+/u, ''))).length;
  return capitalised / content.length >= 0.75;
}

/**
 * Lines of a block wrapped at a fixed width (as e-mail, plain-text exports and some feeds give
 * them): three or more lines, the longest 50-100 characters, and all but the last within 20% of it.
 */
export function isHardWrapped(lines: readonly string[]): boolean {
  if (lines.length < 3) return false;
  const body = lines.slice(0, -1);
  const width = Math.max(...body.map((l) => l.length));
  if (width < 50 || width > 100) return false;
  return body.every((l) => l.length >= width * 0.8);
}

/**
 * Cleans article text: normalises line endings and spaces, drops layout lines (headings, table
 * rows, diagrams), re-joins hard-wrapped lines, drops boilerplate lines, and separates paragraphs
 * with one blank line.
 */
export function cleanText(raw: string): string {
  const text = raw
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u2007\u202f\t\f\v]/g, ' ')
    .replace(/[\u200b-\u200d\ufeff]/g, '');
  const paragraphs: string[] = [];
  for (const block of text.split(/\n\s*\n/)) {
    // A list item keeps its own line, without its glyph (and the item number some pages glue to
    // the text: "• 1Hamas delegation arrived..." is "Hamas delegation arrived...").
    const raw = block
      .split('\n')
      .map((l) => l.replace(/ {2,}/g, ' ').trim())
      .filter((l) => l !== '')
      .map((l) => {
        const glyph = LIST_GLYPH.test(l);
        const text = glyph ? l.replace(LIST_GLYPH, '').replace(/^\d{1,2}(?=\p{Lu}\p{Ll})/u, '').trim() : l;
        return { item: glyph || /^[*–—-]\s/.test(l), text };
      })
      .filter((l) => l.text !== '');
    // A hard-wrapped paragraph is judged whole: its lines are pieces of sentences, not headings.
    const wrapped = isHardWrapped(raw.map((l) => l.text));
    const lines = raw.filter((l, i) =>
      wrapped ? !DIAGRAM_CHARS.test(l.text) : !isLayoutLine(l.text, { alone: raw.length === 1, ...(raw[i + 1] !== undefined ? { next: raw[i + 1]!.text } : {}) }),
    );
    const merged: string[] = [];
    for (const { item, text: line } of lines) {
      const prev = merged[merged.length - 1];
      // A long line without terminal punctuation followed by more text is a soft wrap.
      if (prev !== undefined && prev.length >= 50 && !TERMINAL.test(prev.replace(TRAILING_CLOSERS, '')) && !item) {
        merged[merged.length - 1] = `${prev} ${line}`;
      } else {
        merged.push(line);
      }
    }
    for (const p of merged) if (!isBoilerplateLine(p)) paragraphs.push(p);
  }
  return paragraphs.join('\n\n');
}

// franc-min returns ISO 639-3; the domain uses ISO 639-1.
const ISO3_TO_1: Record<string, string> = {
  eng: 'en', fra: 'fr', deu: 'de', spa: 'es', ita: 'it', por: 'pt', nld: 'nl', rus: 'ru', ukr: 'uk',
  pol: 'pl', ces: 'cs', slk: 'sk', ron: 'ro', hun: 'hu', swe: 'sv', dan: 'da', nob: 'no', fin: 'fi',
  ell: 'el', tur: 'tr', arb: 'ar', ara: 'ar', heb: 'he', pes: 'fa', urd: 'ur', hin: 'hi', ben: 'bn',
  cmn: 'zh', jpn: 'ja', kor: 'ko', vie: 'vi', tha: 'th', ind: 'id', zlm: 'ms', tgl: 'tl', swh: 'sw',
  bul: 'bg', srp: 'sr', hrv: 'hr', bos: 'bs', cat: 'ca', als: 'sq', tam: 'ta', tel: 'te', mar: 'mr',
  guj: 'gu', pan: 'pa', amh: 'am', hau: 'ha', yor: 'yo', ibo: 'ig', uzn: 'uz', azj: 'az', kaz: 'kk',
};

/** ISO 639-1 language of a text, "und" when too short or not one we map. */
export function detectLanguage(text: string): string {
  // ~1,000 characters name a news article's language as surely as franc-min's 2,048, at half the cost.
  const sample = text.slice(0, 1200);
  if (!hasNonSpace(sample, 40)) return 'und';
  const code = francCode(sample, 40);
  return ISO3_TO_1[code] ?? 'und';
}

/** At least `n` characters of `s` other than white space (what /\s/ matches); one pass, no copy. */
function hasNonSpace(s: string, n: number): boolean {
  let count = 0;
  for (let i = 0; i < s.length && count < n; i++) if (!WHITE.test(s[i]!)) count++;
  return count >= n;
}
const WHITE = /\s/;

/** sha256 hex of the text lowercased with whitespace collapsed: same content, same hash. */
export function contentHash(text: string): string {
  const normalised = collapseWhitespace(text.toLowerCase()).trim();
  return createHash('sha256').update(normalised).digest('hex');
}

export interface DraftParts {
  url: string;
  title: string;
  /** Raw article text; cleaned here. */
  text: string;
  outlet?: string;
  publishedAt?: string;
  via: ArticleDraft['via'];
}

/** Builds an ArticleDraft: canonical URL, cleaned text and title, language and hash. */
export function buildDraft(parts: DraftParts): ArticleDraft {
  const text = cleanText(parts.text);
  const title = boundText(parts.title); // <= MAX_TITLE_CHARS
  const draft: ArticleDraft = {
    url: canonicalUrl(parts.url),
    title,
    text,
    language: detectLanguage(`${title}\n${text}`),
    contentHash: contentHash(text),
    via: parts.via,
  };
  const outlet = parts.outlet === undefined ? wireAgency(text) : boundText(parts.outlet, MAX_OUTLET_CHARS);
  if (outlet) draft.outlet = outlet;
  if (parts.publishedAt) draft.publishedAt = parts.publishedAt;
  return draft;
}

const AGENCIES: Record<string, string> = {
  reuters: 'Reuters', ap: 'AP', afp: 'AFP', xinhua: 'Xinhua', upi: 'UPI', cnn: 'CNN', bloomberg: 'Bloomberg', dpa: 'dpa',
  ansa: 'ANSA', efe: 'EFE', kyodo: 'Kyodo', yonhap: 'Yonhap', tass: 'TASS', pti: 'PTI', ians: 'IANS', aap: 'AAP',
  'healthday news': 'HealthDay News', 'the associated press': 'AP', 'associated press': 'AP', 'agence france-presse': 'AFP',
};
const AGENCY_TAG = new RegExp(`\\((${Object.keys(AGENCIES).join('|')})\\)`, 'i');

/**
 * The wire agency of a text that names no outlet, from its dateline tag in the opening
 * ("CAIRO, June 6 (Reuters) -"): wire copy saved as files is then counted by agency, not by file.
 */
export function wireAgency(text: string): string | undefined {
  const m = AGENCY_TAG.exec(text.slice(0, 300));
  return m ? AGENCIES[m[1]!.toLowerCase()] : undefined;
}

/** ISO string for a date-ish value, or undefined when it does not parse. */
export function toIsoDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const d = new Date(value.trim());
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}
