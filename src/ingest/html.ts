// HTML -> readable article text and metadata (linkedom + Readability).
// Boilerplate is removed before Readability runs (it sometimes keeps share bars and related-links
// lists), and the text is cleaned again line by line afterwards (normalize.cleanText).
import { createRequire } from 'node:module';
import type { parseHTML as ParseHTML } from 'linkedom';
import type { Readability as ReadabilityClass } from '@mozilla/readability';
import { cleanText, toIsoDate } from './normalize.js';
import { scanHtml, type HtmlLimits } from './html-stream.js';

export interface PageMetadata {
  title?: string;
  /** og:site_name / application-name / JSON-LD publisher. */
  outlet?: string;
  /** <link rel=canonical> or og:url, absolute. */
  canonicalUrl?: string;
  /** ISO date from article:published_time, JSON-LD, <meta name=date>, <time datetime>. */
  publishedAt?: string;
  author?: string;
  /** <html lang>, when declared. */
  lang?: string;
}

export interface ExtractedArticle extends PageMetadata {
  /** Clean article text, paragraphs separated by blank lines. */
  text: string;
  /**
   * Set when the page was over a shape limit (HTML_LIMITS) and was read as plain text without a DOM:
   * says why, e.g. "nested 5000 elements deep (limit 100)". The article is still stored.
   */
  limited?: string;
}

/**
 * The shape of page a DOM (and Readability) is built for. Their cost grows with depth x elements:
 * 1,000 nested <div>s took 7.7 s, 5,000 minutes, 10,000 overflowed the stack; real news pages
 * nest 20-60 deep. A page over any limit is read by the linear pass of html-stream.ts instead.
 */
export const HTML_LIMITS: HtmlLimits = { maxDepth: 100, maxElements: 10_000, maxAttributes: 50_000 };

/** The page holds no readable article. */
export class ExtractError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExtractError';
  }
}

/** Fewer words than this after cleanup is not an article. */
const MIN_ARTICLE_WORDS = 20;

// Minimal DOM shapes we use (linkedom's types are loose).
interface El {
  tagName: string;
  nodeType: number;
  textContent: string | null;
  childNodes: ArrayLike<El>;
  parentNode: El | null;
  nextElementSibling: El | null;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<El>;
  querySelector(selector: string): El | null;
  remove(): void;
}
interface Doc extends El {
  body: El | null;
  documentElement: El;
}

// linkedom and Readability load on the first HTML page (~0.4 s of start-up a folder of text files
// never needs; ADR 011). Both are CommonJS builds of the same code.
const require = createRequire(import.meta.url);
let parseHTML: typeof ParseHTML | undefined;
let Readability: typeof ReadabilityClass | undefined;

function parseDocument(html: string): Doc {
  parseHTML ??= (require('linkedom') as { parseHTML: typeof ParseHTML }).parseHTML;
  const wrapped = /<html[\s>]/i.test(html) ? html : `<!DOCTYPE html><html><head></head><body>${html}</body></html>`;
  return parseHTML(wrapped).document as unknown as Doc;
}

const DROP_TAGS = 'script, style, noscript, template, svg, iframe, object, embed, canvas, nav, aside, footer, form, button, select, input, textarea, figcaption, dialog';
const DROP_ROLES = '[role="navigation"], [role="complementary"], [role="contentinfo"], [role="banner"], [role="dialog"], [aria-hidden="true"], [hidden]';
// Class/id words that mark page furniture.
const BOILERPLATE_TOKENS = new Set([
  'share', 'sharing', 'sharebar', 'social', 'related', 'recommended', 'newsletter', 'subscribe', 'subscription',
  'signup', 'advert', 'advertisement', 'ad', 'ads', 'adslot', 'promo', 'sponsored', 'outbrain', 'taboola',
  'comments', 'comment', 'breadcrumb', 'breadcrumbs', 'cookie', 'cookies', 'consent', 'popup', 'modal',
  'caption', 'byline-share', 'toolbar', 'paywall', 'nav', 'navbar', 'menu', 'footer', 'sidebar', 'widget',
]);
const RELATED_HEADING = /^(related( articles| stories| content| news)?|more (stories|news|on this( story)?)|read more|recommended( for you)?|you may also like|most (read|popular)|trending( now)?|advertisement)\s*:?$/i;

