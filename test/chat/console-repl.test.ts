// The console twin's loop on a terminal: greeting, prompt after each answer, quit ends it.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { PROMPT, runRepl } from '../../src/chat/console-repl.js';
import { Sink } from '../support/io.js';

describe('runRepl', () => {
  it('prompts on a terminal, answers each line in order, and stops at quit', async () => {
    const input = new PassThrough();
    const output = new Sink();
    const seen: string[] = [];
    const done = runRepl({
      input,
      output,
      interactive: true,
      answer: async (line) => {
        seen.push(line);
        await new Promise((r) => setTimeout(r, 5)); // a slow answer does not reorder lines
        return line === 'quit' ? { text: '', quit: true } : { text: `answer to ${line}\n` };
      },
    });
    input.write('one\ntwo\nquit\nthree\n');
    await done;
    expect(seen).toEqual(['one', 'two', 'quit']);
    expect(output.text).toMatch(/^newsbrief chat: .*Type help/);
    expect(output.text.split(PROMPT).length - 1).toBeGreaterThanOrEqual(3);
    expect(output.text.indexOf('answer to one')).toBeLessThan(output.text.indexOf('answer to two'));
  });

  it('from a pipe: answers only, no prompt, ends with the input', async () => {
    const input = new PassThrough();
    const output = new Sink();
    const done = runRepl({ input, output, interactive: false, answer: async (line) => ({ text: `<${line}>` }) });
    input.end('a\n\nb\n');
    await done;
    expect(output.text).toBe('<a>\n\n<>\n\n<b>\n\n');
  });
});
