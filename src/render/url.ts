// The one place a URL becomes a link target, for every renderer: http(s) only, credentials
// dropped, and every character the platform's link syntax could end on percent-encoded. Each
// platform says which characters those are and what its markup needs after that.

/** A character as its UTF-8 percent-encoding. */
export const percentEncode = (c: string): string =>
  Array.from(new TextEncoder().encode(c), (b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');

/**
 * `url` as a link target, or undefined when it cannot be one (not http(s), unparsable, or longer
 * than `max` once encoded). `unsafe` (a global pattern) matches the characters to percent-encode
 * in everything after the origin; `finish` applies the platform's own escaping to that part.
 */
export function httpHref(url: string, unsafe: RegExp, max: number, finish: (path: string) => string = (p) => p): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  parsed.username = '';
  parsed.password = '';
  const href = parsed.origin + finish(parsed.href.slice(parsed.origin.length).replace(unsafe, percentEncode));
  return href.length <= max ? href : undefined;
}
