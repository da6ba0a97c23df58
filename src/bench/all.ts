// `npm run bench`: the ingest benchmark, then the query benchmark (100,000 articles stored), each in
// a process of its own so neither one's heap or caches colour the other's figures.
// `npm run bench -- --quick` runs both small (about a minute in all).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const quick = process.argv.includes('--quick');
const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));
const runs: Array<[string, string[]]> = [
  [here('./run.js'), quick ? ['--quick'] : []],
  [here('./queries.js'), quick ? ['--articles', '10000', '--queries', '150'] : []],
];
for (const [script, args] of runs) {
  const r = spawnSync(process.execPath, ['--expose-gc', script, ...args], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
