// The CLI is generated from the registry: every command is there, each field of its zod args an
// argument or an option, and the help says how to type it.
import { describe, expect, it } from 'vitest';
import { fields, flagName } from '../../src/commands/args.js';
import { commands } from '../../src/commands/registry.js';
import { buildProgram, runCli } from '../../src/cli/main.js';
import { Sink } from '../support/io.js';

describe('the CLI from the registry', () => {
  it('exposes every registry command with its arguments and options', async () => {
    const { program, close } = buildProgram({ env: {}, stdout: new Sink(), stderr: new Sink() });
    try {
      // `help` is commander's own on the CLI (the registry's `help` serves chat and the console).
      expect(program.commands.find((c) => c.name() === 'help')).toBeUndefined();
      for (const def of commands.filter((d) => d.name !== 'help')) {
        const cmd = program.commands.find((c) => c.name() === def.name);
        expect(cmd, def.name).toBeDefined();
        expect(cmd!.description()).toBe(def.description);
        const positional = def.positional ?? [];
        expect(cmd!.registeredArguments.map((a) => a.name())).toEqual(positional.map((k) => fields(def.args).find((f) => f.key === k)!.meta.label ?? k));
        const flags = cmd!.options.map((o) => o.long);
        for (const f of fields(def.args)) if (!positional.includes(f.key)) expect(flags, `${def.name} ${f.key}`).toContain(flagName(f.key));
      }
      // CLI-only commands, and the console twin.
      for (const name of ['ingest', 'summarize', 'chat']) expect(program.commands.some((c) => c.name() === name)).toBe(true);
    } finally {
      await close();
    }
  });

  it('prints help for every command (exit 0), with defaults from the zod schema', async () => {
    for (const def of commands.filter((d) => d.name !== 'help')) {
      const stdout = new Sink();
      expect(await runCli([def.name, '--help'], { env: {}, stdout, stderr: new Sink() })).toBe(0);
      expect(stdout.text).toContain(`Usage: newsbrief ${def.name}`);
    }
    const stdout = new Sink();
    await runCli(['stories', '--help'], { env: {}, stdout, stderr: new Sink() });
    expect(stdout.text).toMatch(/--limit <n>\s+at most n stories \(default: 50\)/);
  });
});

describe('services opened on first use', () => {
  it('brief URL opens no database (and creates none); a read command refuses a missing one after its arguments', async () => {
    const { mkdtempSync, existsSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'newsbrief-lazy-'));
    try {
      const db = join(dir, 'sub', 'none.db');
      const stderr = new Sink();
      expect(await runCli(['--db', db, 'brief', 'http://169.254.169.254/latest/'], { env: {}, stdout: new Sink(), stderr })).toBe(1);
      expect(stderr.text).toMatch(/^newsbrief: http:\/\/169\.254\.169\.254\/latest\/: blocked/);
      const bad = new Sink();
      expect(await runCli(['--db', db, 'stories', '--limit', '0'], { env: {}, stdout: new Sink(), stderr: bad })).toBe(2);
      expect(bad.text).toBe('newsbrief: --limit must be a positive integer, got "0"\n');
      const missing = new Sink();
      expect(await runCli(['--db', db, 'timeline'], { env: {}, stdout: new Sink(), stderr: missing })).toBe(1);
      expect(missing.text).toBe(`newsbrief: no such database: ${db}\n`);
      expect(existsSync(join(dir, 'sub'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
