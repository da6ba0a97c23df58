// When each source is polled (ADR 018): pure functions of the source, the interval, its failures in
// a row and the time; no store, no clock of its own. A source is keyed by its normalized URL, so a
// feed followed by many channels and the global list is one source, fetched once per interval.
import { canonicalUrl, fileUrl } from './normalize.js';
import { mix32 } from '../cluster/minhash.js';

/** A failing source waits at most this long between tries. */
export const MAX_BACKOFF_MS = 6 * 3_600_000;
/** Each wait is moved by up to this share of itself, either way, so sources spread over time. */
export const JITTER_SHARE = 0.1;

/**
 * The key of a source as given (NEWSBRIEF_SOURCES, `sources add`): an http(s) URL normalized as
 * article URLs are (no fragment, no tracking parameters, sorted query); a path as its absolute
 * file:// URL. Undefined for what cannot be polled (stdin, "-").
 */
export function sourceKey(input: string): string | undefined {
  const s = input.trim();
  if (s === '' || s === '-') return undefined;
  if (/^https?:\/\//i.test(s)) return canonicalUrl(s);
  if (/^file:\/\//i.test(s)) return new URL(s).href;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) return undefined;
  return fileUrl(s);
}

/** The wait after a poll: the interval after a success, interval × 2^(failures-1) after failures, capped. */
export function backoffMs(intervalMs: number, failures: number): number {
  if (failures <= 0) return intervalMs;
  // Capped before it can overflow: 2^40 intervals is far past any cap.
  return Math.min(intervalMs * 2 ** Math.min(failures - 1, 40), Math.max(MAX_BACKOFF_MS, intervalMs));
}

/**
 * FNV-1a and MurmurHash3's finalizer: a stable hash, so a source's jitter is the same in every
 * process. Without the finalizer, slots that differ in their last digit hash to nearby values and
 * one source's jitter barely moves from slot to slot.
 */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/**
 * A shift of the wait within ±JITTER_SHARE of it, fixed for a source and a slot (the interval-long
 * stretch of time the poll falls in): deterministic, yet different for each source and each slot.
 */
export function jitterMs(url: string, at: Date, waitMs: number, intervalMs: number): number {
  const slot = Math.floor(at.getTime() / intervalMs);
  const unit = hash32(`${url}\n${slot}`) / 0x1_0000_0000; // [0, 1)
  return Math.round((unit * 2 - 1) * JITTER_SHARE * waitMs);
}

/** When a source polled at `at` is next due, given its failures in a row after that poll. */
export function nextPollAt(url: string, at: Date, intervalMs: number, failures: number): Date {
  const wait = backoffMs(intervalMs, failures);
  return new Date(at.getTime() + wait + jitterMs(url, at, wait, intervalMs));
}

/**
 * An error as `sources list` shows it: one short line, without the source's own URL (the list names
 * it) and with any other URL cut to its scheme and host (a query string may hold a key).
 */
export function shortPollError(url: string, message: string, maxChars = 160): string {
  let line = message.replace(/\s+/g, ' ').trim();
  if (line.startsWith(`${url}: `)) line = line.slice(url.length + 2);
  // A comma or full stop after the URL ends the sentence, not the URL.
  line = line.replace(/\b([a-z][a-z0-9+.-]*):\/\/(?:[^\s/?#@)]*@)?([^\s/?#),]*)[^\s)]*?([,.;:]?)(?=\s|\)|$)/gi, (_m, scheme: string, host: string, end: string) => `${scheme}://${host}/…${end}`);
  return (line.length > maxChars ? `${line.slice(0, maxChars - 1)}…` : line) || 'failed';
}
