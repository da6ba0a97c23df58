// "45s", "30m", "24h", "7d", "2w" -> milliseconds. Hand-written: five units do not need a dependency.
const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** The longest window: 100 years ("999999w" is 19,000 years, before any date an ISO string can hold). */
export const MAX_DURATION_MS = 100 * 365.25 * 86_400_000;

/** The shortest poll interval of a source (NEWSBRIEF_POLL_INTERVAL, `sources add URL every 30m`): feeds are other people's servers. */
export const MIN_POLL_INTERVAL_MS = 5 * 60_000;
/** The longest poll interval a channel may ask for one of its sources. */
export const MAX_POLL_INTERVAL_MS = 7 * 86_400_000;

/** Milliseconds as the shortest duration text that says them exactly: 30m, 2h, 1d, 2w, 90m. */
export function durationText(ms: number): string {
  for (const unit of ['w', 'd', 'h'] as const) if (ms % UNIT_MS[unit]! === 0) return `${ms / UNIT_MS[unit]!}${unit}`;
  return `${Math.round(ms / UNIT_MS.m!)}m`;
}

/** Milliseconds, or undefined for anything else, zero, or over 100 years. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d{1,6})\s*(s|sec|m|min|h|d|w)$/i.exec(text.trim());
  if (!m) return undefined;
  const unit = m[2]!.toLowerCase().charAt(0);
  const ms = Number(m[1]) * UNIT_MS[unit]!;
  return ms > 0 && ms <= MAX_DURATION_MS ? ms : undefined;
}

/** ISO timestamp `duration` before `now`. */
export function sinceIso(duration: string, now: Date = new Date()): string {
  const ms = parseDuration(duration);
  if (ms === undefined) throw new RangeError(`not a duration: "${duration}" (expected e.g. 30m, 24h, 7d)`);
  return new Date(now.getTime() - ms).toISOString();
}
