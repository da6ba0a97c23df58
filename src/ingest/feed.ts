// RSS 2.0 / RSS 1.0 (RDF) / Atom / JSON Feed parsing.
// XML safety: a size cap before parsing, any <!ENTITY declaration refused (billion laughs, external
// entities), entity processing off in the parser; only the five XML entities and numeric
// references are decoded, by us. Invalid XML is refused with the parser's line and message.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { htmlInlineText, htmlToText } from './html.js';
import { cleanText, toIsoDate } from './normalize.js';
import { usablePublishedAt } from './dates.js';

function dropUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

export type FeedKind = 'rss' | 'rdf' | 'atom' | 'json';

export interface FeedItem {
  title?: string;
  link?: string;
  guid?: string;
  /** ISO date. */
  publishedAt?: string;
  author?: string;
  /** The item's own outlet where the feed names it (RSS <source>), e.g. in aggregator feeds. */
  source?: string;
  /** Full content as clean text (content:encoded, atom content, content_html / content_text). */
  content?: string;
  /** Summary / description as clean text. */
  summary?: string;
}

export interface ParsedFeed {
  kind: FeedKind;
  /** Feed title: the outlet for its items. */
  title?: string;
  link?: string;
  /** Newest first, at most maxItems. */
  items: FeedItem[];
  /** Items in the feed before the cap. */
  totalItems: number;
  /** Items dropped by the cap (0 when it did not apply). */
  skippedItems: number;
}

export interface ParseFeedOptions {
  /** Default 200. */
  maxItems?: number;
  /** Largest feed text accepted, in characters. Default 10 MiB. */
  maxChars?: number;
  /** The moment of ingest: no item is dated after it. Default: the current time. */
  now?: Date;
}

/** The input is not a feed we can read; the message is one line saying why. */
export class FeedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeedError';
  }
}

/** Which kind of feed a text looks like, or undefined. Cheap: looks at the first few KiB. */
export function sniffFeed(text: string): FeedKind | undefined {
  const head = text.slice(0, 4096).replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('{')) {
    return /"version"\s*:\s*"https?:\/\/jsonfeed\.org\/version\//.test(text.slice(0, 65536)) ? 'json' : undefined;
  }
  if (!head.startsWith('<')) return undefined;
  // Skip the XML declaration, comments, processing instructions and a DOCTYPE to find the root.
  const root = /^(?:<\?[\s\S]*?\?>\s*|<!--[\s\S]*?-->\s*|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>\s*)*<([\w:.-]+)/i.exec(head)?.[1]?.toLowerCase();
  if (root === 'rss') return 'rss';
  if (root === 'feed' || root?.endsWith(':feed')) return 'atom';
  if (root === 'rdf:rdf' || root?.endsWith(':rdf')) return 'rdf';
  return undefined;
}

const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes the five XML entities and numeric character references; leaves anything else as written. */
export function decodeXmlEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return XML_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

const CDATA = '#cdata';
const TEXT = '#text';
const ATTR = '@_';

/**
 * Text as the parser left it: decoded outside CDATA sections, literal inside them. Fields that may
 * carry markup are kept raw by the parser (stop nodes), so their CDATA sections arrive as written.
 */
function rawText(s: string): string {
  if (!s.includes('<![CDATA[')) return decodeXmlEntities(s);
  let out = '';
  let at = 0;
  for (const m of s.matchAll(/<!\[CDATA\[([\s\S]*?)(?:\]\]>|$)/g)) {
    out += decodeXmlEntities(s.slice(at, m.index)) + m[1];
    at = m.index + m[0].length;
  }
  return out + decodeXmlEntities(s.slice(at));
}

