// A CLI on a store of its own, as a user runs it: `runCli` with NEWSBRIEF_DB set to a file in a
// fresh temporary folder, each call's exit status checked (0, else its standard error shown).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { Sink } from './io.js';

export interface CliStore {
  /** Runs the CLI on the store; returns standard output, expecting exit status 0. */
  cli(args: string[]): Promise<string>;
  /** The store's file. */
  readonly db: string;
  /** Removes the folder and the store. */
  remove(): void;
}

export function cliStore(name: string): CliStore {
  const dir = mkdtempSync(join(tmpdir(), `newsbrief-${name}-`));
  const db = join(dir, `${name}.db`);
  return {
    db,
    async cli(args) {
      const stdout = new Sink();
      const stderr = new Sink();
      const code = await runCli(args, { env: { NEWSBRIEF_DB: db }, stdout, stderr });
      expect(code, stderr.text).toBe(0);
      return stdout.text;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
