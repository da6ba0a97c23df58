// `npm run bench`: the ingest pipeline benchmark, `newsbrief ingest` through the real CLI, then the
// query benchmark (100,000 articles stored), each in a process of its own so neither one's heap or
// caches colour the other's figures; then their headline figures side by side.
// `npm run bench -- --quick` runs all of them small (a few minutes in all).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatSummary, readSummary } from './summary.js';

const quick = process.argv.includes('--quick');
const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));
const runs: Array<[string, string[]]> = [
  [here('./run.js'), quick ? ['--quick'] : []],
  [here('./cli-ingest.js'), quick ? ['--files', '2000', '--probe', '500'] : []],
  [here('./queries.js'), quick ? ['--articles', '10000', '--queries', '150'] : []],
];
const dir = mkdtempSync(join(tmpdir(), 'newsbrief-bench-summary-'));
const summary = join(dir, 'summary.jsonl');
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
