// The PostgreSQL adapters of the archive's ports, opened together on one pool (ADR 023). Only a
// process with DATABASE_URL needs this module: the composition root (src/app/open-archive.ts)
// imports it lazily, so that an embedded run never loads pg.
import type { ChannelStore } from '../channel-store.js';
import type { DeliveryLedger } from '../delivery-ledger.js';
import type { StoryPosts } from '../story-posts.js';
import type { SourcePolls } from '../source-polls.js';
import type { BriefingCache, ModelUsage } from '../briefing-cache.js';
import { createPgPool, type PgPool, type PgPoolOptions } from './pool.js';
import { migratePostgres } from './migrations.js';
import { createPgChannelStore } from './pg-channel-store.js';
import { createPgDeliveryLedger } from './pg-delivery-ledger.js';
import { createPgStoryPosts } from './pg-story-posts.js';
import { createPgSourcePolls } from './pg-source-polls.js';
import { createPgBriefingCache } from './pg-briefing-cache.js';
import { createPgStore } from './pg-store.js';
import { createPgArticleSearch } from './pg-article-search.js';
import type { Store } from '../store.js';
import type { ArticleSearch } from '../article-search.js';

export interface PostgresPorts {
  pool: PgPool;
  /** The main Store (articles, stories, storylines), migrated with the rest. */
  store: Store;
  search: ArticleSearch;
  channels: ChannelStore;
  ledger: DeliveryLedger;
  storyPosts: StoryPosts;
  sourcePolls: SourcePolls;
  briefings: BriefingCache & ModelUsage;
  /** Ends the pool (the adapters' own close() leave it open). */
  close(): Promise<void>;
}

/** A pool, the migrations applied (a newer schema refused), and every adapter over that pool. */
export async function openPostgresPorts(opts: PgPoolOptions): Promise<PostgresPorts> {
  const pool = createPgPool(opts);
  try {
    await migratePostgres(pool, { where: opts.url, ...(opts.schema !== undefined ? { schema: opts.schema } : {}) });
  } catch (err) {
    await pool.end();
    throw err;
  }
  return {
    pool,
    store: createPgStore(pool, { where: opts.url, ...(opts.schema !== undefined ? { schema: opts.schema } : {}) }),
    search: createPgArticleSearch(pool),
    channels: createPgChannelStore(pool),
    ledger: createPgDeliveryLedger(pool),
    storyPosts: createPgStoryPosts(pool),
    sourcePolls: createPgSourcePolls(pool),
    briefings: createPgBriefingCache(pool),
    close: () => pool.end(),
  };
}

export { createPgPool, createPgPoolFromConfig, redactUrl, withTransaction, type PgPool, type PgPoolOptions } from './pool.js';
export { migratePostgres, pgSchemaVersion, PG_MIGRATIONS, type PgMigration } from './migrations.js';
export { createPgChannelStore, createPgDeliveryLedger, createPgStoryPosts, createPgSourcePolls, createPgBriefingCache };
export { createPgStore, type PgStoreOptions } from './pg-store.js';
export { createPgArticleSearch } from './pg-article-search.js';