function hasBoilerplateMarker(el: El): boolean {
  const marker = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`.toLowerCase();
  if (marker.trim() === '') return false;
  return marker.split(/[\s_-]+/).some((t) => BOILERPLATE_TOKENS.has(t));
}

/** Removes navigation, share bars, related links, ads, newsletter boxes and captions in place. */
function stripBoilerplate(root: El): void {
  for (const el of Array.from(root.querySelectorAll(`${DROP_TAGS}, ${DROP_ROLES}`))) el.remove();
  for (const el of Array.from(root.querySelectorAll('[class], [id]'))) {
    const tag = el.tagName.toLowerCase();
    if (tag === 'body' || tag === 'html' || tag === 'article' || tag === 'main') continue;
    if (hasBoilerplateMarker(el)) el.remove();
  }
  // A "Related Articles" heading takes the list that follows it along.
  for (const el of Array.from(root.querySelectorAll('h2, h3, h4, h5, h6, p, strong, span, div'))) {
    const text = (el.textContent ?? '').trim();
    if (text.length > 40 || !RELATED_HEADING.test(text)) continue;
    const next = el.nextElementSibling;
    if (next && /^(ul|ol|div|section)$/i.test(next.tagName) && next.querySelectorAll('a').length > 0) next.remove();
    el.remove();
  }
}

const BLOCK_TAGS = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li',
  'blockquote', 'pre', 'table', 'tr', 'td', 'th', 'dl', 'dt', 'dd', 'figure', 'hr', 'address', 'details', 'summary',
]);
const SKIP_TAGS = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'figcaption', 'button', 'nav', 'aside', 'footer', 'form']);

/** Text of a DOM subtree with block elements as paragraphs. */
function nodeText(root: El): string {
  const out: string[] = [];
  const walk = (node: El): void => {
    if (node.nodeType === 3) {
      out.push((node.textContent ?? '').replace(/\s+/g, ' '));
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
    const tag = (node.tagName ?? '').toLowerCase();
    if (SKIP_TAGS.has(tag)) return;
    if (tag === 'br') {
      out.push('\n');
      return;
    }
    const block = BLOCK_TAGS.has(tag);
    if (block) out.push('\n\n');
    for (const child of Array.from(node.childNodes)) walk(child);
    if (block) out.push('\n\n');
  };
  walk(root);
  return out
    .join('')
    .split(/\n{2,}/)
    .map((p) => p.split('\n').map((l) => l.trim()).filter(Boolean).join('\n'))
    .filter((p) => p !== '')
    .join('\n\n');
}

/** Converts an HTML fragment (feed content, a description) to clean paragraphs. */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return cleanText(html);
  if (/</.test(html)) {
    const scan = scanHtml(html, HTML_LIMITS);
    if (scan.over) return cleanText(scan.text);
  }
  const doc = parseDocument(html);
  const body = doc.body ?? doc.documentElement;
  stripBoilerplate(body);
  return cleanText(nodeText(body));
}

/** One line of text from an HTML fragment (titles): tags dropped, entities decoded, no boilerplate filter. */
export function htmlInlineText(html: string): string {
  if (!/[<&]/.test(html)) return html.replace(/\s+/g, ' ').trim();
  if (/</.test(html)) {
    const scan = scanHtml(html, HTML_LIMITS);
    if (scan.over) return scan.text.replace(/\s+/g, ' ').trim();
  }
  const doc = parseDocument(html);
  return (doc.body?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function metaContent(doc: Doc, selectors: string[]): string | undefined {
  for (const s of selectors) {
    const v = doc.querySelector(s)?.getAttribute('content')?.trim();
    if (v) return v;
  }
  return undefined;
}

function absolute(href: string | undefined, base: string | undefined): string | undefined {
  if (!href) return undefined;
  try {
    const u = base ? new URL(href, base) : new URL(href);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A canonical URL (rel=canonical, og:url) only when it is on the host the page came from ("www."
 * aside): any page can name any other site's article as its canonical, and the URL is the dedupe
 * key, so trusting it would store this page under that site's URL and drop the real article.
 */
function sameHost(canonical: string | undefined, pageUrl: string | undefined): string | undefined {
  if (!canonical || !pageUrl) return undefined;
  try {
    const host = (u: string): string => new URL(u).hostname.toLowerCase().replace(/^www\./, '');
    return host(canonical) === host(pageUrl) ? canonical : undefined;
  } catch {
    return undefined;
  }
}

/** JSON-LD objects in the page, flattened (@graph and arrays). */
function jsonLdObjects(doc: Doc): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      found.push(v as Record<string, unknown>);
      const graph = (v as Record<string, unknown>)['@graph'];
      if (graph) visit(graph);
    }
  };
  for (const s of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      visit(JSON.parse(s.textContent ?? ''));
    } catch {
      // Broken JSON-LD is common; ignore it.
    }
  }
  return found;
}

function nameOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return nameOf(v[0]);
  if (v && typeof v === 'object' && typeof (v as { name?: unknown }).name === 'string') return (v as { name: string }).name;
  return undefined;
}

/** Reads title, outlet, canonical URL, date, author and language from the page head. */
export function readMetadata(doc: Doc, pageUrl?: string): PageMetadata {
  const meta: PageMetadata = {};
  const ld = jsonLdObjects(doc);
  const ldArticle = ld.find((o) => typeof o.datePublished === 'string' || /Article|Posting/.test(String(o['@type'] ?? '')));

  meta.title =
    metaContent(doc, ['meta[property="og:title"]', 'meta[name="twitter:title"]']) ??
    (typeof ldArticle?.headline === 'string' ? ldArticle.headline : undefined) ??
    (doc.querySelector('title')?.textContent?.trim() || undefined) ??
    (doc.querySelector('h1')?.textContent?.trim() || undefined);

  meta.outlet =
    metaContent(doc, ['meta[property="og:site_name"]', 'meta[name="application-name"]', 'meta[name="publisher"]']) ??
    nameOf(ldArticle?.publisher);

  const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? metaContent(doc, ['meta[property="og:url"]']);
  meta.canonicalUrl = sameHost(absolute(canonical ?? undefined, pageUrl), pageUrl);

  const timeEl = doc.querySelector('article time[datetime]') ?? doc.querySelector('time[datetime]');
  meta.publishedAt =
    toIsoDate(metaContent(doc, ['meta[property="article:published_time"]', 'meta[name="article:published_time"]'])) ??
    toIsoDate(typeof ldArticle?.datePublished === 'string' ? ldArticle.datePublished : undefined) ??
    toIsoDate(
      metaContent(doc, [
        'meta[itemprop="datePublished"]', 'meta[name="date"]', 'meta[name="pubdate"]', 'meta[name="publishdate"]',
        'meta[name="publish-date"]', 'meta[name="dc.date"]', 'meta[name="DC.date"]', 'meta[name="DC.date.issued"]',
        'meta[name="dcterms.date"]', 'meta[name="sailthru.date"]', 'meta[name="parsely-pub-date"]', 'meta[property="og:published_time"]',
      ]),
    ) ??
    toIsoDate(timeEl?.getAttribute('datetime') ?? undefined);

  if (meta.title && meta.outlet) {
    // "Headline | Outlet" -> "Headline"
    const suffix = new RegExp(`\\s+[|\\-–—:·]\\s+${meta.outlet.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`, 'i');
    meta.title = meta.title.replace(suffix, '') || meta.title;
  }
  meta.author = metaContent(doc, ['meta[name="author"]', 'meta[property="article:author"]']) ?? nameOf(ldArticle?.author);
  meta.lang = doc.documentElement.getAttribute('lang')?.trim() || undefined;
  for (const k of Object.keys(meta) as (keyof PageMetadata)[]) if (meta[k] === undefined) delete meta[k];
  return meta;
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** Extracts the readable article and its metadata; throws ExtractError when there is no article text. */
export function extractArticle(html: string, pageUrl?: string): ExtractedArticle {
  const scan = scanHtml(html, HTML_LIMITS);
  if (scan.over) {
    // No DOM for this page: its plain text, in one linear pass, and the reason.
    const text = cleanText(scan.text);
    if (wordCount(text) < MIN_ARTICLE_WORDS) throw new ExtractError(`no article text found (page ${scan.over}, read as plain text)`);
    return { ...(scan.title ? { title: scan.title } : {}), text, limited: scan.over };
  }
  const doc = parseDocument(html);
  const meta = readMetadata(doc, pageUrl);
  stripBoilerplate(doc.documentElement);

  let text = '';
  let readableTitle: string | undefined;
  try {
    Readability ??= (require('@mozilla/readability') as { Readability: typeof ReadabilityClass }).Readability;
    const parsed = new Readability(doc as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 200 }).parse();
    if (parsed?.content) {
      text = cleanText(nodeText(parseDocument(parsed.content).body as El));
      readableTitle = parsed.title?.trim() || undefined;
      if (!meta.outlet && parsed.siteName) meta.outlet = parsed.siteName;
    }
  } catch {
    // Readability gives up on odd documents; fall back to the body text below.
  }
  if (wordCount(text) < MIN_ARTICLE_WORDS) {
    // Readability can drop short articles; the stripped body is the next best thing.
    const fallbackDoc = parseDocument(html);
    stripBoilerplate(fallbackDoc.documentElement);
    const body = fallbackDoc.body;
    const bodyText = body ? cleanText(nodeText(body)) : '';
    if (wordCount(bodyText) > wordCount(text)) text = bodyText;
  }
  if (wordCount(text) < MIN_ARTICLE_WORDS) throw new ExtractError('no article text found');
  if (!meta.title && readableTitle) meta.title = readableTitle;
  return { ...meta, text };
}
