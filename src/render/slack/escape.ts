// Slack escaping, in one place. Slack's mrkdwn has three control characters, `&`, `<` and `>`:
// every piece of text that came from an article, a feed, a model or a user goes through
// `slackText`, so `<!channel>`, `<!here>`, `<@U123>` or `<http://evil.example|click>` arrive as
// text and can neither ping anyone nor make a link. Links are made only by `slackLink`, from an
// http(s) URL we percent-encode. The formatting characters (`*`, `_`, `~`, a backquote) have no
// escape in mrkdwn; a zero-width space on each side keeps them from pairing into bold, italics,
// strike or code (best effort: Slack documents no escape for them; nothing depends on it for safety).

import { httpHref } from '../url.js';

const ZWSP = '\u200b';

/** `&`, `<`, `>` as Slack wants them (the only three characters Slack parses markup from). */
export function escapeControl(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Text Slack sent us (a slash command's text, a message): its `&amp;`, `&lt;`, `&gt;` read back. */
export function slackUnescape(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** One line of untrusted text for a header (plain_text): controls escaped, whitespace collapsed. */
export function slackPlain(text: string): string {
  return escapeControl(oneLine(text));
}

/**
 * One line of untrusted text for mrkdwn: whitespace collapsed (an article's newline cannot start a
 * quote or a list), `&`, `<`, `>` escaped, the words Slack would read as mentions when a text is
 * not verbatim (`@channel`, `@here`, `@everyone`) broken by a zero-width space, and the mrkdwn
 * formatting characters fenced.
 */
export function slackText(text: string): string {
  let t = escapeControl(oneLine(text))
    .replace(/@(everyone|here|channel)\b/gi, `@${ZWSP}$1`)
    .replace(/[*_~`]/g, (c) => `${ZWSP}${c}${ZWSP}`);
  // "&gt;" at the start of a line is a block quote.
  if (t.startsWith('&gt;')) t = ZWSP + t;
  return t;
}

function oneLine(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Longest URL made a link; a longer one is shown as text. */
export const MAX_LINK_CHARS = 2048;

/**
 * `<url|title>` for an http(s) URL: credentials dropped, every character that could end the link
 * (`<`, `>`, `|`, whitespace, controls) percent-encoded, `&` escaped; the title goes through
 * slackText, a `|` in it shown as `¦`. Any other URL (file:, javascript:, one that does not parse) is never a link:
 * the title is shown with the URL as text after it.
 */
export function slackLink(url: string, title: string): string {
  const label = slackText(title) || slackText(url.slice(0, 80));
  const href = linkHref(url);
  // A "|" in a label would read as a second separator: shown as a broken bar.
  if (href) return `<${href}|${label.replace(/\|/g, '\u00a6')}>`;
  return `${label} (${slackText(url.length > 200 ? `${url.slice(0, 200)}…` : url)})`;
}

function linkHref(url: string): string | undefined {
  return httpHref(url, /[\u0000-\u0020\u007f-\u009f<>|"`\\{}^\u2028\u2029\u200b-\u200f\ufeff]/g, MAX_LINK_CHARS, (path) => path.replace(/&/g, '&amp;'));
}

/**
 * The first `max` characters of escaped mrkdwn or plain text, cut at a word boundary where there is
 * one (never inside an `&amp;` entity nor inside a `<...>` link), with "…".
 */
export function cutEscaped(text: string, max: number): string {
  if (text.length <= max) return text;
  const at = cutPoint(text, max - 1, false);
  return `${text.slice(0, at).trimEnd()}…`;
}

/**
 * Where to cut escaped text so the first part is at most `max` characters: after a sentence end
 * when `sentences` and there is one in the second half, else at the last space, else (a word
 * longer than the limit) at `max`; never inside an entity or a link.
 */
export function cutPoint(text: string, max: number, sentences: boolean): number {
  if (text.length <= max) return text.length;
  const safe = (i: number): boolean => {
    // Inside "<...>" (a link) or "&...;" (an entity)?
    const lt = text.lastIndexOf('<', i - 1);
    if (lt >= 0 && text.indexOf('>', lt) >= i) return false;
    const amp = text.lastIndexOf('&', i - 1);
    if (amp >= 0 && i - amp <= 5 && /^&(amp|lt|gt);/.test(text.slice(amp)) && amp + text.slice(amp).indexOf(';') >= i) return false;
    return true;
  };
  if (sentences) {
    for (let i = max; i > max / 2; i--) if (/[.!?…]["'\u201d\u2019)]?\s$/.test(text.slice(Math.max(0, i - 3), i)) && safe(i)) return i;
  }
  for (let i = max; i > max / 3; i--) if (text[i - 1] === ' ' && safe(i)) return i;
  for (let i = max; i > 0; i--) if (safe(i) && !/[\u200b]/.test(text[i - 1]!) && !isLowSurrogate(text.charCodeAt(i))) return i;
  return max;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
