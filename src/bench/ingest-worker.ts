// One store of the ingest benchmark, in a process of its own (its own heap, caches and SQLite file),
// driven over IPC by run.ts: `fill` ingests up to a number of stored articles, `measure` times the
// next batch, `finish` closes the store and reports its sizes. Every worker draws the same
// deterministic article stream, so two workers see the same kind of articles at any size.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPipeline, textDraft, type BatchItem } from '../pipeline.js';
import { createSqliteStore } from '../store/sqlite-store.js';
import { synthArticles, type SynthArticle } from './synth.js';

export type WorkerRequest =
  | { cmd: 'fill'; upTo: number; window: number; batch: number }
  | { cmd: 'measure'; articles: number; batch: number }
  | { cmd: 'finish'; keep: boolean };

export type WorkerReply =
  | { cmd: 'filled'; stored: number; ms: number; bytes: number; windowMs: number[] }
  | { cmd: 'measured'; ms: number; added: number; newStories: number; rejected: number }
  | { cmd: 'finished'; articles: number; stories: number; dbBytes: number; maxRssMb: number; dbPath?: string }
  | { cmd: 'error'; message: string };

const dir = mkdtempSync(join(tmpdir(), 'newsbrief-bench-'));
const dbPath = join(dir, 'bench.db');
const store = createSqliteStore(dbPath);
const pipeline = createPipeline({ store });
const source = synthArticles({ seed: 7 });
const gc = (globalThis as { gc?: () => void }).gc;
let stored = 0;
let ready: Promise<void> | undefined;

function draftsOf(articles: SynthArticle[]): BatchItem[] {
  return articles.map((a) => ({
    draft: textDraft({ url: a.url, title: a.title, text: a.text, publishedAt: a.publishedAt, outlet: a.outlet }),
  }));
}

function take(n: number): SynthArticle[] {
  const out: SynthArticle[] = [];
  for (let i = 0; i < n; i++) out.push(source.next().value as SynthArticle);
  return out;
}

/** Ingest `articles` in batches; returns the ms spent in the pipeline (drafting included). */
async function ingestTimed(articles: SynthArticle[], batch: number) {
  let ms = 0;
  let added = 0;
  let newStories = 0;
  let rejected = 0;
  for (let b = 0; b < articles.length; b += batch) {
    const slice = articles.slice(b, b + batch);
    const t0 = performance.now();
    const items = draftsOf(slice);
    const outcomes = batch === 1 ? [await pipeline.ingest(items[0]!.draft)] : await pipeline.ingestMany(items);
    ms += performance.now() - t0;
    for (const o of outcomes) {
      if (o.status === 'added') {
        added++;
        if (o.newStory) newStories++;
      } else if (o.status === 'rejected') rejected++;
    }
  }
  stored += articles.length;
  return { ms, added, newStories, rejected };
}

async function handle(req: WorkerRequest): Promise<WorkerReply> {
  ready ??= store.init();
  await ready;
  switch (req.cmd) {
    case 'fill': {
      let ms = 0;
      let bytes = 0;
      const windowMs: number[] = [];
      while (stored < req.upTo) {
        // Raw texts are generated outside the timed part; drafting them is timed.
        const articles = take(Math.min(req.window, req.upTo - stored));
        for (const a of articles) bytes += a.text.length;
        const r = await ingestTimed(articles, req.batch);
        ms += r.ms;
        windowMs.push(r.ms / articles.length);
        if (stored % (10 * req.window) === 0) console.log(`  ${stored.toLocaleString('en')} stored, last window ${(r.ms / articles.length).toFixed(3)} ms/article`);
      }
      gc?.();
      return { cmd: 'filled', stored, ms, bytes, windowMs };
    }
    case 'measure': {
      const r = await ingestTimed(take(req.articles), req.batch);
      return { cmd: 'measured', ...r };
    }
    case 'finish': {
      await pipeline.flush();
      const articles = await store.countArticles();
      const stories = (await store.listStories()).length;
      await store.close();
      const dbBytes = statSync(dbPath).size + (statSync(`${dbPath}-wal`, { throwIfNoEntry: false })?.size ?? 0);
      if (!req.keep) rmSync(dir, { recursive: true, force: true });
      const maxRssMb = process.resourceUsage().maxRSS / 1024;
      return { cmd: 'finished', articles, stories, dbBytes, maxRssMb, ...(req.keep ? { dbPath } : {}) };
    }
  }
}

process.on('message', (req: WorkerRequest) => {
  handle(req).then(
    (reply) => process.send!(reply, () => {
      if (reply.cmd === 'finished') process.exit(0);
    }),
    (err: unknown) => process.send!({ cmd: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
});
