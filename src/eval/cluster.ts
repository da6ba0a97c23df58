// Clustering figure, measured as users get it: every article of a JSONL set is written as a text
// file (one .txt per article, as a user would save them) into a fresh folder, and that folder is
// ingested into a fresh store through the same path as `newsbrief ingest` (collect -> dedupe ->
// cluster, the dates that path finds, the same batches). The stories are scored against the records
// with B-cubed precision / recall / F1. Both set shapes are read: `{articles: [{text}]}` (or
// `{documents: [...]}`) per cluster of related articles, and `{text}` per single article (each is
// then its own cluster: the figure shows how often unrelated articles are merged).
// Usage: npm run eval:cluster -- FILE.jsonl [FILE.jsonl ...]
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ingestInputs } from '../app/commands.js';
import { openServices } from '../app/compose.js';
import { loadConfig } from '../config.js';
import { createPipeline } from '../pipeline.js';
import type { ClusterOptions } from '../cluster/clusterer.js';

export interface BCubed {
  precision: number;
  recall: number;
  f1: number;
}

/** B-cubed scores of predicted clusters against true ones (one label per item, same order). */
export function bcubed(truth: string[], predicted: string[]): BCubed {
  const count = (labels: string[]) => {
    const m = new Map<string, number>();
    for (const l of labels) m.set(l, (m.get(l) ?? 0) + 1);
    return m;
  };
  const t = count(truth);
  const p = count(predicted);
  const both = count(truth.map((l, i) => `${l}\u0000${predicted[i]}`));
  let precision = 0;
  let recall = 0;
  truth.forEach((l, i) => {
    const shared = both.get(`${l}\u0000${predicted[i]}`)!;
    precision += shared / p.get(predicted[i]!)!;
    recall += shared / t.get(l)!;
  });
  precision /= truth.length || 1;
  recall /= truth.length || 1;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

interface Row {
  id?: string;
  text?: string;
  articles?: Array<{ text?: string }>;
  documents?: string[];
}

/** The article texts of one JSONL record, whichever of the two shapes it has. */
export function rowTexts(row: Row): string[] {
  if (row.articles) return row.articles.map((a) => a.text ?? '');
  if (row.documents) return row.documents;
  return typeof row.text === 'string' ? [row.text] : [];
}

export interface ClusterEval {
  articles: number;
  clusters: number;
  stories: number;
  duplicates: number;
  rejected: number;
  /** Articles stored with a publication date found by ingest. */
  dated: number;
  scores: BCubed;
  /** Duplicates counted in their original's story. */
  asOriginal: BCubed;
  /**
   * Over the articles the archive holds: rejected inputs (junk pages such as a "Tweet with a
   * location" notice, which the sets' clusters include) left out, duplicates in their original's
   * story. Rejections are measured on their own (`rejected`, each with its reason).
   */
  stored: BCubed;
  /** Per article: its record, and the story it went to (or `alone-N` when not stored). */
  truth: string[];
  predicted: string[];
  /** Per article: why it was not stored, when it was not. */
  reasons: Map<number, string>;
}

/**
 * Writes the records' articles as text files into `folder` and ingests the folder through the
 * `newsbrief ingest` path into a fresh store `db`. `cluster` overrides clustering options (experiments).
 */
export async function evaluateClustering(rows: Row[], folder: string, db: string, cluster: Partial<ClusterOptions> = {}): Promise<ClusterEval> {
  const truth: string[] = [];
  const files: string[] = [];
  rows.forEach((row, r) => {
    rowTexts(row).forEach((text, i) => {
      // Names sort in record order, so the folder is read in the set's order.
      const file = join(folder, `${String(r).padStart(6, '0')}-${String(i).padStart(3, '0')}.txt`);
      writeFileSync(file, text);
      files.push(file);
      truth.push(row.id ?? String(r));
    });
  });
  const index = new Map(files.map((f, n) => [f, n]));
  const svc = await openServices({ ...loadConfig({}), NEWSBRIEF_DB: db });
  const services = Object.keys(cluster).length ? { ...svc, pipeline: createPipeline({ store: svc.store, cluster }) } : svc;
  const predicted = files.map((_, n) => `alone-${n}`);
  const asOriginal = [...predicted];
  const reasons = new Map<number, string>();
  const duplicateOf = new Map<number, number>();
  let duplicates = 0;
  const rejectedInputs = new Set<number>();
  let dated = 0;
  try {
    const added = new Map<number, number>(); // article id -> file number
    await ingestInputs(services, [folder], (o) => {
      const n = index.get(o.input);
      if (n === undefined) return;
      if (o.status === 'added') {
        predicted[n] = asOriginal[n] = `story-${o.storyId}`;
        added.set(o.articleId, n);
      } else if (o.status === 'duplicate') {
        duplicates++;
        duplicateOf.set(n, o.duplicateOf);
        reasons.set(n, `duplicate of #${o.duplicateOf}`);
      } else if (o.status === 'rejected') {
        rejectedInputs.add(n);
        reasons.set(n, o.reason);
      }
    });
    for (const [id, n] of added) if ((await svc.store.getArticle(id))?.publishedAt) dated++;
    for (const [n, id] of duplicateOf) {
      const original = await svc.store.getArticle(id);
      if (original?.storyId !== undefined) asOriginal[n] = `story-${original.storyId}`;
    }
    if (services.pipeline !== svc.pipeline) await services.pipeline.flush();
  } finally {
    await svc.close();
  }
  return {
    articles: files.length,
    clusters: new Set(truth).size,
    stories: new Set(predicted).size,
    duplicates,
    rejected: rejectedInputs.size,
    dated,
    scores: bcubed(truth, predicted),
    asOriginal: bcubed(truth, asOriginal),
    stored: bcubed(...withoutInputs(truth, asOriginal, rejectedInputs)),
    truth,
    predicted,
    reasons,
  };
}

/** The labels of every input but the `left` ones (a rejected input is no article of the archive). */
function withoutInputs(truth: string[], predicted: string[], left: Set<number>): [string[], string[]] {
  return [truth.filter((_, n) => !left.has(n)), predicted.filter((_, n) => !left.has(n))];
}

function readRows(file: string): Row[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Row);
}

