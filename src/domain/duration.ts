// "30m", "24h", "7d", "2w" -> milliseconds. Hand-written: four units do not need a dependency.
const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

export function parseDuration(text: string): number | undefined {
  const m = /^(\d{1,6})\s*(m|min|h|d|w)$/i.exec(text.trim());
  if (!m) return undefined;
  const unit = m[2]!.toLowerCase().charAt(0);
  const ms = Number(m[1]) * UNIT_MS[unit]!;
  return ms > 0 ? ms : undefined;
}

/** ISO timestamp `duration` before `now`. */
export function sinceIso(duration: string, now: Date = new Date()): string {
  const ms = parseDuration(duration);
  if (ms === undefined) throw new RangeError(`not a duration: "${duration}" (expected e.g. 30m, 24h, 7d)`);
  return new Date(now.getTime() - ms).toISOString();
}
