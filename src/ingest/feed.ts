// RSS 2.0 / RSS 1.0 (RDF) / Atom / JSON Feed parsing.
// XML safety: a size cap before parsing, any <!ENTITY declaration refused (billion laughs, external
// entities), entity processing off in the parser; only the five XML entities and numeric
// references are decoded, by us. Invalid XML is refused with the parser's line and message.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { htmlInlineText, htmlToText } from './html.js';
import { cleanText, toIsoDate } from './normalize.js';

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

/** Text of a parsed XML node: strings, {#text}, {#cdata}, arrays of those. */
function textOf(node: unknown): string | undefined {
  if (node === undefined || node === null) return undefined;
  if (typeof node === 'string') return decodeXmlEntities(node);
  if (typeof node === 'number' || typeof node === 'boolean') return String(node);
  if (Array.isArray(node)) {
    const parts = node.map(textOf).filter((s): s is string => s !== undefined);
    return parts.length ? parts.join('') : undefined;
  }
  if (typeof node === 'object') {
    const o = node as Record<string, unknown>;
    const parts: string[] = [];
    const t = textOf(o[TEXT]);
    if (t !== undefined) parts.push(t);
    const c = o[CDATA];
    if (c !== undefined) parts.push(...(Array.isArray(c) ? c : [c]).map(String)); // CDATA is literal
    return parts.length ? parts.join('') : undefined;
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

/** The validator reports unclosed tags as "Invalid '[...]' found."; say it plainly. */
function validatorMessage(msg: string): string {
  const unclosed = /^Invalid '\[([\s\S]*)\]' found/.exec(msg);
  if (unclosed) {
    const tags = unclosed[1]!.split(',').map((t) => t.trim().replace(/^"|"$/g, '')).filter(Boolean);
    return `document ends before <${tags[tags.length - 1] ?? '?'}> is closed (truncated?)`;
  }
  return msg.replace(/\s+/g, ' ').trim();
}

function xmlTree(text: string): Record<string, unknown> {
  if (/<!ENTITY/i.test(text)) {
    throw new FeedError('feed declares XML entities (<!ENTITY>); refused to avoid entity expansion attacks');
  }
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: true });
  if (valid !== true) {
    throw new FeedError(`invalid XML at line ${valid.err.line}: ${validatorMessage(valid.err.msg)}`);
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: ATTR,
    removeNSPrefix: true,
    processEntities: false,
    htmlEntities: false,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    cdataPropName: CDATA,
    ignoreDeclaration: true,
    ignorePiTags: true,
    isArray: (name) => ['item', 'entry', 'link', 'author', 'category'].includes(name),
  });
  try {
    return parser.parse(text) as Record<string, unknown>;
  } catch (err) {
    throw new FeedError(`invalid XML: ${(err as Error).message.split('\n')[0]}`);
  }
}

/** An item whose costly fields (HTML -> text) are converted only if it survives the cap. */
interface RawItem {
  item: FeedItem;
  finish(): void;
}

function rssItem(node: Record<string, unknown>): RawItem {
  const links = asArray(node.link);
  const link = links.map((l) => clean(textOf(l)) ?? attr(l, 'href')).find(Boolean);
  const guidNode = node.guid;
  const guid = clean(textOf(guidNode));
  const permalink = guid && attr(guidNode, 'isPermaLink') !== 'false' && /^https?:\/\//i.test(guid) ? guid : undefined;
  const item: FeedItem = {
    title: clean(htmlInlineText(textOf(node.title) ?? '')),
    link: link ?? permalink,
    guid,
    publishedAt: toIsoDate(textOf(node.pubDate) ?? textOf(node.date) ?? textOf(node.published) ?? textOf(node.updated)),
    author: clean(textOf(node.creator) ?? textOf(asArray(node.author)[0])),
    source: clean(textOf(node.source)),
  };
  return {
    item,
    finish() {
      item.content = richText(textOf(node.encoded));
      item.summary = richText(textOf(node.description));
    },
  };
}

