// Ingest as users run it: `newsbrief ingest <folder> <feed>` through the real CLI (bin/newsbrief.js,
// a process of its own, on one core with `taskset -c 0` where taskset exists), on a folder of
// 10,000 synthetic ~5 KB text files and a 100-item RSS file. Whole process: start-up, folder walk,
// file reads, decoding, cleaning, language, dedupe, clustering, SQLite commits, output.
//
// Prints articles/s by wall clock and by CPU time (user+sys of the process: on a shared machine
// the wall clock also counts other people's work, the CPU time does not), CPU ms/article, and the
// per-article cost of a probe folder of 1,000 new files ingested into a store of 10,000 against an
// empty store (CPU ms/article, less the CPU of the same command on an empty folder: start-up; runs
// in ABBA order on copies of the two stores, so a drift of the machine falls on both).
// Usage: node dist/bench/cli-ingest.js [--files N] [--probe N] [--rounds N] [--keep] [--json]
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recordSummary } from './summary.js';
import { synthArticles, type SynthArticle } from './synth.js';
import { option } from './options.js';

export interface CliIngestFigures {
  files: number;
  feedItems: number;
  added: number;
  meanBytes: number;
  wallS: number;
  cpuS: number;
  articlesPerSWall: number;
  articlesPerSCpu: number;
  cpuMsPerArticle: number;
  probe: number;
  probeEmptyMs: number[];
  probeFullMs: number[];
  costRatio: number;
  /** Median over the ABBA rounds of each round's ratio. */
  costRatioMedian: number;
  /** CPU ms of a run that ingests nothing (start-up, opening the store), taken off the probes. */
  startMs: number;
  pinned: boolean;
}


