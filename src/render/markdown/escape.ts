// Markdown escaping, in one place: what any Markdown renderer needs to show untrusted text and URLs (articles, feeds, pages are
// data): a URL shown can never break out of its link or turn into a mention, only http(s) is ever a
// link, and mention tokens of the chat platforms are defused wherever they appear.
import { httpHref, percentEncode as pct } from '../url.js';

/** Longest URL rendered as a link; a longer one is shown, shortened, as text. */
export const MAX_LINK_CHARS = 2048;
/** Longest non-link URL (file:, urn:, anything else) shown. */
const MAX_SHOWN_CHARS = 200;

/**
 * Defuses the mention tokens of Discord and Slack: @everyone, @here, @channel, <@123>, <@!123>,
 * <@&123>, <#123>, <!here>, <!channel>, <!subteam^ID>. A zero-width space keeps them readable.
 */
export function neutralizeMentions(text: string): string {
  return text.replace(/@(everyone|here|channel)\b/gi, '@\u200b$1').replace(/<(\\?)([@#!])/g, '<$1\u200b$2');
}

/**
 * A URL as Markdown: an http(s) URL becomes an autolink `<...>` in which every character that could
 * end the link or start markup (`<`, `>`, `(`, `)`, `[`, `]`, quotes, backslash, `|`, whitespace,
 * control characters) is percent-encoded, credentials are dropped and "@everyone"-like tokens
 * encoded. Anything else (file:, urn:, javascript:, data:, a URL that does not parse) is shown as a
 * code span, never as a link.
 */
export function markdownUrl(url: string): string {
  const href = httpHref(url, /[\u0000-\u0020\u007f-\u009f<>()[\]"'`\\|{}^\u2028\u2029\u200b-\u200f\ufeff]/g, MAX_LINK_CHARS, (path) =>
    path.replace(/@(?=everyone|here|channel)/gi, '%40'),
  );
  return href ? `<${href}>` : codeSpan(url);
}

function codeSpan(url: string): string {
  let shown = url.replace(/[\u0000-\u0020\u007f-\u009f`<>\u2028\u2029]/g, pct);
  if (shown.length > MAX_SHOWN_CHARS) shown = `${shown.slice(0, MAX_SHOWN_CHARS)}…`;
  return `\`${neutralizeMentions(shown)}\``;
}

/** Article text is data: kept from turning into links, headings or mentions in Markdown. */
export function inline(text: string): string {
  return neutralizeMentions(text.replace(/\s+/g, ' ').replace(/([\\`*_[\]<>|#])/g, '\\$1')).trim();
}