/** Text of a parsed XML node: strings, {#text}, {#cdata}, arrays of those (the first that has text). */
function textOf(node: unknown): string | undefined {
  if (node === undefined || node === null) return undefined;
  if (typeof node === 'string') return rawText(node);
  if (typeof node === 'number' || typeof node === 'boolean') return String(node);
  if (Array.isArray(node)) {
    // Repeated elements are alternatives (two <title>s), not parts of one text.
    for (const n of node) {
      const t = textOf(n);
      if (t !== undefined && t.trim()) return t;
    }
    return undefined;
  }
  if (typeof node === 'object') {
    const o = node as Record<string, unknown>;
    const parts: string[] = [];
    const t = o[TEXT];
    if (t !== undefined) parts.push(textOf(t) ?? '');
    const c = o[CDATA];
    if (c !== undefined) parts.push(...(Array.isArray(c) ? c : [c]).map(String)); // CDATA is literal
    return parts.length ? parts.join('') : undefined;
  }
  return undefined;
}

/** The markup of a raw (stop node) field as written: for Atom type="xhtml". */
function markupOf(node: unknown): string | undefined {
  if (Array.isArray(node)) return markupOf(node[0]);
  if (typeof node === 'string') return node;
  if (node && typeof node === 'object') {
    const t = (node as Record<string, unknown>)[TEXT];
    return typeof t === 'string' ? t : undefined;
  }
  return undefined;
}

function attr(node: unknown, name: string): string | undefined {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return undefined;
  const v = (node as Record<string, unknown>)[ATTR + name];
  return typeof v === 'string' ? decodeXmlEntities(v) : undefined;
}

function asArray(v: unknown): unknown[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
}

function clean(s: string | undefined): string | undefined {
  const t = s?.replace(/\s+/g, ' ').trim();
  return t ? t : undefined;
}

/** Feed fields may carry HTML (escaped or CDATA); turn them into clean paragraphs. */
function richText(s: string | undefined): string | undefined {
  if (!s || !s.trim()) return undefined;
  return htmlToText(s) || undefined;
}

// ---------- namespaces ----------
// Elements are read by namespace, not by local name: <title>, <dc:title>, <media:title> and
// <itunes:title> are different fields, and <atom:link rel="self"> in an RSS item is not its link.

const NS = {
  atom: 'http://www.w3.org/2005/Atom',
  atom03: 'http://purl.org/atom/ns#',
  rss1: 'http://purl.org/rss/1.0/',
  rss090: 'http://my.netscape.com/rdf/simple/0.9/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  dc: 'http://purl.org/dc/elements/1.1/',
  content: 'http://purl.org/rss/1.0/modules/content/',
} as const;

/** Prefixes feeds use without declaring them. */
const CONVENTIONAL: Record<string, string> = { atom: NS.atom, dc: NS.dc, content: NS.content, rdf: NS.rdf };

/** The feed's own namespaces: unprefixed elements always count as the feed's own. */
const OWN_NS: Record<Exclude<FeedKind, 'json'>, readonly string[]> = {
  rss: [],
  rdf: [NS.rss1, NS.rss090],
  atom: [NS.atom, NS.atom03],
};

const OWN = '';
type Scope = ReadonlyMap<string, string>;

/** Namespace declarations (xmlns, xmlns:p) of an element, on top of its parent's. */
function scopeOf(node: unknown, parent: Scope): Scope {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return parent;
  let scope: Map<string, string> | undefined;
  for (const key of Object.keys(node)) {
    if (key !== ATTR + 'xmlns' && !key.startsWith(ATTR + 'xmlns:')) continue;
    scope ??= new Map(parent);
    scope.set(key.slice(ATTR.length + 6), String((node as Record<string, unknown>)[key]));
  }
  return scope ?? parent;
}

