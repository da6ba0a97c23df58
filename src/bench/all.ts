// `npm run bench`: the ingest pipeline benchmark, `newsbrief ingest` through the real CLI, the
// query benchmark (100,000 articles stored), then the chat benchmark (200 concurrent slash commands
// to the Discord bot over the same store, built once), each in a process of its own so no one's heap
// or caches colour another's figures; then the fan-out of one digest to 1,000 Discord and 100 Slack
// channels (`npm start` against local servers enforcing the platforms' limits); the OpenAI engine;
// queue mode (worker processes on a redis-server of its own); then their headline figures side by side.
// `npm run bench -- --quick` runs all of them small (a few minutes in all).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatSummary, readSummary } from './summary.js';

const quick = process.argv.includes('--quick');
const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'newsbrief-bench-summary-'));
const summary = join(dir, 'summary.jsonl');
// The query store: built by the query bench, used as it is by the chat bench.
const store = ['--db', join(dir, 'store.db')];
const runs: Array<[string, string[]]> = [
  [here('./run.js'), quick ? ['--quick'] : []],
  [here('./cli-ingest.js'), quick ? ['--files', '2000', '--probe', '500'] : []],
  [here('./queries.js'), [...store, ...(quick ? ['--articles', '10000', '--queries', '150'] : [])]],
  [here('./chat.js'), [...store, ...(quick ? ['--articles', '10000', '--commands', '50'] : [])]],
  [here('./fanout.js'), quick ? ['--channels', '200', '--slack-channels', '20'] : []],
  [here('./openai.js'), quick ? ['--quick'] : []],
  [here('./queue.js'), quick ? ['--articles', '600', '--feeds', '12', '--workers', '1,2', '--channels', '200'] : []],
];
try {
  for (const [script, args] of runs) {
    const r = spawnSync(process.execPath, ['--expose-gc', script, ...args], {
      stdio: 'inherit',
      env: { ...process.env, NEWSBRIEF_BENCH_SUMMARY: summary },
    });
    if (r.status !== 0) process.exit(r.status ?? 1);
    console.log('');
  }
  console.log(formatSummary(readSummary(summary)));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
