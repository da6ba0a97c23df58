// Query bench: fills a SQLite store through the real pipeline with synthetic ~3-5 KB articles that
// name actors, phases and dates, then times actor, phase and timeline queries (analysis at query
// time, memoised per article) and prints p50/p95/max ms per kind.
// Usage: npm run build && node dist/bench/queries.js [--articles 100000] [--queries 300] [--ingest-seconds 300] [--keep]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPipeline, textDraft, type BatchItem } from '../pipeline.js';
import { createSqliteStore } from '../store/sqlite-store.js';
import { actorQuery, phaseQuery, timelineQuery, createSqliteArticleSearch, isPhaseCandidates } from '../queries/index.js';
import { rng, synthArticles } from './synth.js';
import { recordSummary } from './summary.js';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v >= 1 ? Math.floor(v) : fallback;
}

const GROUPS = ['Hamas', 'Hezbollah', 'the Houthis', 'Egypt', 'Qatar', 'Israel', 'Turkey', 'the United Nations', 'Iran', 'Jordan'];
const FIRST = ['Amira', 'Karim', 'Dana', 'Yusuf', 'Lena', 'Omar', 'Sara', 'Tariq', 'Noor', 'Elias', 'Maya', 'Samir'];
const LAST = ['Haddad', 'Nasser', 'Khoury', 'Saleh', 'Mansour', 'Darwish', 'Aziz', 'Farah', 'Barakat', 'Shami', 'Rahal', 'Jaber'];
const ROLES = ['special envoy', 'foreign minister', 'senior official', 'spokesperson', 'chief negotiator'];
const PHASES = ['phase one', 'phase two', 'the second phase', 'phase three', 'the first phase'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const COMPONENTS = ['an international stabilisation force', 'the disarmament of the armed groups', 'a technocratic governing body', 'large-scale reconstruction', 'a further withdrawal of troops', 'the exchange of prisoners'];

function storyText(r: () => number, published: Date, filler: string): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const group = pick(GROUPS);
  const person = `${pick(FIRST)} ${pick(LAST)}`;
  const day = published.getUTCDate();
  const month = MONTHS[published.getUTCMonth()]!;
  const anchorYear = published.getUTCFullYear() - 1;
  const anchor = pick(MONTHS);
  const phase = pick(PHASES);
  const ps = [
    `A ${group.replace(/^the /, '')} delegation led by ${pick(ROLES)} ${person} arrived in Cairo on ${month} ${day} for talks on moving the truce into ${phase}. The talks centre on a ceasefire agreed in ${anchor} ${anchorYear}.`,
    `${person} said on Wednesday that "the talks are serious" and that ${group} wants guarantees before ${phase} begins. ${phase.charAt(0).toUpperCase() + phase.slice(1)} has stalled over ${pick(COMPONENTS)}.`,
    `${pick(PHASES).replace(/^the /, 'The ').replace(/^p/, 'P')} foresees ${pick(COMPONENTS)} and ${pick(COMPONENTS)}. ${group} refuses to discuss disarmament until the first phase is honoured, officials said.`,
  ];
  return `${ps.join('\n\n')}\n\n${filler}`;
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

async function main(): Promise<void> {
  const total = option('--articles', 100_000);
  const queries = option('--queries', 300);
  const budgetMs = option('--ingest-seconds', 300) * 1000;
  const dir = mkdtempSync(join(tmpdir(), 'newsbrief-qbench-'));
  const dbPath = join(dir, 'q.db');
  const store = createSqliteStore(dbPath);
  await store.init();
  const pipeline = createPipeline({ store });
  const r = rng(11);
  const source = synthArticles({ seed: 3, bytes: 2500 });
  console.log(`newsbrief query bench: up to ${total.toLocaleString('en')} articles (ingest budget ${budgetMs / 1000} s), SQLite at ${dbPath}`);
  const t0 = performance.now();
  let stored = 0;
  while (stored < total && performance.now() - t0 < budgetMs) {
    const batch: BatchItem[] = [];
    for (let i = 0; i < 256 && stored + batch.length < total; i++) {
      const s = source.next().value!;
      const published = new Date(s.publishedAt);
      batch.push({ draft: textDraft({ url: s.url, title: s.title, outlet: s.outlet, publishedAt: s.publishedAt, text: storyText(r, published, s.text) }) });
    }
    const out = await pipeline.ingestMany(batch);
    stored += out.filter((o) => o.status === 'added').length;
    if (stored % 10_240 < 256) console.log(`  ${stored.toLocaleString('en')} stored, ${(stored / ((performance.now() - t0) / 1000)).toFixed(0)} articles/s`);
  }
  await pipeline.flush();
  const ingestS = (performance.now() - t0) / 1000;
  console.log(`ingested ${stored.toLocaleString('en')} articles in ${ingestS.toFixed(1)} s (${(stored / ingestS).toFixed(0)} articles/s)${stored < total ? ' (stopped at the time budget)' : ''}`);

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
  await store.close();
  if (!process.argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