/** The children of an element by namespace and local name. */
class Fields {
  private readonly byName = new Map<string, unknown>();
  readonly scope: Scope;
  constructor(node: unknown, parent: Scope, own: readonly string[]) {
    this.scope = scopeOf(node, parent);
    if (!node || typeof node !== 'object' || Array.isArray(node)) return;
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      if (key.startsWith(ATTR) || key.startsWith('#')) continue;
      const colon = key.indexOf(':');
      let ns: string = OWN;
      if (colon >= 0) {
        const prefix = key.slice(0, colon);
        const uri = this.scope.get(prefix) ?? CONVENTIONAL[prefix] ?? `urn:undeclared:${prefix}`;
        ns = own.includes(uri) ? OWN : uri;
      }
      const name = `${ns} ${key.slice(colon + 1)}`;
      if (!this.byName.has(name)) this.byName.set(name, value);
    }
  }
  /** A child in the feed's own namespace. */
  own(local: string): unknown {
    return this.byName.get(`${OWN} ${local}`);
  }
  ext(ns: string, local: string): unknown {
    return this.byName.get(`${ns} ${local}`);
  }
}

/** The root element's namespace declarations, read from its start tag (before parsing). */
function rootScope(text: string): Map<string, string> {
  const scope = new Map<string, string>();
  const tag = /^(?:<\?[\s\S]*?\?>\s*|<!--[\s\S]*?-->\s*|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>\s*)*<[\w:.-]+([^>]*)>/i.exec(text.slice(0, 65536))?.[1] ?? '';
  for (const m of tag.matchAll(/\bxmlns(?::([\w.-]+))?\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) scope.set(m[1] ?? '', m[2] ?? m[3] ?? '');
  return scope;
}

/** Fields that may hold markup are kept raw (not parsed as XML), under every prefix they may have. */
function stopNodes(scope: Scope, kind: Exclude<FeedKind, 'json'>): string[] {
  const own = OWN_NS[kind];
  const prefixes = (uris: readonly string[]): string[] => [...scope].filter(([p, u]) => p && uris.includes(u)).map(([p]) => `${p}:`);
  const ownNames = ['', ...prefixes(own)].flatMap((p) => ['title', 'description', 'content', 'summary', 'subtitle'].map((n) => `*.${p}${n}`));
  const contentPrefixes = new Set(['content:', ...prefixes([NS.content])]);
  return [...ownNames, ...[...contentPrefixes].map((p) => `*.${p}encoded`)];
}

/** The validator reports unclosed tags as "Invalid '[...]' found."; say it plainly. */
function validatorMessage(msg: string): string {
  const unclosed = /^Invalid '\[([\s\S]*)\]' found/.exec(msg);
  if (unclosed) {
    const tags = unclosed[1]!.split(',').map((t) => t.trim().replace(/^"|"$/g, '')).filter(Boolean);
    return `document ends before <${tags[tags.length - 1] ?? '?'}> is closed (truncated?)`;
  }
  return msg.replace(/\s+/g, ' ').trim();
}

/**
 * Mends one common, unambiguous fault of real feeds: a bare "&" (as in "AT&T" or a URL's query)
 * that starts no reference. Comments and CDATA sections are left as written.
 */
function escapeBareAmpersands(text: string): string {
  if (!/&(?!#\d+;|#x[0-9a-f]+;|[a-z][\w.-]*;)/i.test(text)) return text;
  return text.replace(/(<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<!--[\s\S]*?(?:-->|$))|&(?!#\d+;|#x[0-9a-f]+;|[a-z][\w.-]*;)/gi, (m, kept?: string) =>
    kept ?? '&amp;',
  );
}

function xmlTree(text: string, kind: Exclude<FeedKind, 'json'>): { tree: Record<string, unknown>; scope: Scope } {
  if (/<!ENTITY/i.test(text)) {
    throw new FeedError('feed declares XML entities (<!ENTITY>); refused to avoid entity expansion attacks');
  }
  const xml = escapeBareAmpersands(text);
  const valid = XMLValidator.validate(xml, { allowBooleanAttributes: true });
  if (valid !== true) {
    throw new FeedError(`invalid XML at line ${valid.err.line}: ${validatorMessage(valid.err.msg)}`);
  }
  const scope = rootScope(xml);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: ATTR,
    removeNSPrefix: false,
    processEntities: false,
    htmlEntities: false,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    cdataPropName: CDATA,
    ignoreDeclaration: true,
    ignorePiTags: true,
    stopNodes: stopNodes(scope, kind),
    isArray: (name) => ['item', 'entry', 'link', 'author', 'category'].includes(name),
  });
  try {
    return { tree: parser.parse(xml) as Record<string, unknown>, scope };
  } catch (err) {
    throw new FeedError(`invalid XML: ${(err as Error).message.split('\n')[0]}`);
  }
}

// ---------- dates ----------

/**
 * A feed date as ISO, or undefined when it is not plausible: out of the range every publication
 * date is held to (usablePublishedAt: not before 1980, not over a day after `now`, a day ahead
 * clamped to `now`), or a year the text does not contain as written (an expanded "+275760", a
 * bare "12").
 */
export function feedDate(value: string | undefined, now: Date): string | undefined {
  const iso = toIsoDate(value);
  if (!iso || !value) return undefined;
  const usable = usablePublishedAt(iso, now);
  if (!usable) return undefined;
  const t = Date.parse(iso);
  // The year as written (four digits, not signed or longer; or an RFC 822 two-digit year), not one
  // the lenient date parser made up from other numbers ("12" reads as December 2001). The UTC year
  // may differ by one from the local year at New Year.
  const y = new Date(t).getUTCFullYear();
  const near = (w: number, of: number): boolean => Math.abs(w - of) <= 1 || Math.abs(w - of) === 99;
  const four = [...value.matchAll(/(?<![\d+-])\d{4}(?!\d)/g)].map((m) => Number(m[0]));
  const written = four.length
    ? four.some((w) => Math.abs(w - y) <= 1)
    : [...value.matchAll(/(?<![\d:.+-])\d{2}(?![\d:])/g)].some((m) => near(Number(m[0]), y % 100));
  return written ? usable : undefined;
}

// ---------- items ----------

/** An item whose costly fields (HTML -> text) are converted only if it survives the cap. */
interface RawItem {
  item: FeedItem;
  finish(): void;
}

function rssItem(node: unknown, parent: Scope, own: readonly string[], now: Date): RawItem {
  const f = new Fields(node, parent, own);
  const links = asArray(f.own('link'));
  const link = links.map((l) => clean(textOf(l)) ?? attr(l, 'href')).find(Boolean);
  const guidNode = f.own('guid');
  const guid = clean(textOf(guidNode) ?? attr(node, 'rdf:about'));
  const permalink = guid && attr(guidNode, 'isPermaLink') !== 'false' && /^https?:\/\//i.test(guid) ? guid : undefined;
  const atomAlternate = asArray(f.ext(NS.atom, 'link')).find((l) => (attr(l, 'rel') ?? 'alternate') === 'alternate');
  const item: FeedItem = {
    title: clean(htmlInlineText(textOf(f.own('title')) ?? textOf(f.ext(NS.dc, 'title')) ?? '')),
    link: link ?? permalink ?? attr(atomAlternate, 'href'),
    guid,
    publishedAt: feedDate(
      textOf(f.own('pubDate')) ?? textOf(f.ext(NS.dc, 'date')) ?? textOf(f.own('published')) ?? textOf(f.own('updated')),
      now,
    ),
    author: clean(textOf(f.ext(NS.dc, 'creator')) ?? textOf(asArray(f.own('author'))[0])),
    source: clean(textOf(f.own('source'))),
  };
  return {
    item,
    finish() {
      item.content = richText(textOf(f.ext(NS.content, 'encoded')));
      item.summary = richText(textOf(f.own('description')));
    },
  };
}

function atomLink(f: Fields): string | undefined {
  const links = asArray(f.own('link'));
  const alternate =
    links.find((l) => (attr(l, 'rel') ?? 'alternate') === 'alternate' && (attr(l, 'type') ?? 'text/html').includes('html')) ??
    links.find((l) => (attr(l, 'rel') ?? 'alternate') === 'alternate');
  return attr(alternate, 'href');
}

/** Atom text constructs: type text (plain), html (escaped markup) or xhtml (inline markup). Atom 0.3 types are MIME types. */
function atomTextType(node: unknown): 'text' | 'html' | 'xhtml' {
  const type = (attr(Array.isArray(node) ? node[0] : node, 'type') ?? 'text').toLowerCase();
  if (type.includes('xhtml') || type.includes('xml')) return 'xhtml';
  return type === 'text' || type === 'text/plain' ? 'text' : 'html';
}

function atomText(node: unknown): string | undefined {
  if (attr(node, 'src')) return undefined; // content elsewhere
  const type = atomTextType(node);
  if (type === 'xhtml') return richText(markupOf(node));
  const raw = textOf(node);
  if (raw === undefined) return undefined;
  // type="text" is plain text (already entity-decoded); html carries markup.
  return type === 'text' ? cleanText(raw) || undefined : richText(raw);
}

function atomTitle(node: unknown): string | undefined {
  const type = atomTextType(node);
  const raw = type === 'xhtml' ? markupOf(node) : textOf(node);
  if (raw === undefined) return undefined;
  return clean(type === 'text' ? raw : htmlInlineText(raw));
}

function atomEntry(node: unknown, parent: Scope, own: readonly string[], now: Date): RawItem {
  const f = new Fields(node, parent, own);
  const author = new Fields(asArray(f.own('author'))[0], f.scope, own);
  const item: FeedItem = {
    title: atomTitle(f.own('title')),
    link: atomLink(f),
    guid: clean(textOf(f.own('id'))),
    publishedAt: feedDate(
      textOf(f.own('published')) ?? textOf(f.own('updated')) ?? textOf(f.own('issued')) ?? textOf(f.own('modified')) ?? textOf(f.ext(NS.dc, 'date')),
      now,
    ),
    author: clean(textOf(author.own('name'))),
  };
  return {
    item,
    finish() {
      item.content = atomText(f.own('content'));
      item.summary = atomText(f.own('summary'));
    },
  };
}

interface RawFeed {
  title?: string;
  link?: string;
  items: RawItem[];
}

/** The document element: its local name and node. */
function rootOf(tree: Record<string, unknown>): { local: string; node: unknown } | undefined {
  const key = Object.keys(tree).find((k) => !k.startsWith('?') && !k.startsWith('#') && !k.startsWith(ATTR));
  return key === undefined ? undefined : { local: key.slice(key.indexOf(':') + 1).toLowerCase(), node: tree[key] };
}

function parseXmlFeed(text: string, kind: Exclude<FeedKind, 'json'>, now: Date): RawFeed {
  const { tree, scope } = xmlTree(text, kind);
  const root = rootOf(tree);
  const own = OWN_NS[kind];
  const isObject = (v: unknown): boolean => !!v && typeof v === 'object' && !Array.isArray(v);
  if (kind === 'atom') {
    if (!root || root.local !== 'feed' || !isObject(root.node)) throw new FeedError('not an Atom feed (no <feed> element)');
    const f = new Fields(root.node, scope, own);
    return {
      title: atomTitle(f.own('title')),
      link: atomLink(f),
      items: asArray(f.own('entry')).map((e) => atomEntry(e, f.scope, own, now)),
    };
  }
  if (kind === 'rdf') {
    if (!root || root.local !== 'rdf' || !isObject(root.node)) throw new FeedError('not an RSS 1.0 feed (no <rdf:RDF> element)');
    const f = new Fields(root.node, scope, own);
    const channel = new Fields(asArray(f.own('channel'))[0], f.scope, own);
    return {
      title: clean(htmlInlineText(textOf(channel.own('title')) ?? textOf(channel.ext(NS.dc, 'title')) ?? '')),
      link: clean(textOf(asArray(channel.own('link'))[0])),
      items: asArray(f.own('item')).map((i) => rssItem(i, f.scope, own, now)),
    };
  }
  const rss = root && root.local === 'rss' && isObject(root.node) ? new Fields(root.node, scope, own) : undefined;
  const channelNode = asArray(rss?.own('channel'))[0];
  if (!rss || !isObject(channelNode)) throw new FeedError('not an RSS feed (no <channel> element)');
  const channel = new Fields(channelNode, rss.scope, own);
  return {
    title: clean(htmlInlineText(textOf(channel.own('title')) ?? '')),
    link: asArray(channel.own('link')).map((l) => clean(textOf(l))).find(Boolean),
    items: asArray(channel.own('item')).map((i) => rssItem(i, channel.scope, own, now)),
  };
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

function parseJsonFeed(text: string, now: Date): RawFeed {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new FeedError(`invalid JSON: ${(err as Error).message}`);
  }
  if (!data || typeof data !== 'object' || !/jsonfeed\.org\/version\//.test(String((data as { version?: unknown }).version))) {
    throw new FeedError('not a JSON Feed (no jsonfeed.org version)');
  }
  const feed = data as Record<string, unknown>;
  const items = Array.isArray(feed.items) ? feed.items : [];
  return {
    title: clean(str(feed.title)),
    link: str(feed.home_page_url),
    items: items
      .filter((i): i is Record<string, unknown> => !!i && typeof i === 'object')
      .map((i) => {
        const authors = Array.isArray(i.authors) ? i.authors : i.author ? [i.author] : [];
        const item: FeedItem = {
          title: clean(str(i.title)),
          link: str(i.url) ?? str(i.external_url),
          guid: str(i.id),
          publishedAt: feedDate(str(i.date_published) ?? str(i.date_modified), now),
          author: clean(str((authors[0] as Record<string, unknown> | undefined)?.name)),
        };
        return {
          item,
          finish() {
            const contentText = str(i.content_text);
            item.content = richText(str(i.content_html)) ?? (contentText?.trim() ? cleanText(contentText) || undefined : undefined);
            // JSON Feed summaries are plain text.
            item.summary = clean(str(i.summary));
          },
        };
      }),
  };
}

/** Newest first by date; undated items keep their feed order, after the dated ones. */
function newestFirst(items: RawItem[]): RawItem[] {
  return items
    .map((raw, i) => ({ raw, i, t: raw.item.publishedAt ? Date.parse(raw.item.publishedAt) : NaN }))
    .sort((a, b) => {
      const ad = !Number.isNaN(a.t);
      const bd = !Number.isNaN(b.t);
      if (ad && bd) return b.t - a.t || a.i - b.i;
      if (ad !== bd) return ad ? -1 : 1;
      return a.i - b.i;
    })
    .map((x) => x.raw);
}

/** Parses a feed. Throws FeedError (one-line reason) when the text is not a readable feed. */
export function parseFeed(text: string, opts: ParseFeedOptions = {}): ParsedFeed {
  const maxItems = opts.maxItems ?? 200;
  const maxChars = opts.maxChars ?? 10 * 1024 * 1024;
  if (text.length > maxChars) throw new FeedError(`feed is larger than ${maxChars} characters`);
  // A byte order mark, blank lines or spaces before <?xml are a common fault that readers tolerate.
  const body = text.replace(/^[\uFEFF\s]+/, '');
  if (body.trim() === '') throw new FeedError('feed is empty');
  const kind = sniffFeed(body);
  if (!kind) {
    if (/<!ENTITY/i.test(body)) throw new FeedError('feed declares XML entities (<!ENTITY>); refused to avoid entity expansion attacks');
    throw new FeedError(body.trimStart().startsWith('<') ? 'XML is not an RSS or Atom feed' : 'not an RSS, Atom or JSON feed');
  }
  const now = opts.now ?? new Date();
  const parsed = kind === 'json' ? parseJsonFeed(body, now) : parseXmlFeed(body, kind, now);
  const sorted = newestFirst(parsed.items);
  const kept = sorted.slice(0, maxItems);
  for (const raw of kept) raw.finish();
  const items = kept.map((raw) => dropUndefined(raw.item));
  const result: ParsedFeed = { kind, items, totalItems: sorted.length, skippedItems: sorted.length - items.length };
  if (parsed.title) result.title = parsed.title;
  if (parsed.link) result.link = parsed.link;
  return result;
}
