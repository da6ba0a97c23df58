// Ingest benchmark: the whole pipeline (draft from raw text, dedupe, analyse, cluster, store to a
// SQLite file) on synthetic ~5 KB articles, one core.
//
// The figure the project holds itself to is the cost per article with ~50,000 articles stored
// against the cost with ~1,000 stored. Measured one after the other, 90 s apart, the two windows
// also measure whatever else the machine was doing then (on a shared 2-core VM, the speed of the
// same code drifts by +-20% over tens of seconds). So two stores are kept, each in a process of its
// own (ingest-worker.ts: its own heap, caches and SQLite file): a small one filled to 1,024
// articles and a large one filled to 50,176. Then the next 1,024 articles of each are ingested in
// alternating turns of 256 (small, large, large, small, ...: ABBA cancels a linear drift), so both
// windows see the same machine. Both draw the same deterministic article stream, so the windows
// hold the same kind of articles. See docs/adr/006.
//
// Prints throughput (the large store's whole fill), the cost per article in each window (mean,
// and median over the turns), their ratio, the large store's cost curve while it filled, peak RSS.
// Usage: npm run bench:ingest [-- --quick] [-- --keep] [-- --batch N] [-- --turn N]
// (--batch: articles per pipeline.ingestMany call, 1 uses pipeline.ingest, one transaction per
// article; --turn: articles per alternating turn)
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { WorkerReply, WorkerRequest } from './ingest-worker.js';
import { recordSummary } from './summary.js';
import { option } from './options.js';

const WINDOW = 1024;


function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

class Worker {
  private readonly child: ChildProcess;
  private pending: ((r: WorkerReply) => void) | undefined;

  constructor(readonly name: string) {
    this.child = fork(fileURLToPath(new URL('./ingest-worker.js', import.meta.url)), [], {
      execArgv: ['--expose-gc'],
      stdio: 'inherit',
    });
    this.child.on('message', (r: WorkerReply) => {
      const done = this.pending;
      this.pending = undefined;
      done?.(r);
    });
    this.child.on('exit', (code) => {
      if (this.pending) {
        console.error(`bench: the ${name} store's process exited (${code}) mid-request`);
        process.exit(1);
      }
    });
  }

  ask<C extends WorkerReply['cmd']>(req: WorkerRequest, expect: C): Promise<Extract<WorkerReply, { cmd: C }>> {
    return new Promise((resolve) => {
      this.pending = (r) => {
        if (r.cmd === 'error' || r.cmd !== expect) {
          console.error(`bench: the ${this.name} store failed: ${r.cmd === 'error' ? r.message : r.cmd}`);
          process.exit(1);
        }
        resolve(r as Extract<WorkerReply, { cmd: C }>);
      };
      this.child.send(req);
    });
  }
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const keep = process.argv.includes('--keep');
  const batch = Math.min(WINDOW, option('--batch', 64));
  // Articles per turn: a turn starts with caches the other process has evicted, a cost both pay
  // once per turn; a longer turn dilutes it, a shorter one follows the machine's drift closer.
  const turn = Math.max(batch, Math.min(WINDOW, option('--turn', 256)));
  const largeSize = (quick ? 5 : 49) * WINDOW; // 5,120 or 50,176 stored before its window
  const rounds = Math.ceil(WINDOW / turn);
  console.log(`newsbrief bench: cost per article after ${WINDOW.toLocaleString('en')} and after ${largeSize.toLocaleString('en')} stored articles, batches of ${batch}${quick ? ' (quick)' : ''}`);

  const small = new Worker('small');
  const large = new Worker('large');
  const t0 = performance.now();
  const filledSmall = await small.ask({ cmd: 'fill', upTo: WINDOW, window: WINDOW, batch }, 'filled');
  const filledLarge = await large.ask({ cmd: 'fill', upTo: largeSize, window: WINDOW, batch }, 'filled');
  console.log(`  filled in ${((performance.now() - t0) / 1000).toFixed(0)} s; measuring ${rounds} alternating turns of ${turn}`);

  const smallMs: number[] = [];
  const largeMs: number[] = [];
  let rejected = 0;
  for (let r = 0; r < rounds; r++) {
    // Alternate who goes first, so neither always runs right after the other.
    const order = r % 2 ? [large, small] : [small, large];
    for (const w of order) {
      const m = await w.ask({ cmd: 'measure', articles: turn, batch }, 'measured');
      (w === small ? smallMs : largeMs).push(m.ms / turn);
      rejected += m.rejected;
    }
  }
  await small.ask({ cmd: 'finish', keep: false }, 'finished');
  const finLarge = await large.ask({ cmd: 'finish', keep }, 'finished');
  if (finLarge.dbPath) console.log(`database kept at ${finLarge.dbPath}`);

  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const ratios = largeMs.map((x, i) => x / smallMs[i]!);
  const fillArticles = filledLarge.stored;
  const rows: Array<[string, string]> = [
    ['articles ingested (large store)', finLarge.articles.toLocaleString('en')],
    ['stories formed (large store)', finLarge.stories.toLocaleString('en')],
    ['mean article size', `${(filledLarge.bytes / fillArticles / 1024).toFixed(1)} KB`],
    ['throughput (large store, whole fill)', `${((fillArticles / filledLarge.ms) * 1000).toFixed(0)} articles/s`],
    ['articles rejected (measured windows)', rejected.toLocaleString('en')],
    [`ms/article, window after ${filledSmall.stored.toLocaleString('en')} stored`, `${mean(smallMs).toFixed(3)} (median ${median(smallMs).toFixed(3)})`],
    [`ms/article, window after ${filledLarge.stored.toLocaleString('en')} stored`, `${mean(largeMs).toFixed(3)} (median ${median(largeMs).toFixed(3)})`],
    ['cost ratio large/small (of means, median of turns)', `${(mean(largeMs) / mean(smallMs)).toFixed(2)}, ${median(ratios).toFixed(2)}`],
    ['peak RSS (large store process)', `${finLarge.maxRssMb.toFixed(0)} MB`],
    ['database size (large store)', `${(finLarge.dbBytes / 1024 / 1024).toFixed(0)} MB`],
    // The fill's own cost curve: measured window by window as the store grew, so it also carries
    // the machine's drift; shown to tell growth from noise, not used for the ratio.
    ['fill cost curve, ms/article (every 5th window)', filledLarge.windowMs.filter((_, i) => i % 5 === 1 || i === filledLarge.windowMs.length - 1).map((x) => x.toFixed(2)).join(' ')],
  ];
  const w = Math.max(...rows.map(([k]) => k.length));
  console.log('');
  for (const [k, v] of rows) console.log(`${k.padEnd(w)}  ${v}`);
  recordSummary('pipeline', 'throughput, one core', `${((fillArticles / filledLarge.ms) * 1000).toFixed(0)} articles/s (${(filledLarge.ms / fillArticles).toFixed(2)} ms/article) filling to ${fillArticles.toLocaleString('en')}`);
  recordSummary('pipeline', 'cost ratio', `${(mean(largeMs) / mean(smallMs)).toFixed(2)} (${filledLarge.stored.toLocaleString('en')} stored vs ${filledSmall.stored.toLocaleString('en')})`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : String(err));
  process.exit(1);
});
