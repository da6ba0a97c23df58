// Redis killed (SIGKILL) and started again in the middle of an ingest run (issue 12): two
// `newsbrief worker` processes polling 30 feeds wait for it, and once it is back (its append-only
// file kept the queues, as a deployment runs it) they go on: every article stored once, every source
// polled, the stories those of one writer, and the workers still stop on SIGTERM in time.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { synthArticles } from '../../src/bench/synth.js';
import { rssText } from '../../src/bench/cli-ingest.js';
import { createSqliteSourcePolls } from '../../src/store/sqlite-source-polls.js';
import { sourceKey } from '../../src/ingest/poll-schedule.js';
import { describeWithRedis } from '../support/redis.js';
import { spawnNewsbrief, terminate, until, type Proc } from '../support/processes.js';
import { countArticles, storedArticles, storiesAndReplay, take } from '../support/replay.js';

describeWithRedis(
  'queue mode: Redis restarted mid-ingest',
  (redis) => {
    let dir: string;
    const procs: Proc[] = [];

    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'newsbrief-redis-restart-'));
    });
    afterAll(() => {
      for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('nothing lost, nothing doubled once Redis is back', async () => {
      const all = [...take(synthArticles({ seed: 11, topics: 30, perEvent: 4, bytes: 3000, spanDays: 20 }), 900)];
      const feeds = Array.from({ length: 30 }, (_, k) => {
        const path = join(dir, `feed-${k}.xml`);
        writeFileSync(path, rssText(all.filter((_, i) => i % 30 === k)));
        return path;
      });
      const db = join(dir, 'archive.db');
      const env = {
        REDIS_URL: redis().url,
        NEWSBRIEF_QUEUE_PREFIX: 'restart',
        NEWSBRIEF_DB: db,
        NEWSBRIEF_SOURCES: feeds.join(','),
        NEWSBRIEF_MAX_FEED_ITEMS: '100',
        NEWSBRIEF_JOB_LOCK: '2s',
        NEWSBRIEF_HTTP_PORT: '0',
        LOG_LEVEL: 'info',
      };
      for (const name of ['w0', 'w1']) procs.push(spawnNewsbrief(name, ['worker'], env, dir));
      const stored = (): number => {
        try {
          return countArticles(db);
        } catch {
          return 0; // not created yet
        }
      };
      await until(() => stored() >= all.length / 5, 90_000, 'a fifth of the articles');
      await redis().restart({ downMs: 1500 });
      const atRestart = stored();
      expect(atRestart).toBeLessThan(all.length);

      await until(() => stored() >= all.length, 120_000, 'every article');
      // Every source polled once and recorded as polled (none failed, none left due).
      const polls = createSqliteSourcePolls(db);
      try {
        const states = async () => Promise.all(feeds.map((f) => polls.get(sourceKey(f)!)));
        await until(async () => (await states()).every((p) => p?.lastSuccessAt), 60_000, 'every poll recorded');
        for (const s of await states()) expect(s!.failures, `${s!.url}: ${s!.lastError ?? ''}`).toBe(0);
      } finally {
        await polls.close();
      }

      for (const p of procs) {
        const { code, ms } = await terminate(p);
        expect(code, p.output().slice(-2000)).toBe(0);
        expect(ms).toBeLessThan(10_000);
      }
      const rows = storedArticles(db);
      expect(rows).toHaveLength(all.length);
      expect(new Set(rows.map((r) => r.url)).size).toBe(all.length);
      const { stored: groups, replayed } = await storiesAndReplay(db, dir);
      expect(groups).toEqual(replayed);
    }, 300_000);
  },
  { persist: true },
);
