// The bench's query store: a SQLite archive filled through the real pipeline with synthetic
// ~3-5 KB articles (synth.ts filler) whose opening paragraphs name actors (groups, people with
// roles), phases of a truce and dates, so actor, phase, timeline and brief have something to find.
// Shared by the query bench (queries.ts) and the chat bench (chat.ts).
import { existsSync } from 'node:fs';
import { createPipeline, textDraft, type BatchItem } from '../pipeline.js';
import { createSqliteStore } from '../store/sqlite-store.js';
import { rng, synthArticles } from './synth.js';

export const GROUPS = ['Hamas', 'Hezbollah', 'the Houthis', 'Egypt', 'Qatar', 'Israel', 'Turkey', 'the United Nations', 'Iran', 'Jordan'];
export const FIRST = ['Amira', 'Karim', 'Dana', 'Yusuf', 'Lena', 'Omar', 'Sara', 'Tariq', 'Noor', 'Elias', 'Maya', 'Samir'];
export const LAST = ['Haddad', 'Nasser', 'Khoury', 'Saleh', 'Mansour', 'Darwish', 'Aziz', 'Farah', 'Barakat', 'Shami', 'Rahal', 'Jaber'];
const ROLES = ['special envoy', 'foreign minister', 'senior official', 'spokesperson', 'chief negotiator'];
export const PHASES = ['phase one', 'phase two', 'the second phase', 'phase three', 'the first phase'];
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

/** The synthetic stream the store is filled from (the filler text and the titles). */
const SYNTH = { seed: 3, bytes: 2500 } as const;

/**
 * Words stories of the archive are about: the event names the synthetic titles carry (one
 * capitalised name per event), `n` of them spread over the first articles (at most 5,000: any
 * archive of `total` articles holds them).
 */
export function storeTopics(total: number, n: number): string[] {
  const source = synthArticles(SYNTH);
  const span = Math.min(total, 5000);
  const step = Math.max(1, Math.floor(span / n));
  const out: string[] = [];
  for (let i = 0; i < span && out.length < n; i++) {
    const s = source.next().value!;
    if (i % step === 0) out.push(s.title.split(' ')[2]!);
  }
  return out;
}

export interface BuiltStore {
  stored: number;
  seconds: number;
  /** True when the time budget ran out before `total` articles were stored. */
  stoppedEarly: boolean;
  /** True when the file already held articles and was used as it was. */
  reused: boolean;
}

/**
 * The store at `dbPath` as it is when it already holds articles (a kept store, or one another part
 * of the bench built: `--db PATH`), else built by `buildQueryStore`.
 */
export async function openOrBuildQueryStore(dbPath: string, opts: { total: number; budgetMs: number; log?: (line: string) => void }): Promise<BuiltStore> {
  if (existsSync(dbPath)) {
    const store = createSqliteStore(dbPath);
    await store.init();
    const stored = await store.countArticles();
    await store.close();
    if (stored > 0) return { stored, seconds: 0, stoppedEarly: false, reused: true };
  }
  return buildQueryStore(dbPath, opts);
}

/**
 * Fills the SQLite file at `dbPath` (created when missing) with up to `total` articles, in
 * batches of 256 through `pipeline.ingestMany`, stopping early after `budgetMs`. Deterministic:
 * the same total gives the same archive. Progress lines go to `log`.
 */
export async function buildQueryStore(dbPath: string, opts: { total: number; budgetMs: number; log?: (line: string) => void }): Promise<BuiltStore> {
  const log = opts.log ?? (() => {});
  const store = createSqliteStore(dbPath);
  await store.init();
  const pipeline = createPipeline({ store });
  const r = rng(11);
  const source = synthArticles(SYNTH);
  const t0 = performance.now();
  let stored = 0;
  try {
    while (stored < opts.total && performance.now() - t0 < opts.budgetMs) {
      const batch: BatchItem[] = [];
      for (let i = 0; i < 256 && stored + batch.length < opts.total; i++) {
        const s = source.next().value!;
        const published = new Date(s.publishedAt);
        batch.push({ draft: textDraft({ url: s.url, title: s.title, outlet: s.outlet, publishedAt: s.publishedAt, text: storyText(r, published, s.text) }) });
      }
      const out = await pipeline.ingestMany(batch);
      stored += out.filter((o) => o.status === 'added').length;
      if (stored % 10_240 < 256) log(`  ${stored.toLocaleString('en')} stored, ${(stored / ((performance.now() - t0) / 1000)).toFixed(0)} articles/s`);
    }
    await pipeline.flush();
  } finally {
    await store.close();
  }
  return { stored, seconds: (performance.now() - t0) / 1000, stoppedEarly: stored < opts.total, reused: false };
}
