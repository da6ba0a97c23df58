// Ingest benchmark: the whole pipeline (draft from raw text, dedupe, analyse, cluster, store to a
// SQLite file) on synthetic ~5 KB articles, one core. Prints throughput, the cost per article in a
// 1,024-article window after 1,024 (the first window warms up) and after ~50,000 stored (mean, and
// median over the window's batches), and peak RSS. The article mix is stationary, so the two
// windows see the same kind of articles; gc runs before every window.
// Usage: npm run bench [-- --quick] [-- --keep] [-- --batch N] (N articles per pipeline.ingestMany call;
// --batch 1 uses pipeline.ingest, one transaction per article)
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPipeline, textDraft, type BatchItem } from '../pipeline.js';
import type { IngestOutcome } from '../domain/types.js';
import { createSqliteStore } from '../store/sqlite-store.js';
import { synthArticles, type SynthArticle } from './synth.js';

const WINDOW = 1024; // a multiple of the default batch

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v >= 1 ? Math.floor(v) : fallback;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const total = (quick ? 6 : 50) * WINDOW; // ~6,000 or ~51,000 articles
  const batchSize = Math.min(WINDOW, option('--batch', 64));
  const dir = mkdtempSync(join(tmpdir(), 'newsbrief-bench-'));
  const dbPath = join(dir, 'bench.db');
  const store = createSqliteStore(dbPath);
  await store.init();
  const pipeline = createPipeline({ store });
  const source = synthArticles({ seed: 7 });
  const gc = (globalThis as { gc?: () => void }).gc;

  type Window = { storedBefore: number; ms: number; batchMs: number[]; newStories: number; nearCopies: number; duplicates: number; rejected: number };
  const windows: Window[] = [];
  let stored = 0;
  let ingestMs = 0;
  let bytes = 0;
  console.log(`newsbrief bench: ${total.toLocaleString('en')} synthetic articles, batches of ${batchSize}, SQLite at ${dbPath}${quick ? ' (quick)' : ''}`);
  while (stored < total) {
    // Raw texts are generated outside the timed part; drafting them is timed.
    const batch: SynthArticle[] = [];
    for (let i = 0; i < WINDOW; i++) batch.push(source.next().value as SynthArticle);
    gc?.();
    let newStories = 0;
    let nearCopies = 0;
    let duplicates = 0;
    let rejected = 0;
    const batchMs: number[] = [];
    let ms = 0;
    for (let b = 0; b < batch.length; b += batchSize) {
      const slice = batch.slice(b, b + batchSize);
      const t0 = performance.now();
      const items: BatchItem[] = slice.map((a) => ({
        draft: textDraft({ url: a.url, title: a.title, text: a.text, publishedAt: a.publishedAt, outlet: a.outlet }),
      }));
      const outcomes: IngestOutcome[] =
        batchSize === 1 ? [await pipeline.ingest(items[0]!.draft)] : await pipeline.ingestMany(items);
      const elapsed = performance.now() - t0;
      ms += elapsed;
      batchMs.push(elapsed / slice.length);
      for (const outcome of outcomes) {
        if (outcome.status === 'added') {
          if (outcome.newStory) newStories++;
          if (outcome.nearCopyOf !== undefined) nearCopies++;
        } else if (outcome.status === 'duplicate') duplicates++;
        else if (outcome.status === 'rejected') rejected++;
      }
      for (const a of slice) bytes += a.text.length;
    }
    ingestMs += ms;
    windows.push({ storedBefore: stored, ms, batchMs, newStories, nearCopies, duplicates, rejected });
    stored += batch.length;
    if ((stored / WINDOW) % 10 === 0) console.log(`  ${stored.toLocaleString('en')} stored, last window ${(ms / WINDOW).toFixed(3)} ms/article`);
  }
  await pipeline.flush();

  // The first window warms up (JIT, caches); the second is the early one, the last the late one.
  const early = windows[1]!;
  const late = windows[windows.length - 1]!;
  const perArticle = (w: Window) => w.ms / WINDOW;
  const rejected = windows.reduce((n, w) => n + w.rejected, 0);
  const fmt = (w: Window) => `${perArticle(w).toFixed(3)} (median ${median(w.batchMs).toFixed(3)})`;
  const stories = (await store.listStories()).length;
  const articles = await store.countArticles();
  await store.close();
  const dbBytes = statSync(dbPath).size + (statSync(`${dbPath}-wal`, { throwIfNoEntry: false })?.size ?? 0);
  if (process.argv.includes('--keep')) console.log(`database kept at ${dbPath}`);
  else rmSync(dir, { recursive: true, force: true });

  const rows: Array<[string, string]> = [
    ['articles ingested', articles.toLocaleString('en')],
    ['stories formed', stories.toLocaleString('en')],
    ['mean article size', `${(bytes / total / 1024).toFixed(1)} KB`],
    ['throughput (whole run)', `${((total / ingestMs) * 1000).toFixed(0)} articles/s`],
    ['articles rejected', rejected.toLocaleString('en')],
    [`ms/article, window after ${early.storedBefore.toLocaleString('en')} stored`, fmt(early)],
    [`ms/article, window after ${late.storedBefore.toLocaleString('en')} stored`, fmt(late)],
    ['cost ratio late/early (mean, median)', `${(perArticle(late) / perArticle(early)).toFixed(2)}, ${(median(late.batchMs) / median(early.batchMs)).toFixed(2)}`],
    ['peak RSS', `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`],
    ['database size', `${(dbBytes / 1024 / 1024).toFixed(0)} MB`],
  ];
  // The whole cost curve, so a noisy single window (a WAL checkpoint, a GC) can be told apart from growth.
  rows.push(['ms/article by window (every 5th)', windows.filter((_, i) => i % 5 === 1 || i === windows.length - 1).map((x) => perArticle(x).toFixed(2)).join(' ')]);
  const w = Math.max(...rows.map(([k]) => k.length));
  console.log('');
  for (const [k, v] of rows) console.log(`${k.padEnd(w)}  ${v}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : String(err));
  process.exit(1);
});
