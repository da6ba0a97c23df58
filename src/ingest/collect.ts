// The ingest entry point: turns CLI inputs (files, folders, "-", URLs, feeds) into article drafts.
// Every bad input becomes one `rejected` item whose reason names the input; the run goes on.
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, extname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ArticleDraft } from '../domain/types.js';
import { splitSentences } from '../analyze/text.js';
import { findPublishedDate, usablePublishedAt } from './dates.js';
import { DecodeError, decodeBytes } from './decode.js';
import { FeedError, parseFeed, sniffFeed, type FeedItem, type ParsedFeed } from './feed.js';
import { FetchError, createSafeFetcher, type FetchValidators, type Fetcher } from './fetcher.js';
import { ExtractError, extractArticle } from './html.js';
import { buildDraft, canonicalUrl, cleanText, contentHash, fileUrl, isFurnitureLine, isProse } from './normalize.js';
import { headlineFromLede } from '../brief/headline.js';

export type CollectedItem =
  | { kind: 'article'; input: string; draft: ArticleDraft }
  /** One line that names the input and what was wrong. */
  | { kind: 'rejected'; input: string; reason: string }
  /** Informational, e.g. the feed cap applied or a file type was skipped. */
  | { kind: 'notice'; input: string; message: string };

/** Remembers ETag / Last-Modified per URL for conditional GET (the store implements it). */
export interface ValidatorCache {
  get(url: string): Promise<FetchValidators | undefined>;
  set(url: string, validators: FetchValidators): Promise<void>;
}

export interface CollectOptions {
  /** Default: createSafeFetcher(). */
  fetcher?: Fetcher;
  /** Default 200. */
  maxFeedItems?: number;
  /** Default 5 MiB. */
  maxFileBytes?: number;
  /** Reference date for datelines without a year and relative dates. Default: now. */
  now?: Date;
  validators?: ValidatorCache;
  /** Default: reads process.stdin. */
  readStdin?: () => Promise<Buffer>;
}

/** A feed item with at least this much text is used as is; shorter ones fetch the linked page. */
const FULL_CONTENT_CHARS = 400;
const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;
/** Linked pages fetched at once for one feed. */
const PAGE_FETCH_CONCURRENCY = 4;

const TEXT_EXTENSIONS = new Set(['.txt', '.text', '.md', '.markdown']);
const HTML_EXTENSIONS = new Set(['.html', '.htm', '.xhtml']);
const FEED_EXTENSIONS = new Set(['.xml', '.rss', '.atom', '.json', '.feed', '.rdf']);

/** Raised inside collect for a bad input; becomes a `rejected` item. */
class Rejection extends Error {}

interface Context {
  opts: CollectOptions;
  now: Date;
  maxFileBytes: number;
  fetcher(): Fetcher;
}

export async function* collect(inputs: string[], opts: CollectOptions = {}): AsyncGenerator<CollectedItem> {
  let fetcher = opts.fetcher;
  const ctx: Context = {
    opts,
    now: opts.now ?? new Date(),
    maxFileBytes: opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    fetcher: () => (fetcher ??= createSafeFetcher()),
  };
  for (const input of inputs) {
    try {
      if (input === '-') yield* collectStdin(ctx);
      else if (/^https?:\/\//i.test(input)) yield* collectUrl(input, ctx);
      else if (/^file:\/\//i.test(input)) yield* collectPath(fileURLToPath(input), input, ctx);
      else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input)) {
        yield rejected(input, `unsupported URL scheme (only http, https and file)`);
      } else yield* collectPath(input, input, ctx);
    } catch (err) {
      yield rejected(input, errorReason(err));
    }
  }
}

function rejected(input: string, why: string): CollectedItem {
  return { kind: 'rejected', input, reason: `${input}: ${why}` };
}

function errorReason(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n')[0] ?? 'unknown error';
}

// ---------- text ----------

/** Strips the markdown that would otherwise show up in article text. */
function stripMarkdown(md: string): string {
  return md
    .replace(/^```[\s\S]*?^```/gm, '')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/^>\s?/gm, '')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/^\s*([-*_])(\s*\1){2,}\s*$/gm, '');
}

