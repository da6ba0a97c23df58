// Issue 12 item 1, end to end through the CLI: the Gaza and trade fixtures ingested into a SQLite
// file (with channel settings, a subscription, a source and an alias), `newsbrief migrate` into a
// fresh PostgreSQL database, then every read command answers byte for byte the same from the file
// (--db) and from PostgreSQL (DATABASE_URL), and one more ingest gives the same outcome on both.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { Sink } from '../support/io.js';
import { usePostgres } from '../support/postgres.js';

const fixtures = resolve(import.meta.dirname, '../fixtures');
const pg = await usePostgres();

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  const stdout = new Sink();
  const stderr = new Sink();
  const code = await runCli(args, { env, stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const NEW_ARTICLE = `Valdoria and Ostmark reopen phase two tariff talks in Geneva

GENEVA, June 8, 2026 - Trade negotiators from Valdoria and Ostmark reopened talks on the second phase of their tariff pact in Geneva on Monday, after weeks of delay over car parts and public procurement.

Valdorian trade minister Petra Holm said the rules of origin for car parts were the last open question, and that both sides hoped to sign phase two before the end of the year.
`;

if (pg) {
  describe('the same archive in SQLite and in PostgreSQL, through the CLI', () => {
    let dir: string;
    let file: string;
    let lite: NodeJS.ProcessEnv;
    let post: NodeJS.ProcessEnv;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'newsbrief-pg-archive-'));
      file = join(dir, 'news.db');
      lite = { NEWSBRIEF_DB: file };
      post = { DATABASE_URL: pg.url };
      const steps = [
        ['ingest', join(fixtures, 'gaza'), join(fixtures, 'trade')],
        ['settings', 'timezone', 'Europe/Berlin'],
        ['subscribe', 'topic trade'],
        ['sources', 'add', 'https://example.com/feed.xml', 'every 2h'],
        ['alias', 'Bibi', 'Benjamin Netanyahu'],
      ];
      for (const args of steps) {
        const r = await run(args, lite);
        expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      }
      const m = await run(['migrate', '--from', file, '--to', pg.url, '--batch-size', '3'], {});
      expect(m.code, m.stderr).toBe(0);
      expect(m.stdout).toMatch(/^migrated .+news\.db to postgres:\/\/.+: \d+ articles, \d+ stories, \d+ storylines\n$/);
      expect(m.stderr).toMatch(/migrate: articles: \d+ rows/);
    }, 120_000);

    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    const same = async (args: string[], code = 0): Promise<string> => {
      const a = await run(args, lite);
      const b = await run(args, post);
      expect(a.code, `${args.join(' ')} (SQLite): ${a.stderr}`).toBe(code);
      expect({ args, code: b.code, stdout: b.stdout, stderr: b.stderr }).toEqual({ args, code: a.code, stdout: a.stdout, stderr: a.stderr });
      return a.stdout;
    };

    it('gives the same stories, briefings, actors, phases and timelines', async () => {
      const stories = await same(['stories']);
      expect(stories).toMatch(/Valdoria|Ostmark/);
      expect(stories).toMatch(/Gaza|Hamas/);
      await same(['stories', '--json']);
      for (const topic of ['phase two', 'Gaza ceasefire', 'tariff']) await same(['brief', topic]);
      await same(['brief', '--across', '3', 'phase two']);
      await same(['brief', '1']);
      await same(['actor', 'Hamas']);
      await same(['actor', 'Petra Holm']);
      await same(['actor', 'Bibi']);
      await same(['phase', 'phase two']);
      await same(['phase', 'phase two', '--json']);
      await same(['timeline', 'trade']);
      await same(['timeline', 'Gaza']);
      await same(['actors']);
      await same(['actors', 'ha']);
      await same(['phases']);
      await same(['digest', '--since', '3650d']);
    }, 120_000);

    it('carries the channel settings, subscriptions, sources, deliveries and usage over', async () => {
      await same(['settings']);
      await same(['subscribe', 'topic trade']);
      await same(['sources', 'list']);
      await same(['deliveries']);
      await same(['usage']);
      await same(['deliveries', 'retry', 'digest:nowhere'], 1);
      await same(['alias', 'Abu Obaida', 'Abu Obeida']);
      await same(['actors', 'abu']);
      await same(['unsubscribe', 'topic trade']);
      await same(['subscribe', 'actor Petra Holm']);
      await same(['settings', 'digest-time', '07:15']);
      await same(['settings']);
      await same(['sources', 'remove', 'https://example.com/feed.xml']);
      await same(['sources', 'list']);
    }, 60_000);

    it('ingests one more article with the same outcome on both', async () => {
      const article = join(dir, 'new.txt');
      writeFileSync(article, NEW_ARTICLE);
      const out = await same(['ingest', article]);
      expect(out).toMatch(/^added +#8 \((?:new )?story #\d+\)/);
      await same(['stories']);
      await same(['brief', 'phase two']);
    }, 60_000);

    it('refuses --db together with DATABASE_URL, and never prints the password', async () => {
      const both = await run(['--db', file, 'stories'], post);
      expect(both.code).toBe(2);
      expect(both.stderr).toBe('newsbrief: --db names a SQLite file but DATABASE_URL names a PostgreSQL archive; drop --db or unset DATABASE_URL\n');
      const down = await run(['stories'], { DATABASE_URL: 'postgres://newsbrief:sekret-pw@127.0.0.1:1/nowhere' });
      expect(down.code).toBe(1);
      expect(down.stderr).toMatch(/^newsbrief: postgres:\/\/newsbrief:\*\*\*@127\.0\.0\.1:1\/nowhere: .+\n$/);
      expect(down.stderr).not.toContain('sekret-pw');
      for (const url of ['mysql://u:sekret-pw@h/x', 'postgres://u:sekret-pw@', 'postgres://u:sekret-pw@[bad/x']) {
        const bad = await run(['stories'], { DATABASE_URL: url });
        expect([bad.code, bad.stderr]).toEqual([2, 'newsbrief: invalid configuration:\n  - DATABASE_URL=(hidden): expected a postgres:// URL such as postgres://newsbrief@127.0.0.1:5432/newsbrief\n']);
      }
    }, 30_000);
  });
} else {
  describe.skip('the same archive in SQLite and in PostgreSQL, through the CLI', () => {
    it('needs a PostgreSQL server', () => {});
  });
}
