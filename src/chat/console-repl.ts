// `newsbrief chat`: the console twin's loop. On a terminal: a prompt and line history (arrow keys);
// from a pipe: one answer per line read, nothing else written, so scripts and tests can drive it.
import { createInterface } from 'node:readline';
import type { LineAnswer } from './console-session.js';

export interface ReplOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  answer: (line: string) => Promise<LineAnswer>;
  /** A terminal: prompt, greeting and history. */
  interactive: boolean;
}

export const PROMPT = 'news> ';

export async function runRepl(opts: ReplOptions): Promise<void> {
  const { input, output, interactive } = opts;
  const rl = createInterface({ input, ...(interactive ? { output } : {}), terminal: interactive, historySize: 500, removeHistoryDuplicates: true, prompt: PROMPT });
  if (interactive) {
    output.write('newsbrief chat: the bot commands on this terminal. Type help, or quit (Ctrl-D).\n');
    rl.prompt();
  }
  try {
    for await (const line of rl) {
      const a = await opts.answer(line);
      if (a.text) output.write(`${a.text}${a.text.endsWith('\n') ? '' : '\n'}\n`);
      if (a.quit) break;
      if (interactive) rl.prompt();
    }
  } finally {
    rl.close();
  }
}