async function main(): Promise<void> {
  const sets = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  if (!sets.length) {
    console.error('usage: npm run eval:cluster -- FILE.jsonl [FILE.jsonl ...]');
    process.exit(2);
  }
  // NEWSBRIEF_CLUSTER_OPTIONS (JSON) overrides clustering options, for experiments.
  const overrides = process.env.NEWSBRIEF_CLUSTER_OPTIONS ? (JSON.parse(process.env.NEWSBRIEF_CLUSTER_OPTIONS) as Partial<ClusterOptions>) : {};
  const f = (x: number) => x.toFixed(4);
  for (const file of sets) {
    const dir = mkdtempSync(join(tmpdir(), 'newsbrief-eval-'));
    const folder = join(dir, 'articles');
    try {
      mkdirSync(folder);
      const e = await evaluateClustering(readRows(file), folder, join(dir, 'eval.db'), overrides);
      if (sets.length > 1) console.log(`== ${basename(file)}`);
      console.log(
        `articles ${e.articles}  true clusters ${e.clusters}  stories ${e.stories}  duplicates ${e.duplicates}  rejected ${e.rejected}  dated ${e.dated} of ${e.articles - e.duplicates - e.rejected} stored`,
      );
      console.log(`B-cubed precision ${f(e.scores.precision)}  recall ${f(e.scores.recall)}  F1 ${f(e.scores.f1)}`);
      console.log(`(duplicates counted in their original's story: precision ${f(e.asOriginal.precision)}  recall ${f(e.asOriginal.recall)}  F1 ${f(e.asOriginal.f1)})`);
      console.log(`over the ${e.articles - e.rejected} articles stored (rejected inputs left out): precision ${f(e.stored.precision)}  recall ${f(e.stored.recall)}  F1 ${f(e.stored.f1)}`);
      if (process.argv.includes('--verbose')) {
        for (const [n, why] of e.reasons) console.log(`  not stored ${n}: ${why}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
}
