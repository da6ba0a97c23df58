// Property: any article, rewritten as one paragraph with a trailing photo caption (as plain-text
// exports, JSON Feed `content_text` and scraped pages give it), is still ingested, with the same
// text. Checked on generated articles always, and on the dev sets' articles when NEWSBRIEF_EVAL_DIR
// names their folder (multinews_dev.jsonl, cnndm_dev.jsonl).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, type CollectedItem } from '../../src/ingest/collect.js';

// Sentences written for this test; names with a lower-case letter before a capital on purpose.
const SENTENCES = [
  'The harbour board approved a plan to deepen the channel so that larger container ships can dock.',
  'Work on the dredging is due to begin in the spring and last about eighteen months.',
  'Fishermen said the noise would drive cod away from the bay during the spawning season.',
  'A spokesman for DeepWater Marine said the company would pause work in the mornings.',
  'The city expects the project to add four hundred jobs at the port by the end of the decade.',
  'Shares in the operator rose 3.2 percent after the announcement, their biggest gain this year.',
  'Engineers from McLaren Applied will fit sensors to the cranes to predict when parts wear out.',
  'Local residents can follow the work on a live feed posted to YouTube every evening.',
  'An iPhone app will show the tide tables and warn boats away from the dredgers.',
  'The environment agency asked for a second study of the seagrass beds near the river mouth.',
  'Critics said the consultation had been rushed and held in the middle of the summer holidays.',
  'The mayor, who backed the plan, said the port could not stand still while rivals grew.',
  'Two councillors voted against it, citing the cost of repairing the old sea wall first.',
  'The first ships using the deeper channel are expected to arrive in eighteen months.',
];
const CAPTIONS = [
  'Dredgers at work in the outer harbour',
  'The mayor with harbour staff at the quay on Monday',
  'A container ship waits offshore near the DeepWater terminal',
];

/** Small deterministic PRNG (mulberry32), so a failure can be reproduced. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generated(count: number): string[][] {
  const rand = rng(7);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
  return Array.from({ length: count }, () => {
    const paragraphs = Array.from({ length: 3 + Math.floor(rand() * 4) }, () => Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(SENTENCES)).join(' '));
    return [...paragraphs, pick(CAPTIONS)];
  });
}

/** The dev sets' articles as paragraph lists, when NEWSBRIEF_EVAL_DIR is set. */
function devArticles(): string[][] {
  const dir = process.env.NEWSBRIEF_EVAL_DIR;
  if (!dir) return [];
  const out: string[][] = [];
  for (const name of ['multinews_dev.jsonl', 'cnndm_dev.jsonl']) {
    const file = join(dir, name);
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const row = JSON.parse(line) as { text?: string; articles?: Array<{ text?: string }> };
      const texts = row.articles ? row.articles.map((a) => a.text ?? '') : [row.text ?? ''];
      for (const t of texts) out.push([...t.split(/\n/).map((l) => l.trim()).filter(Boolean), 'Photo of the scene shared by a reader']);
    }
  }
  return out;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsbrief-prose-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function ingestOneParagraph(articles: string[][]): Promise<Map<string, CollectedItem>> {
  const folder = mkdtempSync(join(dir, 'set-'));
  articles.forEach((paragraphs, i) => writeFileSync(join(folder, `${String(i).padStart(5, '0')}.txt`), paragraphs.join(' ')));
  const items = new Map<string, CollectedItem>();
  for await (const item of collect([folder], { now: new Date('2026-12-01T12:00:00Z') })) items.set(item.input, item);
  return items;
}

describe('one paragraph with a trailing caption is ingested with the same text', () => {
  const articles = [...generated(200), ...devArticles()];

  it(`holds for ${articles.length} articles (${process.env.NEWSBRIEF_EVAL_DIR ? 'generated and dev sets' : 'generated; set NEWSBRIEF_EVAL_DIR for the dev sets'})`, async () => {
    const items = await ingestOneParagraph(articles);
    const lost: string[] = [];
    for (const [input, item] of items) {
      const i = Number(input.slice(-9, -4));
      const paragraph = articles[i]!.join(' ').replace(/\s+/g, ' ').trim();
      if (paragraph.split(' ').length < 25) continue; // too short to be an article
      if (item.kind !== 'article' || item.draft.text !== paragraph) lost.push(`${i}: ${item.kind === 'rejected' ? item.reason : paragraph.slice(0, 80)}`);
    }
    expect(lost).toEqual([]);
  }, 120_000);
});
