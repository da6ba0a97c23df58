// The benches' command-line options and the load line they print: one copy for every bench script.
import { loadavg } from 'node:os';

/** `--name N`: a whole number of at least 1, else the fallback. */
export function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v >= 1 ? Math.floor(v) : fallback;
}

/** `--name TEXT`, else the fallback. */
export function textOption(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

/** The machine's load averages, for the figures' context. */
export const load = (): string =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
