// Clustering figure: ingest every article of a Multi-News style JSONL set (records of related
// articles) into one fresh store through the real pipeline, in file order, text alone, and score
// the stories against the records with B-cubed precision / recall / F1.
// Usage: npm run eval:cluster -- FILE.jsonl
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { splitSentences } from '../analyze/text.js';
import { createPipeline, textDraft } from '../pipeline.js';
import type { ClusterOptions } from '../cluster/clusterer.js';
import { createSqliteStore } from '../store/sqlite-store.js';

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
  articles?: Array<{ text?: string }>;
  documents?: string[];
}

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: npm run eval:cluster -- FILE.jsonl');
    process.exit(2);
  }
  const rows = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Row);

  const dir = mkdtempSync(join(tmpdir(), 'newsbrief-eval-'));
  const store = createSqliteStore(join(dir, 'eval.db'));
  await store.init();
  // NEWSBRIEF_CLUSTER_OPTIONS (JSON) overrides clustering options, for experiments.
  const overrides = process.env.NEWSBRIEF_CLUSTER_OPTIONS ? (JSON.parse(process.env.NEWSBRIEF_CLUSTER_OPTIONS) as Partial<ClusterOptions>) : {};
  const pipeline = createPipeline({ store, cluster: overrides });
  const truth: string[] = [];
  const predicted: string[] = [];
  // A duplicate is not stored (the store keeps one copy), so it is in no story: scored like a
  // rejected article. `asOriginal` also reports the view where it counts in its original's story.
  const asOriginal: string[] = [];
  let rejected = 0;
  let duplicates = 0;
  let n = 0;
  try {
    for (const [r, row] of rows.entries()) {
      const texts = row.articles?.map((a) => a.text ?? '') ?? row.documents ?? [];
      for (const text of texts) {
        n++;
        const title = splitSentences(text)[0] ?? '';
        const outcome = await pipeline.ingest(textDraft({ url: `eval://${r}/${n}`, title, text }), `${r}/${n}`);
        truth.push(row.id ?? String(r));
        if (outcome.status === 'added') {
          predicted.push(`story-${outcome.storyId}`);
          asOriginal.push(`story-${outcome.storyId}`);
        } else if (outcome.status === 'duplicate') {
          duplicates++;
          const original = await store.getArticle(outcome.duplicateOf);
          predicted.push(`alone-${n}`);
          asOriginal.push(original?.storyId !== undefined ? `story-${original.storyId}` : `alone-${n}`);
        } else {
          rejected++;
          predicted.push(`alone-${n}`); // a rejected article is a story of its own
          asOriginal.push(`alone-${n}`);
        }
      }
    }
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const s = bcubed(truth, predicted);
  const stories = new Set(predicted).size;
  const d = bcubed(truth, asOriginal);
  const f = (x: number) => x.toFixed(4);
  console.log(`articles ${truth.length}  true clusters ${new Set(truth).size}  stories ${stories}  duplicates ${duplicates}  rejected ${rejected}`);
  console.log(`B-cubed precision ${f(s.precision)}  recall ${f(s.recall)}  F1 ${f(s.f1)}`);
  console.log(`(duplicates counted in their original's story: precision ${f(d.precision)}  recall ${f(d.recall)}  F1 ${f(d.f1)})`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
}
