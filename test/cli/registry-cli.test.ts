// The CLI is generated from the registry: every command is there, each field of its zod args an
// argument or an option, and the help says how to type it.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fields, flagName } from '../../src/commands/args.js';
import { commands } from '../../src/commands/registry.js';
import { buildProgram, runCli } from '../../src/cli/main.js';

class Sink extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: string, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
}

describe('the CLI from the registry', () => {
  it('exposes every registry command with its arguments and options', async () => {
    const { program, close } = buildProgram({ env: {}, stdout: new Sink(), stderr: new Sink() });
    try {
      for (const def of commands) {
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
    for (const def of commands) {
      const stdout = new Sink();
      expect(await runCli([def.name, '--help'], { env: {}, stdout, stderr: new Sink() })).toBe(0);
      expect(stdout.text).toContain(`Usage: newsbrief ${def.name}`);
    }
    const stdout = new Sink();
    await runCli(['stories', '--help'], { env: {}, stdout, stderr: new Sink() });
    expect(stdout.text).toMatch(/--limit <n>\s+at most n stories \(default: 50\)/);
  });
});
