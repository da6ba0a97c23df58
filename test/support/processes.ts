// newsbrief processes as a user runs them (bin/newsbrief.js, compiled by the global setup), for the
// tests of several processes at once: their output kept, their exit awaited.
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin', 'newsbrief.js');

export interface Proc {
  child: ChildProcess;
  name: string;
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited(): Promise<number | null>;
}

export function spawnNewsbrief(name: string, args: string[], env: Record<string, string>, cwd: string): Proc {
  let out = '';
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { PATH: process.env.PATH ?? '', ...env } });
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const exit = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, name, output: () => out, exited: () => exit };
}

export async function until(check: () => boolean | Promise<boolean>, ms: number, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** SIGTERM, then the exit code and how long it took. */
export async function terminate(p: Proc): Promise<{ code: number | null; ms: number }> {
  const t0 = Date.now();
  if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGTERM');
  const code = await p.exited();
  return { code, ms: Date.now() - t0 };
}
