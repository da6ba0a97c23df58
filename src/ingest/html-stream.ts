// A linear pass over HTML with htmlparser2's tokenizer: measures the page's shape (nesting depth,
// elements, attributes) and keeps its plain text, with no DOM and no recursion. html.ts runs it
// before building a DOM: the DOM and Readability cost grows with depth x elements (a 55 KB page of
// 5,000 nested <div>s took minutes, 10,000 overflowed the stack), this pass costs one read.
import { createRequire } from 'node:module';
import type { Parser as ParserClass } from 'htmlparser2';

// Loaded on the first HTML page (start-up a folder of text files never needs; ADR 011).
let Parser: typeof ParserClass | undefined;

export interface HtmlLimits {
  /** Deepest element nesting a DOM is built for. */
  maxDepth: number;
  maxElements: number;
  maxAttributes: number;
}

export interface HtmlScan {
  depth: number;
  elements: number;
  attributes: number;
  /** Why the page is over a limit, e.g. "nested 5000 elements deep (limit 100)"; undefined when within. */
  over?: string;
  /** Plain text, block elements as paragraphs (what a DOM-free extractor can give). */
  text: string;
  /** The first <title>'s text. */
  title?: string;
}

const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li',
  'blockquote', 'pre', 'table', 'tr', 'td', 'th', 'dl', 'dt', 'dd', 'figure', 'hr', 'address', 'details',
  'summary', 'br', 'body',
]);
/** Their text is not article text. */
const SKIP = new Set([
  'head', 'script', 'style', 'noscript', 'template', 'svg', 'iframe', 'object', 'embed', 'canvas', 'nav',
  'aside', 'footer', 'form', 'button', 'select', 'textarea', 'figcaption', 'dialog',
]);

/** One pass, linear in the input: counts and plain text. Never throws on malformed HTML. */
export function scanHtml(html: string, limits: HtmlLimits): HtmlScan {
  let depth = 0;
  let maxDepth = 0;
  let elements = 0;
  let attributes = 0;
  let skipping = 0; // depth inside SKIP elements
  const out: string[] = [];
  let inTitle = false;
  let title: string | undefined;
  Parser ??= (createRequire(import.meta.url)('htmlparser2') as { Parser: typeof ParserClass }).Parser;
  const parser = new Parser(
    {
      onopentagname(name) {
        elements++;
        depth++;
        if (depth > maxDepth) maxDepth = depth;
        if (name === 'title' && title === undefined) {
          inTitle = true;
          title = '';
        }
        if (skipping > 0 || SKIP.has(name)) skipping++;
        else if (BLOCK.has(name)) out.push('\n\n');
      },
      onattribute() {
        attributes++;
      },
      onclosetag(name) {
        if (name === 'title') inTitle = false;
        depth = Math.max(0, depth - 1);
        if (skipping > 0) skipping--;
        else if (BLOCK.has(name)) out.push('\n\n');
      },
      ontext(text) {
        if (inTitle && title !== undefined && title.length < 10_000) title += text;
        if (skipping === 0) out.push(text.replace(/\s+/g, ' '));
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  let over: string | undefined;
  if (maxDepth > limits.maxDepth) over = `nested ${maxDepth} elements deep (limit ${limits.maxDepth})`;
  else if (elements > limits.maxElements) over = `${elements} elements (limit ${limits.maxElements})`;
  else if (attributes > limits.maxAttributes) over = `${attributes} attributes (limit ${limits.maxAttributes})`;
  const text = out
    .join('')
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .join('\n\n');
  const cleanTitle = title?.replace(/\s+/g, ' ').trim();
  return { depth: maxDepth, elements, attributes, ...(over ? { over } : {}), text, ...(cleanTitle ? { title: cleanTitle } : {}) };
}