const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A text file as an outlet exports it: headline, a dateline with the year, the story. */
function fileText(a: SynthArticle): string {
  const d = new Date(a.publishedAt);
  const dateline = `${a.outlet.toUpperCase()}, ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()} - `;
  return `${a.title}\n\n${dateline}${a.text}\n`;
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function rssText(items: SynthArticle[]): string {
  const body = items
    .map(
      (a) =>
        `<item><title>${escapeXml(a.title)}</title><link>${a.url}</link><guid>${a.url}</guid>` +
        `<pubDate>${new Date(a.publishedAt).toUTCString()}</pubDate>` +
        `<description>${escapeXml(a.text)}</description></item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Bench wire</title><link>https://news.example/</link><description>bench</description>\n${body}\n</channel></rss>\n`;
}

export function writeFolder(dir: string, articles: SynthArticle[]): number {
  mkdirSync(dir, { recursive: true });
  let bytes = 0;
  articles.forEach((a, i) => {
    const t = fileText(a);
    bytes += Buffer.byteLength(t);
    writeFileSync(join(dir, `article-${String(i).padStart(5, '0')}.txt`), t);
  });
  return bytes;
}

const hasTaskset = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
const cliPath = fileURLToPath(new URL('../../bin/newsbrief.js', import.meta.url));

interface RunResult {
  wallS: number;
  cpuS: number;
  stdout: string;
}

/** Runs the CLI once; CPU time from bash's `times` (user+sys of the finished child). */
function runCli(args: string[]): RunResult {
  const quoted = [process.execPath, cliPath, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const pin = hasTaskset ? 'taskset -c 0 ' : '';
  const script = `${pin}${quoted} > "$NB_OUT" 2>&1; rc=$?; times; exit $rc`;
  const outFile = join(tmpdir(), `nb-cli-bench-${process.pid}.out`);
  const t0 = performance.now();
  const r = spawnSync('bash', ['-c', script], { env: { ...process.env, NB_OUT: outFile, NO_COLOR: '1' }, encoding: 'utf8' });
  const wallS = (performance.now() - t0) / 1000;
  const stdout = existsSync(outFile) ? (spawnSync('cat', [outFile], { encoding: 'utf8' }).stdout ?? '') : '';
  rmSync(outFile, { force: true });
  if (r.status !== 0) throw new Error(`newsbrief ${args.join(' ')} failed (${r.status}): ${stdout.split('\n').slice(-5).join(' | ')}`);
  // `times`: the shell's own user/sys, then its children's: "0m12.345s 0m0.678s".
  const lines = r.stdout.trim().split('\n');
  const child = lines[lines.length - 1]!.trim().split(/\s+/).map((x) => {
    const m = /^(\d+)m([\d.]+)s$/.exec(x);
    return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  });
  return { wallS, cpuS: child[0]! + child[1]!, stdout };
}

function addedOf(stdout: string): number {
  const m = /(\d+) added \(/.exec(stdout);
  return m ? Number(m[1]) : 0;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function measureCliIngest(opts: { files?: number; probe?: number; rounds?: number; keep?: boolean; log?: (s: string) => void } = {}): CliIngestFigures {
  const files = opts.files ?? 10_000;
  const probe = opts.probe ?? 1_000;
  const rounds = opts.rounds ?? 3;
  const log = opts.log ?? ((s: string) => console.log(s));
  const work = mkdtempSync(join(tmpdir(), 'newsbrief-cli-bench-'));
  try {
    const stream = synthArticles({ seed: 7 });
    const take = (n: number): SynthArticle[] => Array.from({ length: n }, () => stream.next().value as SynthArticle);
    const main = take(files);
    const feed = take(100);
    const probeArticles = take(probe);
    const folder = join(work, 'articles');
    const bytes = writeFolder(folder, main);
    const feedPath = join(work, 'wire.rss');
    writeFileSync(feedPath, rssText(feed));
    const probeFolder = join(work, 'probe');
    writeFolder(probeFolder, probeArticles);
    log(`newsbrief bench (CLI): \`newsbrief ingest\` of ${files.toLocaleString('en')} files (${(bytes / files / 1024).toFixed(1)} KB mean) + a 100-item RSS file${hasTaskset ? ', pinned to one core (taskset -c 0)' : ' (taskset not found: not pinned)'}`);

    const fullDb = join(work, 'full.db');
    const main1 = runCli(['--db', fullDb, 'ingest', folder, feedPath]);
    const added = addedOf(main1.stdout);
    if (added < files) throw new Error(`only ${added} of ${files + 100} articles were added: ${main1.stdout.split('\n').slice(-3).join(' | ')}`);

    // The process's own start-up (loading the code, opening the store) is the same for both stores
    // and would dilute the ratio: it is measured on an empty folder and taken off.
    const nothing = join(work, 'nothing');
    mkdirSync(nothing);
    // An empty store with the schema in place (ingesting an empty folder creates and migrates it;
    // read-only commands refuse a store that does not exist).
    const emptyDb = join(work, 'empty.db');
    runCli(['--db', emptyDb, 'ingest', nothing]);
    const probeRun = (db: string, folder: string): { cpuS: number; added: number } => {
      const copy = join(work, `probe-${Math.random().toString(36).slice(2)}.db`);
      copyFileSync(db, copy);
      const r = runCli(['--db', copy, 'ingest', folder]);
      for (const f of readdirSync(work)) if (f.startsWith(copy.slice(work.length + 1))) rmSync(join(work, f), { force: true });
      return { cpuS: r.cpuS, added: addedOf(r.stdout) };
    };
    const emptyMs: number[] = [];
    const fullMs: number[] = [];
    const startMs: number[] = [];
    // ABBA turns (empty, full, full, empty), `rounds` times: a drift of the machine falls on both.
    const order = Array.from({ length: rounds }, () => ['empty', 'full', 'full', 'empty'] as const).flat();
    for (const which of order) {
      const db = which === 'empty' ? emptyDb : fullDb;
      const start = probeRun(db, nothing).cpuS;
      const r = probeRun(db, probeFolder);
      if (r.added < probe) throw new Error(`probe: only ${r.added} of ${probe} added`);
      startMs.push(start * 1000);
      (which === 'empty' ? emptyMs : fullMs).push(((r.cpuS - start) * 1000) / r.added);
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const figures: CliIngestFigures = {
      files,
      feedItems: 100,
      added,
      meanBytes: bytes / files,
      wallS: main1.wallS,
      cpuS: main1.cpuS,
      articlesPerSWall: added / main1.wallS,
      articlesPerSCpu: added / main1.cpuS,
      cpuMsPerArticle: (main1.cpuS * 1000) / added,
      probe,
      probeEmptyMs: emptyMs,
      probeFullMs: fullMs,
      costRatio: mean(fullMs) / mean(emptyMs),
      // Per ABBA round: the two full turns over the two empty ones.
      costRatioMedian: median(
        Array.from({ length: rounds }, (_, i) => (fullMs[2 * i]! + fullMs[2 * i + 1]!) / (emptyMs[2 * i]! + emptyMs[2 * i + 1]!)),
      ),
      startMs: mean(startMs),
      pinned: hasTaskset,
    };
    if (opts.keep) log(`kept: ${work} (${(statSync(fullDb).size / 1024 / 1024).toFixed(0)} MB store)`);
    return figures;
  } finally {
    if (!opts.keep) rmSync(work, { recursive: true, force: true });
  }
}

export function printCliFigures(f: CliIngestFigures, log: (s: string) => void = (s) => console.log(s)): void {
  const rows: Array<[string, string]> = [
    ['articles added (files + feed items)', f.added.toLocaleString('en')],
    ['throughput, wall clock (whole process)', `${f.articlesPerSWall.toFixed(0)} articles/s (${f.wallS.toFixed(1)} s)`],
    ['throughput, CPU time (user+sys)', `${f.articlesPerSCpu.toFixed(0)} articles/s (${f.cpuS.toFixed(1)} s)`],
    ['CPU ms/article (start-up included)', f.cpuMsPerArticle.toFixed(2)],
    ['CPU ms of start-up alone (an empty folder)', f.startMs.toFixed(0)],
    [`CPU ms/article, ${f.probe.toLocaleString('en')} more into an empty store`, f.probeEmptyMs.map((x) => x.toFixed(2)).join(', ')],
    [`CPU ms/article, ${f.probe.toLocaleString('en')} more into ${f.added.toLocaleString('en')} stored`, f.probeFullMs.map((x) => x.toFixed(2)).join(', ')],
    ['cost ratio full/empty (of means, median of the ABBA rounds)', `${f.costRatio.toFixed(2)}, ${f.costRatioMedian.toFixed(2)}`],
  ];
  const w = Math.max(...rows.map(([k]) => k.length));
  log('');
  for (const [k, v] of rows) log(`${k.padEnd(w)}  ${v}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const f = measureCliIngest({
    files: option('--files', 10_000),
    probe: option('--probe', 1_000),
    rounds: option('--rounds', 3),
    keep: process.argv.includes('--keep'),
  });
  printCliFigures(f);
  recordSummary('cli', `throughput, ${f.pinned ? 'one core' : 'not pinned'}, wall clock`, `${f.articlesPerSWall.toFixed(0)} articles/s (${f.added.toLocaleString('en')} articles from ${f.files.toLocaleString('en')} files + a feed)`);
  recordSummary('cli', 'throughput by CPU time (user+sys)', `${f.articlesPerSCpu.toFixed(0)} articles/s (${f.cpuMsPerArticle.toFixed(2)} CPU ms/article)`);
  recordSummary('cli', 'cost ratio', `${f.costRatio.toFixed(2)} of means, ${f.costRatioMedian.toFixed(2)} median of rounds (${f.probe.toLocaleString('en')} more articles into ${f.added.toLocaleString('en')} stored vs an empty store, CPU time)`);
  if (process.argv.includes('--json')) console.log(JSON.stringify(f));
}
