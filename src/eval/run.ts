// `npm run eval -- FILE [--rouge PATH] [--limit N] [--half even|odd] [--via-ingest]`: runs the extractive engine over a JSONL eval
// set and prints ROUGE beside Lead-3. Single-document records ({text, reference}) are scored on
// lede + takeaways (what a reader of a one-article briefing sees first, the lede being the news:
// docs/adr/026); cluster records ({articles: [{text}], reference}) on lede + takeaways +
// why it matters (200 words). Scoring uses a rouge.mjs scorer (--rouge PATH, or a rouge.mjs in
// the data file's folder, where evaluation sets usually ship with their scorer), else the built-in
// scorer. `--half even|odd` keeps only the records of even (0, 2, ...) or odd index, so that
// decisions can be made on one half and checked on the other (ADR 025); without it, the engine's
// scores on each half are printed too. Not part of `npm test`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { briefExtractive } from '../brief/extractive.js';
import { ingestInputs, storyToRequestArticles } from '../app/commands.js';
import { openServices } from '../app/compose.js';
import { loadConfig } from '../config.js';
import { splitSentences } from '../analyze/text.js';
import type { BriefingArticle } from '../domain/types.js';
import { scoreCorpus, type RougeScores } from './rouge-eval.js';

interface EvalRecord {
  id?: string | number;
  text?: string;
  articles?: Array<{ text: string; title?: string }>;
  reference?: string | string[];
  references?: string[];
}

interface Args {
  file: string;
  rouge?: string;
  limit?: number;
  /** Keep only records of even or odd index (0-based, in file order). */
  half?: 'even' | 'odd';
  /** Brief as a user gets it: files ingested with `newsbrief ingest`'s path, then the story briefed. */
  viaIngest?: boolean;
}

