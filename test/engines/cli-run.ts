// The real CLI run against a local OpenAI-compatible server and an archive file, as the engine's
// CLI tests run it: no retries (a scripted failure answers at once), the test model.
import { Readable } from 'node:stream';
import { runCli } from '../../src/cli/main.js';
import { Sink } from '../support/io.js';
import type { FakeOpenAI } from './fake-openai.js';

/** `lines`: what `chat` reads, one command a line. */
export async function cliAgainst(fake: FakeOpenAI, db: string, args: string[], env: NodeJS.ProcessEnv = {}, lines?: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new Sink();
  const stderr = new Sink();
  const input = lines ? { input: Readable.from(lines.map((l) => `${l}\n`)) } : {};
  const code = await runCli(args, { env: { NEWSBRIEF_DB: db, OPENAI_BASE_URL: fake.baseURL, OPENAI_MODEL: 'test-model', OPENAI_MAX_RETRIES: '0', ...env }, stdout, stderr, ...input });
  return { code, out: stdout.text, err: stderr.text };
}
