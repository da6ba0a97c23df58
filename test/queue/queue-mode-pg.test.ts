// Queue mode across machines (issue 12): two `newsbrief worker` processes on one Redis with the
// archive in PostgreSQL (DATABASE_URL, a fresh database). Every article once, the stories of one
// writer taking them in stored order (the ingest lock), /healthz of a worker reporting Redis, the
// queues and the database, and SIGTERM within 10 s.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synthArticles } from '../../src/bench/synth.js';
import { rssText } from '../../src/bench/cli-ingest.js';
import { describeWithRedis } from '../support/redis.js';
import { usePostgres } from '../support/postgres.js';
import { freePort } from '../support/io.js';
import { spawnNewsbrief, terminate, until, type Proc } from '../support/processes.js';
import { postgresRows, storiesAndReplay, take } from '../support/replay.js';

const pg = await usePostgres();

if (pg) {
  describeWithRedis('queue mode on PostgreSQL: two workers', (redis) => {
    let dir: string;
    const procs: Proc[] = [];
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'newsbrief-queue-pg-'));
    });
    afterAll(() => {
      for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('every article once, the stories of one writer, health of Redis, queues and database', async () => {
      const all = [...take(synthArticles({ seed: 5, topics: 20, perEvent: 4, bytes: 1500, spanDays: 10 }), 240)];
      const feeds = Array.from({ length: 12 }, (_, k) => {
        const path = join(dir, `feed-${k}.xml`);
        writeFileSync(path, rssText(all.filter((_, i) => i % 12 === k)));
        return path;
      });
      const ports = [await freePort(), await freePort()];
      for (const [i, port] of ports.entries()) {
        procs.push(
          spawnNewsbrief(
            `pgworker${i}`,
            ['worker'],
            { REDIS_URL: redis().url, NEWSBRIEF_QUEUE_PREFIX: 'pg', DATABASE_URL: pg.url, NEWSBRIEF_SOURCES: feeds.join(','), NEWSBRIEF_JOB_LOCK: '2s', NEWSBRIEF_HTTP_PORT: String(port), LOG_LEVEL: 'info' },
            dir,
          ),
        );
      }
      const pool = pg.pool('public', 1);
      const count = async (): Promise<number> => {
        try {
          return Number((await pool.query('SELECT count(*) AS n FROM articles')).rows[0].n);
        } catch {
          return 0; // not migrated yet
        }
      };
      await until(async () => (await count()) >= all.length, 120_000, 'every article stored');

      const health = await fetch(`http://127.0.0.1:${ports[0]}/healthz`);
      const body = JSON.stringify(await health.json());
      expect(health.status, body).toBe(200);
      expect(body).toContain('"redis":"ok"');
      expect(body).toContain('"database":"ok"');
      expect(body).toContain('"poll-source"');
      const metrics = await (await fetch(`http://127.0.0.1:${ports[0]}/metrics`)).text();
      expect(metrics).toMatch(/newsbrief_queue_jobs\{queue="poll-source",state="[a-z]+"\} \d+/);
      expect(metrics).toMatch(/newsbrief_job_duration_seconds_count\{queue="poll-source",outcome="completed"\} [1-9]/);

      for (const p of procs) {
        const { code, ms } = await terminate(p);
        expect(code, p.output().slice(-2000)).toBe(0);
        expect(ms).toBeLessThan(10_000);
      }
      for (const p of procs) expect(p.output()).toMatch(/source polled/);
      const rows = await postgresRows(pool);
      expect(rows).toHaveLength(all.length);
      expect(new Set(rows.map((r) => r.url))).toEqual(new Set(all.map((a) => a.url)));
      const { stored, replayed } = await storiesAndReplay(rows, dir);
      expect(stored).toEqual(replayed);
    }, 240_000);
  });
} else {
  describe.skip('queue mode on PostgreSQL: two workers (no PostgreSQL server)', () => {
    it('needs PostgreSQL', () => {});
  });
}
