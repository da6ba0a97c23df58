// Ingest benchmark: the whole pipeline (draft from raw text, dedupe, analyse, cluster, store to a
// SQLite file) on synthetic ~5 KB articles, one core. Prints throughput, the cost per article in a
// 1,000-article window after 1,000 and after 50,000 stored, and peak RSS.
// Usage: npm run bench [-- --quick]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPipeline, textDraft } from '../pipeline.js';
import { createSqliteStore } from '../store/sqlite-store.js';
import { synthArticles, type SynthArticle } from './synth.js';

const WINDOW = 1000;

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const total = quick ? 6_000 : 51_000;
  const dir = mkdtempSync(join(tmpdir(), 'newsbrief-bench-'));
  const dbPath = join(dir, 'bench.db');
  const store = createSqliteStore(dbPath);
  await store.init();
  const pipeline = createPipeline({ store });
  const source = synthArticles({ seed: 7 });
  const gc = (globalThis as { gc?: () => void }).gc;

  const windows: Array<{ storedBefore: number; ms: number; newStories: number; nearCopies: number; duplicates: number }> = [];
  let stored = 0;
  let ingestMs = 0;
  let bytes = 0;
  console.log(`newsbrief bench: ${total.toLocaleString('en')} synthetic articles, SQLite at ${dbPath}${quick ? ' (quick)' : ''}`);
  while (stored < total) {
    // Raw texts are generated outside the timed part; drafting them is timed.
    const batch: SynthArticle[] = [];
    for (let i = 0; i < WINDOW; i++) batch.push(source.next().value as SynthArticle);
    gc?.();
    let newStories = 0;
    let nearCopies = 0;
    let duplicates = 0;
    const t0 = performance.now();
    for (const a of batch) {
      const draft = textDraft({ url: a.url, title: a.title, text: a.text, publishedAt: a.publishedAt, outlet: a.outlet });
      const outcome = await pipeline.ingest(draft);
      if (outcome.status === 'added') {
        if (outcome.newStory) newStories++;
        if (outcome.nearCopyOf !== undefined) nearCopies++;
      } else if (outcome.status === 'duplicate') duplicates++;
      bytes += a.text.length;
    }
    const ms = performance.now() - t0;
    ingestMs += ms;
    windows.push({ storedBefore: stored, ms, newStories, nearCopies, duplicates });
    stored += batch.length;
    if (stored % 10_000 === 0) console.log(`  ${stored.toLocaleString('en')} stored, last window ${(ms / WINDOW).toFixed(3)} ms/article`);
  }
  await pipeline.flush();

  const at = (n: number) => windows.find((w) => w.storedBefore === n) ?? windows[windows.length - 1]!;
  const early = at(1000);
  const late = at(quick ? total - WINDOW : 50_000);
  const perArticle = (w: { ms: number }) => w.ms / WINDOW;
  const stories = (await store.listStories()).length;
  const articles = await store.countArticles();
  await store.close();
  const dbBytes = statSync(dbPath).size + (statSync(`${dbPath}-wal`, { throwIfNoEntry: false })?.size ?? 0);
  rmSync(dir, { recursive: true, force: true });

  const rows: Array<[string, string]> = [
    ['articles ingested', articles.toLocaleString('en')],
    ['stories formed', stories.toLocaleString('en')],
    ['mean article size', `${(bytes / total / 1024).toFixed(1)} KB`],
    ['throughput (whole run)', `${((total / ingestMs) * 1000).toFixed(0)} articles/s`],
    [`ms/article, window after ${early.storedBefore.toLocaleString('en')} stored`, perArticle(early).toFixed(3)],
    [`ms/article, window after ${late.storedBefore.toLocaleString('en')} stored`, perArticle(late).toFixed(3)],
    ['cost ratio late/early', (perArticle(late) / perArticle(early)).toFixed(2)],
    ['peak RSS', `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`],
    ['database size', `${(dbBytes / 1024 / 1024).toFixed(0)} MB`],
  ];
  const w = Math.max(...rows.map(([k]) => k.length));
  console.log('');
  for (const [k, v] of rows) console.log(`${k.padEnd(w)}  ${v}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : String(err));
  process.exit(1);
});
