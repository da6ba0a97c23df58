// The PostgreSQL adapters of the small ports, opened together on one pool (ADR 023). Only queue
// mode with DATABASE_URL needs this module: a composition root imports it lazily, so that an
// embedded run never loads pg.
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

export interface PostgresPorts {
  pool: PgPool;
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
