// The archive's ports, from the configuration (ADR 023): PostgreSQL when DATABASE_URL is set (one
// pool of NEWSBRIEF_PG_POOL connections, migrated), else the SQLite file NEWSBRIEF_DB. Part of the
// composition root: openServices uses it, and so can queue mode's processes. pg is imported only on
// the PostgreSQL path, so an embedded run never loads it.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Config } from '../config.js';
import { UserError } from '../domain/errors.js';
import type { ArticleSearch } from '../store/article-search.js';
import type { BriefingCache, ModelUsage } from '../store/briefing-cache.js';
import type { ChannelStore } from '../store/channel-store.js';
import type { DeliveryLedger } from '../store/delivery-ledger.js';
import type { SourcePolls } from '../store/source-polls.js';
import type { Store } from '../store/store.js';
import type { StoryPosts } from '../store/story-posts.js';
import { createSqliteStore } from '../store/sqlite-store.js';
import { createSqliteArticleSearch } from '../store/sqlite-article-search.js';
import { createSqliteChannelStore } from '../store/sqlite-channel-store.js';
import { createSqliteDeliveryLedger } from '../store/sqlite-delivery-ledger.js';
import { createSqliteSourcePolls } from '../store/sqlite-source-polls.js';
import { createSqliteStoryPosts } from '../store/sqlite-story-posts.js';
import { createSqliteBriefingCache } from '../store/sqlite-briefing-cache.js';
import { onFirstUse } from './on-first-use.js';

export interface Archive {
  kind: 'sqlite' | 'postgres';
  store: Store;
  search: ArticleSearch;
  channels: ChannelStore;
  deliveries: DeliveryLedger;
  polls: SourcePolls;
  storyPosts: StoryPosts;
  modelCache: BriefingCache & ModelUsage;
  /** Closes every port (PostgreSQL: ends the pool). Flush a pipeline over `store` first. */
  close(): Promise<void>;
}

export type ArchiveConfig = Pick<Config, 'NEWSBRIEF_DB' | 'DATABASE_URL' | 'NEWSBRIEF_PG_POOL'>;

/** The archive the configuration names, its store initialised (migrated). */
export async function openArchive(config: ArchiveConfig): Promise<Archive> {
  return config.DATABASE_URL ? openPostgresArchive(config.DATABASE_URL, config.NEWSBRIEF_PG_POOL) : openSqliteArchive(config.NEWSBRIEF_DB);
}

async function openSqliteArchive(path: string): Promise<Archive> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const store = createSqliteStore(path);
  await store.init();
  // Each reads through a connection of its own (WAL: beside the writer), opened on first use: a
  // process that only ingests never opens them; each refuses a file without its tables, which the
  // store's migrations (init above) create.
  const search = onFirstUse<ArticleSearch>(() => createSqliteArticleSearch(path));
  const channels = onFirstUse<ChannelStore>(() => createSqliteChannelStore(path));
  const deliveries = onFirstUse<DeliveryLedger>(() => createSqliteDeliveryLedger(path));
  const polls = onFirstUse<SourcePolls>(() => createSqliteSourcePolls(path));
  const storyPosts = onFirstUse<StoryPosts>(() => createSqliteStoryPosts(path));
  const modelCache = onFirstUse<BriefingCache & ModelUsage>(() => createSqliteBriefingCache(path));
  return {
    kind: 'sqlite',
    store,
    search,
    channels,
    deliveries,
    polls,
    storyPosts,
    modelCache,
    close: async () => {
      await search.close();
      await channels.close();
      await deliveries.close();
      await polls.close();
      await storyPosts.close();
      await modelCache.close();
      await store.close();
    },
  };
}

async function openPostgresArchive(url: string, poolSize: number): Promise<Archive> {
  const { openPostgresPorts, redactUrl } = await import('../store/postgres/index.js');
  let ports;
  try {
    ports = await openPostgresPorts({ url, max: poolSize });
  } catch (err) {
    if (err instanceof UserError) throw err;
    // pg's own messages hold no password; the URL shown is redacted.
    throw new Error(`${redactUrl(url)}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  try {
    // A `newsbrief migrate` that stopped half way: the archive is incomplete until it is rerun.
    const r = await ports.pool.query("SELECT key FROM archive_import WHERE key IN ('source', 'done')");
    const keys = new Set(r.rows.map((row: { key: string }) => row.key));
    if (keys.has('source') && !keys.has('done')) {
      throw new UserError('unavailable', `${redactUrl(url)}: a \`newsbrief migrate\` into it has not finished; run it again to complete the copy`);
    }
  } catch (err) {
    await ports.close();
    throw err;
  }
  const p = ports;
  return {
    kind: 'postgres',
    store: p.store,
    search: p.search,
    channels: p.channels,
    deliveries: p.ledger,
    polls: p.sourcePolls,
    storyPosts: p.storyPosts,
    modelCache: p.briefings,
    close: async () => {
      await p.store.close(); // waits for its queued writes
      await p.close();
    },
  };
}
