// Discord escaping: article text is data. It reuses the Markdown escaping (links, headings,
// mention tokens defused) and adds what Discord's Markdown has beyond it: ~~strike~~, ||spoilers||
// (already escaped as `|`), `-#` subtext and `>` quotes at a line start. Links are masked links
// `[text](href)` whose href is http(s) only, percent-encoded so it cannot end early.
import { inline, neutralizeMentions } from '../markdown/escape.js';
import { httpHref } from '../url.js';

export { neutralizeMentions };

/** Text from an article or a feed, safe in a Discord message or embed. */
export function discordText(text: string): string {
  return inline(text).replace(/~/g, '\\~').replace(/^-#/, '\\-#');
}

/** Longest URL kept as a link. */
export const MAX_HREF_CHARS = 1024;

/** An http(s) URL safe inside `(...)` of a masked link; undefined for anything else or too long. */
export function safeHref(url: string): string | undefined {
  return httpHref(url, /[\u0000-\u0020\u007f-\u009f<>()[\]"'`\\|{}^\u2028\u2029\u200b-\u200f\ufeff]/g, MAX_HREF_CHARS, (path) => path.replace(/@/g, '%40'));
}

/** A masked link, or the escaped text alone when the URL cannot be a link. */
export function maskedLink(text: string, url: string): string {
  const href = safeHref(url);
  const shown = discordText(text) || 'link';
  return href ? `[${shown}](${href})` : shown;
}

/**
 * Cuts text to at most `max` characters at the last sentence end that keeps over half of it, else
 * at the last space, and appends `pointer`; never mid-word unless a single word is longer than
 * the whole budget (then cut between characters, never inside a surrogate pair or after a lone
 * escaping backslash).
 */
export function cutText(text: string, max: number, pointer = '…'): string {
  if (text.length <= max) return text;
  const budget = Math.max(1, max - pointer.length - 1);
  const head = text.slice(0, budget + 1);
  const sentence = Math.max(head.lastIndexOf('. '), head.lastIndexOf('! '), head.lastIndexOf('? '));
  let cut: string;
  if (sentence > budget / 2) cut = head.slice(0, sentence + 1);
  else {
    const space = head.lastIndexOf(' ');
    if (space > 0) cut = head.slice(0, space);
    else {
      cut = head.slice(0, budget);
      if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
    }
  }
  // An odd run of trailing backslashes would escape what follows.
  const slashes = /\\+$/.exec(cut)?.[0].length ?? 0;
  if (slashes % 2 === 1) cut = cut.slice(0, -1);
  return `${cut.trimEnd()} ${pointer}`;
}