function usage(message: string): never {
  process.stderr.write(`${message}\nusage: npm run eval -- FILE.jsonl [--rouge PATH/rouge.mjs] [--limit N] [--half even|odd] [--via-ingest]\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  let file: string | undefined;
  let rouge: string | undefined;
  let limit: number | undefined;
  let viaIngest = false;
  let half: 'even' | 'odd' | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--rouge') rouge = argv[++i] ?? usage('--rouge needs a path');
    else if (a === '--via-ingest') viaIngest = true;
    else if (a === '--half') {
      const h = argv[++i];
      if (h !== 'even' && h !== 'odd') usage('--half needs even or odd');
      half = h;
    }
    else if (a === '--limit') {
      limit = Number(argv[++i]);
      if (!Number.isInteger(limit) || limit < 1) usage('--limit needs a positive integer');
    } else if (a.startsWith('--')) usage(`unknown option ${a}`);
    else if (!file) file = a;
    else usage(`unexpected argument ${a}`);
  }
  if (!file) usage('missing FILE');
  return { file, ...(rouge ? { rouge } : {}), ...(limit ? { limit } : {}), ...(half ? { half } : {}), ...(viaIngest ? { viaIngest } : {}) };
}

function readRecords(file: string, limit?: number, half?: 'even' | 'odd'): EvalRecord[] {
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim());
  const out: EvalRecord[] = [];
  lines.forEach((line, i) => {
    try {
      out.push(JSON.parse(line) as EvalRecord);
    } catch (e) {
      throw new Error(`${file}:${i + 1}: bad JSON (${(e as Error).message})`);
    }
  });
  const kept = half ? out.filter((_, i) => i % 2 === (half === 'even' ? 0 : 1)) : out;
  return limit ? kept.slice(0, limit) : kept;
}

function referenceOf(r: EvalRecord): string[] {
  const ref = r.reference ?? r.references?.[0] ?? '';
  return Array.isArray(ref) ? ref : splitSentences(ref);
}

type Splitter = (text: string) => string[];

/** Lead-k the way lead3.mjs builds it: paragraphs on newlines, then sentences. */
function leadK(text: string, k: number, split: Splitter): string[] {
  return text
    .split(/\n+/)
    .flatMap((p) => split(p))
    .slice(0, k);
}

function engineHypothesis(r: EvalRecord): string[] {
  if (r.text !== undefined) {
    const b = briefExtractive({ articles: [{ id: 0, title: '', url: 'eval:0', text: r.text }] });
    return [b.lede, ...b.takeaways.map((t) => t.text)];
  }
  const articles: BriefingArticle[] = (r.articles ?? []).map((a, i) => ({ id: i, title: '', url: `eval:${i}`, text: a.text }));
  const b = briefExtractive({ articles, maxWords: 200 });
  return [b.lede, ...b.takeaways.map((t) => t.text), ...splitSentences(b.whyItMatters)].filter(Boolean);
}

/**
 * The user's path: the record's articles written as .txt files, ingested into a fresh store through
 * `ingestInputs` (collect, cleaning, dates, dedupe, clustering: what `newsbrief ingest` runs), then
 * the story holding most of them briefed as `newsbrief brief --story ID` does (the store's
 * articles, in the engine's order).
 */
async function ingestedHypothesis(r: EvalRecord, dir: string, i: number): Promise<string[]> {
  const folder = path.join(dir, `record-${i}`);
  fs.mkdirSync(folder, { recursive: true });
  const texts = r.text !== undefined ? [r.text] : (r.articles ?? []).map((a) => a.text);
  texts.forEach((t, k) => fs.writeFileSync(path.join(folder, `${String(k).padStart(3, '0')}.txt`), t));
  const svc = await openServices({ ...loadConfig({}), NEWSBRIEF_DB: path.join(folder, 'eval.db') });
  try {
    await ingestInputs(svc, [folder]);
    const stories = await svc.store.listStories({});
    const top = [...stories].sort((a, b) => b.articleCount - a.articleCount || a.id - b.id)[0];
    if (!top) throw new Error('nothing was stored');
    const story = await svc.store.getStory(top.id);
    const articles = storyToRequestArticles(story!);
    const b = briefExtractive(r.text !== undefined ? { articles } : { articles, maxWords: 200 });
    return r.text !== undefined ? [b.lede, ...b.takeaways.map((t) => t.text)] : [b.lede, ...b.takeaways.map((t) => t.text), ...splitSentences(b.whyItMatters)].filter(Boolean);
  } finally {
    await svc.close();
  }
}

function locateRouge(dataFile: string, explicit?: string): string | undefined {
  if (explicit) {
    if (!fs.existsSync(explicit)) usage(`--rouge: no such file ${explicit}`);
    return path.resolve(explicit);
  }
  const beside = path.resolve(path.dirname(dataFile), 'rouge.mjs');
  return fs.existsSync(beside) ? beside : undefined;
}

function writeJsonl(file: string, rows: unknown[]): void {
  fs.writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
}

function scoreWithRougeMjs(rougePath: string, refFile: string, hypFile: string): RougeScores {
  const res = spawnSync(process.execPath, [rougePath, '--ref', refFile, '--hyp', hypFile, '--json'], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`rouge.mjs failed: ${res.stderr.trim() || res.status}`);
  const last = res.stdout.trim().split('\n').pop() ?? '{}';
  const j = JSON.parse(last) as { mean: Record<string, { f1: number }> };
  return { rouge1: j.mean.rouge1!.f1, rouge2: j.mean.rouge2!.f1, rougeLsum: j.mean.rougeLsum!.f1 };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(args.file)) usage(`no such file ${args.file}`);
  const records = readRecords(args.file, args.limit, args.half);
  if (!records.length) usage(`${args.file} has no records`);
  const cluster = records[0]!.text === undefined && Array.isArray(records[0]!.articles);

  const rougePath = locateRouge(args.file, args.rouge);
  // Lead-3 must split sentences exactly as lead3.mjs does: use rouge.mjs's splitter when we have it.
  let split: Splitter = splitSentences;
  if (rougePath) {
    const mod = (await import(pathToFileURL(rougePath).href)) as { splitSentences?: Splitter };
    if (mod.splitSentences) split = mod.splitSentences;
  }

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsbrief-eval-'));
  const refs: unknown[] = [];
  const systems: Record<string, Array<{ id: string; summary: string[] }>> = { engine: [], 'Lead-3': [] };
  if (cluster) systems['First-3 (every article)'] = [];
  const pairs: Record<string, Array<{ reference: string[]; hypothesis: string[] }>> = {};
  let failures = 0;
  const started = performance.now();
  let engineMs = 0;
  for (const [i, r] of records.entries()) {
    const id = String(r.id ?? i);
    const reference = referenceOf(r);
    refs.push(Array.isArray(r.references) && r.references.length > 1 ? { id, summaries: r.references } : { id, summary: r.reference ?? reference });
    const t0 = performance.now();
    let hyp: string[] = [];
    try {
      hyp = args.viaIngest ? await ingestedHypothesis(r, dir, i) : engineHypothesis(r);
    } catch (e) {
      failures++;
      process.stderr.write(`record ${id}: ${(e as Error).message}\n`);
    }
    engineMs += performance.now() - t0;
    const texts = r.text !== undefined ? [r.text] : (r.articles ?? []).map((a) => a.text);
    const hyps: Record<string, string[]> = {
      engine: hyp,
      'Lead-3': leadK(texts[0] ?? '', 3, split),
    };
    if (cluster) hyps['First-3 (every article)'] = texts.flatMap((t) => leadK(t, 3, split));
    for (const [name, summary] of Object.entries(hyps)) {
      systems[name]!.push({ id, summary });
      (pairs[name] ??= []).push({ reference, hypothesis: summary });
    }
  }

  const refFile = path.join(dir, 'ref.jsonl');
  writeJsonl(refFile, refs);
  const results: Array<[string, RougeScores, number]> = [];
  for (const [name, rows] of Object.entries(systems)) {
    const hypFile = path.join(dir, `hyp-${name.replace(/[^a-z0-9]+/gi, '_')}.jsonl`);
    writeJsonl(hypFile, rows);
    const scores = rougePath ? scoreWithRougeMjs(rougePath, refFile, hypFile) : scoreCorpus(pairs[name]!);
    const words = rows.reduce((a, r) => a + r.summary.join(' ').split(/\s+/).filter(Boolean).length, 0) / rows.length;
    results.push([name, scores, words]);
  }

  // Without --half: the engine on each half as well (records by index parity), to check a change
  // decided on one half against the other.
  const halves: Array<[string, RougeScores]> = [];
  if (!args.half && records.length > 1) {
    for (const [name, parity] of [['engine (even half)', 0], ['engine (odd half)', 1]] as const) {
      const keep = (_: unknown, i: number) => i % 2 === parity;
      const refHalf = path.join(dir, `ref-${parity}.jsonl`);
      const hypHalf = path.join(dir, `hyp-engine-${parity}.jsonl`);
      writeJsonl(refHalf, refs.filter(keep));
      writeJsonl(hypHalf, systems.engine!.filter(keep));
      halves.push([name, rougePath ? scoreWithRougeMjs(rougePath, refHalf, hypHalf) : scoreCorpus(pairs.engine!.filter(keep))]);
    }
  }

  const what = `${cluster ? 'clusters, lede + takeaways + why it matters' : 'single articles, lede + takeaways'}${args.viaIngest ? '; engine through the ingest path (files -> store -> story)' : ''}`;
  console.log(`${path.basename(args.file)}: ${records.length} records${args.half ? ` (${args.half} half)` : ''} (${what})`);
  console.log(`scorer: ${rougePath ?? 'built-in (src/eval/rouge-eval.ts)'}; files in ${dir}`);
  console.log(`${'system'.padEnd(26)} ${'R1'.padStart(6)} ${'R2'.padStart(6)} ${'RLsum'.padStart(6)} ${'words'.padStart(6)}`);
  for (const [name, s, w] of results) {
    console.log(
      `${name.padEnd(26)} ${s.rouge1.toFixed(2).padStart(6)} ${s.rouge2.toFixed(2).padStart(6)} ${s.rougeLsum.toFixed(2).padStart(6)} ${w.toFixed(0).padStart(6)}`,
    );
  }
  for (const [name, s] of halves) {
    console.log(`${name.padEnd(26)} ${s.rouge1.toFixed(2).padStart(6)} ${s.rouge2.toFixed(2).padStart(6)} ${s.rougeLsum.toFixed(2).padStart(6)}`);
  }
  console.log(
    `engine: ${(engineMs / records.length).toFixed(2)} ms per record` +
      `${failures ? `, ${failures} record(s) failed` : ''}; total ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`eval: ${(e as Error).message}\n`);
  process.exit(1);
});