/** Title and body of plain text: the first non-empty line is the title (a leading '#' stripped). */
function splitTitle(text: string): { title: string; body: string } {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) return { title: '', body: '' };
  let titleAt = first;
  // A byline ("By Jane Doe") or page furniture ("Photo: ...", "Share") is not a title: take the next line.
  for (let skips = 0; skips < 8 && (/^by\s+\p{Lu}[^.!?]{0,60}$/iu.test(lines[titleAt]!.trim()) || isFurnitureLine(lines[titleAt]!)); skips++) {
    const next = lines.findIndex((l, i) => i > titleAt && l.trim() !== '');
    if (next < 0) break;
    titleAt = next;
  }
  let title = lines[titleAt]!.trim().replace(/^#+\s*/, '');
  let body = lines.slice(titleAt + 1).join('\n');
  if (!isHeadline(title)) {
    // A sentence or paragraph (a dateline, a lede, a photo credit), not a headline: it stays in
    // the text, and its first sentence (or opening words) makes the title.
    body = `${title}\n${body}`;
    title = leadTitle(title);
  }
  if (body.trim() === '') {
    // A single paragraph: it is the text; its opening words make the title.
    const words = title.split(/\s+/);
    return { title: words.length > 14 ? `${words.slice(0, 14).join(' ')}…` : title, body: title };
  }
  return { title, body };
}

/**
 * A headline, as opposed to the article's first sentence or paragraph: at most 30 words, not
 * page furniture ("Photo: ..."), and not a sentence (8 words or more ending in a full stop, or 15
 * or more ending in "!" or "?"; headlines seldom close with a full stop).
 */
