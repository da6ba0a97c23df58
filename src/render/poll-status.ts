// One source's poll state as `sources list` shows it, in words, on every surface: "ok, next in 12
// min", "failing 3× (HTTP 503), backing off until 10:42". Plain text: each renderer escapes it (the
// last error is what a remote server said).
import type { SourcePoll } from '../store/source-polls.js';
import type { ChannelSource } from '../domain/channels.js';
import { durationText } from '../domain/duration.js';

/** "added 2026-06-12", and ", every 30m" when the channel gave the source its own interval. Our own text: no escaping needed. */
export function sourceNote(s: ChannelSource): string {
  return `added ${s.addedAt.slice(0, 10)}${s.everyMs !== undefined ? `, every ${durationText(s.everyMs)}` : ''}`;
}

function inMinutes(ms: number): string {
  const min = Math.max(1, Math.ceil(ms / 60_000));
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
}

const formats = new Map<string, { day: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>();

/** "10:42" on the same local day as now, else "Dec 3, 10:42", in the channel's time zone. */
export function clockTime(iso: string, now: Date, timeZone: string): string {
  let f = formats.get(timeZone);
  if (!f) {
    f = {
      day: new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }),
      time: new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
    };
    formats.set(timeZone, f);
  }
  const t = new Date(iso);
  const time = f.time.format(t);
  if (f.day.format(t) === f.day.format(now)) return time;
  return `${t.toLocaleDateString('en-US', { timeZone, month: 'short', day: 'numeric' })}, ${time}`;
}

export function pollStatusText(poll: SourcePoll | undefined, now: Date, timeZone = 'UTC'): string {
  if (!poll) return 'not polled yet';
  const wait = Date.parse(poll.nextDueAt) - now.getTime();
  if (poll.failures > 0) {
    const lastOk = poll.lastSuccessAt ? `; last ok ${clockTime(poll.lastSuccessAt, now, timeZone)}` : '';
    const when = wait > 0 ? `backing off until ${clockTime(poll.nextDueAt, now, timeZone)}` : 'retry due now';
    return `failing ${poll.failures}× (${poll.lastError ?? 'error'}), ${when}${lastOk}`;
  }
  // Claimed, and neither succeeded nor failed yet: its first poll is running.
  if (!poll.lastSuccessAt && poll.lastPolledAt) return 'first poll running';
  if (!poll.lastSuccessAt) return wait > 0 ? `first poll in ${inMinutes(wait)}` : 'first poll due now';
  return wait > 0 ? `ok, next in ${inMinutes(wait)}` : 'ok, due now';
}