function atomLink(node: Record<string, unknown>): string | undefined {
  const links = asArray(node.link);
  const alternate =
    links.find((l) => (attr(l, 'rel') ?? 'alternate') === 'alternate' && (attr(l, 'type') ?? 'text/html').includes('html')) ??
    links.find((l) => (attr(l, 'rel') ?? 'alternate') === 'alternate');
  return attr(alternate, 'href');
}

function atomText(node: unknown): string | undefined {
  const raw = textOf(node);
  if (raw === undefined) return undefined;
  const type = attr(node, 'type') ?? 'text';
  // type="text" is plain text (already entity-decoded); html and xhtml carry markup.
  return type === 'text' ? cleanText(raw) || undefined : richText(raw);
}

function atomTitle(node: unknown): string | undefined {
  const raw = textOf(node);
  if (raw === undefined) return undefined;
  return clean((attr(node, 'type') ?? 'text') === 'text' ? raw : htmlInlineText(raw));
}

function atomEntry(node: Record<string, unknown>): RawItem {
  const item: FeedItem = {
    title: atomTitle(node.title),
    link: atomLink(node),
    guid: clean(textOf(node.id)),
    publishedAt: toIsoDate(textOf(node.published) ?? textOf(node.updated) ?? textOf(node.issued)),
    author: clean(textOf((asArray(node.author)[0] as Record<string, unknown> | undefined)?.name)),
  };
  return {
    item,
    finish() {
      item.content = atomText(node.content);
      item.summary = atomText(node.summary);
    },
  };
}

interface RawFeed {
  title?: string;
  link?: string;
  items: RawItem[];
}

function parseXmlFeed(text: string, kind: Exclude<FeedKind, 'json'>): RawFeed {
  const tree = xmlTree(text);
  if (kind === 'atom') {
    const feed = tree.feed as Record<string, unknown> | undefined;
    if (!feed || typeof feed !== 'object') throw new FeedError('not an Atom feed (no <feed> element)');
    return {
      title: atomTitle(feed.title),
      link: atomLink(feed),
      items: asArray(feed.entry).map((e) => atomEntry(e as Record<string, unknown>)),
    };
  }
  if (kind === 'rdf') {
    const rdf = tree.RDF as Record<string, unknown> | undefined;
    if (!rdf || typeof rdf !== 'object') throw new FeedError('not an RSS 1.0 feed (no <rdf:RDF> element)');
    const channel = rdf.channel as Record<string, unknown> | undefined;
    return {
      title: clean(textOf(channel?.title)),
      link: clean(textOf(asArray(channel?.link)[0])),
      items: asArray(rdf.item).map((i) => rssItem(i as Record<string, unknown>)),
    };
  }
  const rss = tree.rss as Record<string, unknown> | undefined;
  const channel = (rss && typeof rss === 'object' ? rss.channel : undefined) as Record<string, unknown> | undefined;
  if (!channel || typeof channel !== 'object') throw new FeedError('not an RSS feed (no <channel> element)');
  return {
    title: clean(textOf(channel.title)),
    link: asArray(channel.link).map((l) => clean(textOf(l))).find(Boolean),
    items: asArray(channel.item).map((i) => rssItem(i as Record<string, unknown>)),
  };
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

function parseJsonFeed(text: string): RawFeed {
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
          publishedAt: toIsoDate(str(i.date_published) ?? str(i.date_modified)),
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
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') throw new FeedError('feed is empty');
  const kind = sniffFeed(body);
  if (!kind) {
    if (/<!ENTITY/i.test(body)) throw new FeedError('feed declares XML entities (<!ENTITY>); refused to avoid entity expansion attacks');
    throw new FeedError(body.trimStart().startsWith('<') ? 'XML is not an RSS or Atom feed' : 'not an RSS, Atom or JSON feed');
  }
  const parsed = kind === 'json' ? parseJsonFeed(body) : parseXmlFeed(body, kind);
  const sorted = newestFirst(parsed.items);
  const kept = sorted.slice(0, maxItems);
  for (const raw of kept) raw.finish();
  const items = kept.map((raw) => dropUndefined(raw.item));
  const result: ParsedFeed = { kind, items, totalItems: sorted.length, skippedItems: sorted.length - items.length };
  if (parsed.title) result.title = parsed.title;
  if (parsed.link) result.link = parsed.link;
  return result;
}
