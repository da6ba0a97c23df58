// Query bench: fills a SQLite store through the real pipeline with synthetic ~3-5 KB articles that
// name actors, phases and dates, then times actor, phase and timeline queries (analysis at query
// time, memoised per article) and prints p50/p95/max ms per kind.
// Usage: npm run build && node dist/bench/queries.js [--articles 100000] [--queries 300] [--ingest-seconds 300] [--keep] [--db PATH]
// --db PATH: the store there (built when it holds no article, used as it is otherwise, never removed).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actorQuery, phaseQuery, timelineQuery, createSqliteArticleSearch, isPhaseCandidates } from '../queries/index.js';
import { openOrBuildQueryStore, FIRST, GROUPS, LAST } from './query-store.js';
import { rng } from './synth.js';
import { recordSummary } from './summary.js';
import { option } from './options.js';


function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

async function main(): Promise<void> {
  const total = option('--articles', 100_000);
  const queries = option('--queries', 300);
  const budgetMs = option('--ingest-seconds', 300) * 1000;
  const dbArg = process.argv.indexOf('--db');
  const given = dbArg >= 0 ? process.argv[dbArg + 1] : undefined;
  const dir = given ? undefined : mkdtempSync(join(tmpdir(), 'newsbrief-qbench-'));
  const dbPath = given ?? join(dir!, 'q.db');
  console.log(`newsbrief query bench: up to ${total.toLocaleString('en')} articles (ingest budget ${budgetMs / 1000} s), SQLite at ${dbPath}`);
  const built = await openOrBuildQueryStore(dbPath, { total, budgetMs, log: (l) => console.log(l) });
  const { stored, seconds: ingestS } = built;
  if (built.reused) console.log(`using the ${stored.toLocaleString('en')} articles already stored there`);
  else console.log(`ingested ${stored.toLocaleString('en')} articles in ${ingestS.toFixed(1)} s (${(stored / ingestS).toFixed(0)} articles/s)${stored < total ? ' (stopped at the time budget)' : ''}`);

  const search = createSqliteArticleSearch(dbPath);
  const names = [...GROUPS, 'Witkoff', ...FIRST.slice(0, 4).map((f, i) => `${f} ${LAST[i]}`), ...LAST.slice(0, 6), 'Nobody Atall'];
  const times: Record<string, number[]> = { actor: [], phase: [], timeline: [] };
  const cold: Record<string, number[]> = { actor: [], phase: [], timeline: [] };
  const q = rng(5);
  for (let i = 0; i < queries; i++) {
    const kind = (['actor', 'phase', 'timeline'] as const)[i % 3]!;
    const t = performance.now();
    if (kind === 'actor') await actorQuery(search, names[Math.floor(q() * names.length)]!);
    else if (kind === 'phase') {
      const p = await phaseQuery(search, ['phase one', 'phase two', 'phase three'][Math.floor(q() * 3)]!);
      if (isPhaseCandidates(p) && p.candidates[0]) await phaseQuery(search, 'phase two', { process: p.candidates[0].key }).catch(() => undefined);
    } else await timelineQuery(search, q() < 0.5 ? { topic: names[Math.floor(q() * names.length)]! } : { since: '30d', now: new Date('2026-01-01T00:00:00Z') });
    const ms = performance.now() - t;
    (i < 30 ? cold : times)[kind]!.push(ms);
  }
  for (const kind of Object.keys(times)) {
    const xs = times[kind]!;
    const c = cold[kind]!;
    recordSummary('queries', `${kind} at ${stored.toLocaleString('en')} stored`, `p50 ${pct(xs, 50).toFixed(1)} ms, p95 ${pct(xs, 95).toFixed(1)} ms`);
    console.log(`${kind.padEnd(9)} n=${xs.length} p50 ${pct(xs, 50).toFixed(1)} ms, p95 ${pct(xs, 95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms (first ${c.length} cold queries: max ${Math.max(...c).toFixed(1)} ms)`);
  }
  await search.close();
  if (dir && !process.argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