function isHeadline(line: string): boolean {
  const n = line.split(/\s+/).length;
  if (n > 30 || isProse(line) || isFurnitureLine(line)) return false;
  const end = line.replace(/["'”’)\]]+$/u, '');
  if (n >= 8 && /[^.]\.$/.test(end)) return false;
  return !(n >= 15 && /[!?]$/.test(end));
}

/** A title for text whose first line is prose: its first sentence when short, else its opening words. */
function leadTitle(line: string): string {
  const sentence = splitSentences(line)[0] ?? '';
  const n = sentence.split(/\s+/).length;
  if (n >= 4 && n <= 20) return sentence;
  // A long first sentence: its main clause, cut where a thought ends (never with "…").
  return n >= 4 ? headlineFromLede(sentence) : firstWords(line);
}

/** A stable URL for text that has none (stdin). */
function textUrl(text: string): string {
  return `urn:newsbrief:text:${contentHash(text).slice(0, 16)}`;
}

/**
 * Builds a draft from plain text. Without meta.title the first non-empty line is the title.
 * publishedAt: meta.publishedAt, else a dateline found in the opening paragraphs.
 */
export function draftFromText(
  text: string,
  meta: { url?: string; title?: string; outlet?: string; publishedAt?: string; via?: ArticleDraft['via']; reference?: Date } = {},
): ArticleDraft {
  const { title, body } = meta.title ? { title: meta.title, body: text } : splitTitle(text);
  const publishedAt = meta.publishedAt ?? findPublishedDate(body, { reference: meta.reference })?.toISOString();
  return buildDraft({
    url: meta.url ?? textUrl(body),
    title: title || firstWords(cleanText(body)),
    text: body,
    outlet: meta.outlet,
    publishedAt,
    via: meta.via ?? 'text',
  });
}

function firstWords(text: string): string {
  const words = text.split(/\s+/).filter(Boolean);
  return words.length > 12 ? `${words.slice(0, 12).join(' ')}…` : words.join(' ');
}

/** The draft as an article (its date checked against the ingest time), or rejected when no text is left. */
function articleOrReject(input: string, draft: ArticleDraft, ingestTime: Date): CollectedItem {
  if (draft.text.trim() === '') return rejected(input, 'no article text found');
  const publishedAt = usablePublishedAt(draft.publishedAt, ingestTime);
  if (publishedAt) draft.publishedAt = publishedAt;
  else delete draft.publishedAt;
  return { kind: 'article', input, draft };
}

// ---------- stdin ----------

async function readProcessStdin(maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    total += b.length;
    if (total > maxBytes) throw new Rejection(`input is larger than ${maxBytes} bytes`);
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

async function* collectStdin(ctx: Context): AsyncGenerator<CollectedItem> {
  const input = '-';
  const bytes = ctx.opts.readStdin ? await ctx.opts.readStdin() : await readProcessStdin(ctx.maxFileBytes);
  if (bytes.length > ctx.maxFileBytes) return yield rejected(input, `input is larger than ${ctx.maxFileBytes} bytes`);
  const text = decodeOrReject(bytes);
  if (text.trim() === '') return yield rejected(input, 'input is empty');
  yield* collectDocument(text, input, { kind: 'text' }, ctx);
}

// ---------- files and folders ----------

async function* collectPath(path: string, input: string, ctx: Context): AsyncGenerator<CollectedItem> {
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file or folder' : code === 'EACCES' ? 'permission denied' : errorReason(err);
    return yield rejected(input, why);
  }
  if (info.isDirectory()) {
    let count = 0;
    let root: string;
    try {
      root = realpathSync(path);
    } catch (err) {
      return yield rejected(input, fsReason(err));
    }
    for await (const item of collectFolder(path, root, ctx, new Set())) {
      count++;
      yield item;
    }
    if (count === 0) yield { kind: 'notice', input, message: `${input}: no files found in folder` };
  }
  else if (info.isFile()) yield* collectFile(path, input, info.size, ctx);
  else yield rejected(input, 'not a regular file or folder');
}

function fsReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'symbolic link loop';
  if (code === 'ENAMETOOLONG') return 'path too long';
  return errorReason(err);
}

function inside(root: string, real: string): boolean {
  return real === root || real.startsWith(root.endsWith(sep) ? root : root + sep);
}

/**
 * Walks a folder given on the command line. The walk itself is synchronous (a listing and a stat per
 * entry). A symbolic link is judged by its target: one that leaves the folder (`root`, real path) is
 * skipped with a note, never read or walked; one inside is read under its target's name and type.
 * A subfolder that cannot be listed is one rejection; the rest of the folder is still read.
 */
async function* collectFolder(dir: string, root: string, ctx: Context, seen: Set<string>): AsyncGenerator<CollectedItem> {
  let entries;
  let real: string;
  try {
    real = realpathSync(dir);
    if (seen.has(real)) return; // walked already (through a link, or a loop)
    seen.add(real);
    entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (err) {
    return yield rejected(dir, `cannot read folder (${fsReason(err)})`);
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    // A folder's README or LICENSE describes the folder; it is not news.
    if (/^(readme|license|licence|changelog)(\.[a-z]+)?$/i.test(entry.name)) {
      yield { kind: 'notice', input: path, message: `${path}: skipped, folder documentation (${entry.name})` };
      continue;
    }
    let target = path;
    let info;
    try {
      if (lstatSync(path).isSymbolicLink()) {
        target = realpathSync(path);
        if (!inside(root, target)) {
          yield { kind: 'notice', input: path, message: `${path}: skipped, symbolic link to a path outside the folder` };
          continue;
        }
      }
      info = statSync(target);
    } catch (err) {
      yield rejected(path, fsReason(err));
      continue;
    }
    if (info.isDirectory()) {
      yield* collectFolder(target, root, ctx, seen);
      continue;
    }
    if (!info.isFile()) continue;
    // A file reached twice (itself and through a link) is read once.
    const key = target === path ? join(real, entry.name) : target;
    if (seen.has(key)) continue;
    seen.add(key);
    // The type is the target's: a link named x.txt to a page is a page.
    const ext = extname(target).toLowerCase();
    if (!TEXT_EXTENSIONS.has(ext) && !HTML_EXTENSIONS.has(ext) && !FEED_EXTENSIONS.has(ext)) {
      yield { kind: 'notice', input: path, message: `${path}: skipped, unknown file type (${ext || 'no extension'})` };
      continue;
    }
    try {
      yield* collectFile(target, path, info.size, ctx);
    } catch (err) {
      yield rejected(path, errorReason(err));
    }
  }
}

function decodeOrReject(bytes: Buffer, contentType?: string): string {
  try {
    return decodeBytes(bytes, { contentType }).text;
  } catch (err) {
    if (err instanceof DecodeError) throw new Rejection(err.message);
    throw err;
  }
}

async function* collectFile(path: string, input: string, size: number, ctx: Context): AsyncGenerator<CollectedItem> {
  if (size > ctx.maxFileBytes) return yield rejected(input, `file is larger than ${ctx.maxFileBytes} bytes (${size} bytes)`);
  if (size === 0) return yield rejected(input, 'file is empty');
  // Synchronous: a few KB from a local file, cheaper than the thread-pool round trip (ADR 011).
  const bytes = readFileSync(path);
  let text: string;
  try {
    text = decodeOrReject(bytes);
  } catch (err) {
    return yield rejected(input, errorReason(err));
  }
  if (text.trim() === '') return yield rejected(input, 'file is empty');
  const ext = extname(path).toLowerCase();
  const url = fileUrl(path);
  const kind: DocumentKind['kind'] = HTML_EXTENSIONS.has(ext)
    ? 'html'
    : FEED_EXTENSIONS.has(ext)
      ? 'feed'
      : TEXT_EXTENSIONS.has(ext)
        ? ext === '.md' || ext === '.markdown'
          ? 'markdown'
          : 'text'
        : 'sniff';
  yield* collectDocument(text, input, { kind, url, name: basename(path) }, ctx);
}

// ---------- documents (any source) ----------

interface DocumentKind {
  /** What the extension or content type says; feeds are sniffed regardless. */
  kind: 'text' | 'markdown' | 'html' | 'feed' | 'sniff';
  /** The document's URL (file:// or the fetched URL). */
  url?: string;
  name?: string;
  via?: ArticleDraft['via'];
}

function looksLikeHtml(text: string): boolean {
  return /^\s*(<!--[\s\S]*?-->\s*)*(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(text) || /<(article|p|div)[\s>][\s\S]*<\/(article|p|div)>/i.test(text.slice(0, 20000));
}

async function* collectDocument(text: string, input: string, doc: DocumentKind, ctx: Context): AsyncGenerator<CollectedItem> {
  const feedKind = sniffFeed(text);
  if (doc.kind === 'feed' || feedKind) {
    yield* collectFeed(text, input, doc.url, ctx);
    return;
  }
  const via = doc.via ?? (doc.url?.startsWith('file:') ? 'file' : doc.url ? 'page' : 'text');
  if (doc.kind === 'html' || (doc.kind !== 'text' && doc.kind !== 'markdown' && looksLikeHtml(text))) {
    const page = extractArticle(text, doc.url?.startsWith('http') ? doc.url : undefined);
    const url = via === 'page' ? page.canonicalUrl ?? doc.url : doc.url;
    const draft = buildDraft({
      url: url ?? textUrl(page.text),
      title: page.title ?? firstWords(page.text),
      text: page.text,
      outlet: page.outlet ?? hostOutlet(doc.url),
      publishedAt: page.publishedAt ?? findPublishedDate(page.text, { reference: ctx.now })?.toISOString(),
      via,
    });
    if (page.limited) yield limitedNotice(input, page.limited);
    yield articleOrReject(input, draft, ctx.now);
    return;
  }
  const source = doc.kind === 'markdown' ? stripMarkdown(text) : text;
  const draft = draftFromText(source, { url: doc.url, outlet: hostOutlet(doc.url), via, reference: ctx.now });
  yield articleOrReject(input, draft, ctx.now);
}

/** The page was too deep or too large for a DOM: it was read as plain text (html.ts HTML_LIMITS). */
function limitedNotice(input: string, why: string): CollectedItem {
  return { kind: 'notice', input, message: `${input}: page ${why}; read as plain text without its layout` };
}

function hostOutlet(url: string | undefined): string | undefined {
  if (!url || !/^https?:/i.test(url)) return undefined;
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

// ---------- URLs ----------

async function* collectUrl(input: string, ctx: Context): AsyncGenerator<CollectedItem> {
  const key = canonicalUrl(input);
  const cached = ctx.opts.validators ? await ctx.opts.validators.get(key) : undefined;
  let result;
  try {
    result = await ctx.fetcher().fetch(input, cached ? { validators: cached } : {});
  } catch (err) {
    return yield { kind: 'rejected', input, reason: err instanceof FetchError ? err.message : `${input}: ${errorReason(err)}` };
  }
  if (ctx.opts.validators && (result.validators.etag || result.validators.lastModified)) {
    await ctx.opts.validators.set(key, result.validators);
  }
  if (result.notModified) return yield { kind: 'notice', input, message: `${input}: not modified since the last fetch` };
  if (result.body.length === 0) return yield rejected(input, 'empty response');
  const type = (result.contentType ?? '').toLowerCase();
  if (/^(image|audio|video|font)\/|application\/(pdf|zip|octet-stream|gzip)/.test(type)) {
    return yield rejected(input, `unsupported content type ${type.split(';')[0]}`);
  }
  const text = decodeOrReject(result.body, result.contentType);
  if (text.trim() === '') return yield rejected(input, 'empty response');
  // XML and JSON responses can only be feeds here; parseFeed says why when they are not.
  const isFeedType = /(rss|atom|json|\/xml|\+xml)/.test(type) && !/xhtml/.test(type);
  const kind: DocumentKind['kind'] = isFeedType ? 'feed' : /text\/plain/.test(type) ? 'text' : /html/.test(type) ? 'html' : 'sniff';
  yield* collectDocument(text, input, { kind, url: result.url, via: 'page' }, ctx);
}

// ---------- feeds ----------

async function* collectFeed(text: string, input: string, feedUrl: string | undefined, ctx: Context): AsyncGenerator<CollectedItem> {
  let feed: ParsedFeed;
  try {
    feed = parseFeed(text, { maxItems: ctx.opts.maxFeedItems ?? 200, now: ctx.now });
  } catch (err) {
    if (err instanceof FeedError) return yield rejected(input, err.message);
    throw err;
  }
  if (feed.skippedItems > 0) {
    yield {
      kind: 'notice',
      input,
      message: `${input}: feed has ${feed.totalItems} items; kept the newest ${feed.items.length}, skipped ${feed.skippedItems}`,
    };
  }
  if (feed.items.length === 0) return yield { kind: 'notice', input, message: `${input}: feed has no items` };
  const base = feedUrl?.startsWith('http') ? feedUrl : feed.link;
  const resolvedLinks = feed.items.map((item) => resolveLink(item.link, base));
  // A link that several different items share (a podcast's home page) is no item's own address:
  // each such item is stored under its own id, and the shared page is not fetched as its text.
  const idsByLink = new Map<string, Set<string>>();
  feed.items.forEach((item, i) => {
    const r = resolvedLinks[i]!;
    if (!('url' in r)) return;
    let ids = idsByLink.get(r.url);
    if (!ids) idsByLink.set(r.url, (ids = new Set()));
    ids.add(item.guid ?? item.title ?? item.content ?? item.summary ?? String(i));
  });
  const shared = new Set([...idsByLink].filter(([, ids]) => ids.size > 1).map(([url]) => url));
  if (shared.size > 0) {
    const count = resolvedLinks.filter((r) => 'url' in r && shared.has(r.url)).length;
    yield {
      kind: 'notice',
      input,
      message: `${input}: ${count} items share ${shared.size === 1 ? 'one link' : `${shared.size} links`}; each is stored under its own id, without fetching the shared page`,
    };
  }
  const tasks = feed.items.map((item, i) => async (): Promise<CollectedItem[]> => {
    const resolved = resolvedLinks[i]!;
    const isShared = 'url' in resolved && shared.has(resolved.url);
    const link = 'url' in resolved && !isShared ? resolved.url : undefined;
    const itemInput = link ?? `${input}#${i + 1}`;
    const linkProblem = 'problem' in resolved ? resolved.problem : isShared ? 'link is shared with other items of the feed' : undefined;
    try {
      const result = [await feedItem(item, link, itemInput, feed, feedUrl, ctx, linkProblem)].flat();
      if (linkProblem && !isShared && result.some((r) => r.kind === 'article')) {
        result.unshift({ kind: 'notice', input: itemInput, message: `${itemInput}: ${linkProblem}; kept the item's text without it` });
      }
      return result;
    } catch (err) {
      return [rejected(itemInput, errorReason(err))];
    }
  });
  // Items that need their page fetched are fetched a few at a time; results keep feed order.
  const running: Promise<CollectedItem[]>[] = [];
  let next = 0;
  for (let i = 0; i < tasks.length; i++) {
    while (next < tasks.length && next < i + PAGE_FETCH_CONCURRENCY) running[next] = tasks[next++]!();
    yield* await running[i]!;
    delete running[i];
  }
}

/**
 * An item's link as an absolute http(s) URL, or why it cannot be one. Other schemes (javascript:,
 * data:, file:, mailto: ...) are never stored as article URLs; the problem names the scheme only.
 */
function resolveLink(link: string | undefined, base: string | undefined): { url: string } | { problem: string } | { none: true } {
  if (!link) return { none: true };
  let url: URL;
  try {
    url = new URL(link, base);
  } catch {
    return { problem: base ? 'link is not a URL' : 'link is relative and the feed has no address to resolve it against' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    const scheme = /^[a-z][a-z0-9+.-]{0,31}:$/.test(url.protocol) ? url.protocol : 'unknown';
    return { problem: `link dropped: ${scheme} URLs are not stored (only http and https)` };
  }
  return { url: url.href };
}

async function feedItem(
  item: FeedItem,
  link: string | undefined,
  itemInput: string,
  feed: ParsedFeed,
  feedUrl: string | undefined,
  ctx: Context,
  /** Why the item's link was dropped, if it was. */
  linkProblem?: string,
): Promise<CollectedItem | CollectedItem[]> {
  // An item without a link still needs a stable URL of its own (a #fragment would be canonicalised away).
  const ownUrl = link ?? `urn:newsbrief:item:${contentHash(`${feedUrl ?? feed.title ?? ''}\n${item.guid ?? item.title ?? item.summary ?? ''}`).slice(0, 24)}`;
  const fromItem = (body: string): CollectedItem =>
    articleOrReject(
      itemInput,
      buildDraft({
        url: ownUrl,
        title: item.title ?? firstWords(body),
        text: body,
        outlet: item.source ?? feed.title ?? hostOutlet(link),
        publishedAt: item.publishedAt ?? findPublishedDate(body, { reference: ctx.now })?.toISOString(),
        via: 'feed',
      }),
      ctx.now,
    );

  // Many feeds put the full article in <description>: use whichever field is longer.
  const best = (item.content?.length ?? 0) >= (item.summary?.length ?? 0) ? item.content ?? '' : item.summary ?? '';
  if (best.length >= FULL_CONTENT_CHARS) return fromItem(best);
  const shortText = best;

  if (link) {
    let why: string;
    try {
      const page = await ctx.fetcher().fetch(link, { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' });
      const html = decodeOrReject(page.body, page.contentType);
      const article = extractArticle(html, page.url);
      const stored = articleOrReject(
        itemInput,
        buildDraft({
          url: article.canonicalUrl ?? page.url,
          title: item.title ?? article.title ?? firstWords(article.text),
          text: article.text,
          outlet: item.source ?? article.outlet ?? feed.title ?? hostOutlet(page.url),
          publishedAt: item.publishedAt ?? article.publishedAt ?? findPublishedDate(article.text, { reference: ctx.now })?.toISOString(),
          via: 'feed',
        }),
        ctx.now,
      );
      return article.limited ? [limitedNotice(itemInput, article.limited), stored] : stored;
    } catch (err) {
      if (!(err instanceof FetchError || err instanceof ExtractError || err instanceof Rejection)) throw err;
      why = err instanceof FetchError ? err.reason : err.message;
    }
    if (shortText.trim()) return fromItem(shortText);
    return rejected(itemInput, `linked page unusable (${why}) and the feed item has no text`);
  }
  if (shortText.trim()) return fromItem(shortText);
  return rejected(itemInput, linkProblem ? `${linkProblem}, and the feed item has no text` : 'feed item has no text and no link');
}
