// `--engine openai` through the real CLI: a SQLite archive, the real openai SDK and a local
// OpenAI-compatible server; the cache in the archive, `newsbrief usage`, the visible fallback, and
// the configuration's checks.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Briefing } from '../../src/domain/types.js';
import { cliAgainst } from './cli-run.js';
import { startFakeOpenAI, type FakeOpenAI } from './fake-openai.js';
import { FERRY } from './ferry-story.js';

let dir: string;
let fake: FakeOpenAI;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'newsbrief-openai-cli-'));
  mkdirSync(join(dir, 'in'));
  FERRY.forEach((a, i) => writeFileSync(join(dir, 'in', `${i + 1}.txt`), `${a.title}\n\n${a.text.replace(/(?<=\.) /g, '\n\n')}\n`));
  fake = await startFakeOpenAI({ echoPassages: true });
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

const cli = (args: string[], env: NodeJS.ProcessEnv = {}) => cliAgainst(fake, join(dir, 'main.db'), args, env);

describe('newsbrief --engine openai', () => {
  it('briefs a story with the model once; the second brief comes from the cache; usage shows the tokens', async () => {
    expect((await cli(['ingest', join(dir, 'in')])).code).toBe(0);
    const first = await cli(['--engine', 'openai', 'brief', '--story', '1', '--json']);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    const b = JSON.parse(first.out) as Briefing;
    expect(b.note).toBeUndefined();
    expect(b.takeaways.length).toBeGreaterThanOrEqual(3);
    expect(fake.requests).toHaveLength(1);
    const again = await cli(['--engine', 'openai', 'brief', '--story', '1', '--json']);
    expect(JSON.parse(again.out)).toEqual(b);
    expect(fake.requests).toHaveLength(1);
    // The extractive engine is still the default, and makes no call.
    expect((await cli(['brief', '--story', '1'])).code).toBe(0);
    expect(fake.requests).toHaveLength(1);

    const usage = await cli(['usage']);
    expect(usage.code).toBe(0);
    expect(usage.out).toMatch(/\| \d{4}-\d\d-\d\d \| test-model \| console:local \| 1 \| 120 \| 60 \|/);
    expect(usage.out).toContain('Today (UTC): 180 of 1000000 tokens');
    const json = JSON.parse((await cli(['usage', '--json'])).out) as { rows: Array<{ calls: number }> };
    expect(json.rows[0]!.calls).toBe(1);

    // The digest goes through the same engine and cache: the unchanged story costs nothing.
    const digest = await cli(['digest', '--since', '36500d', '--json'], { NEWSBRIEF_ENGINE: 'openai' });
    expect(digest.code).toBe(0);
    const items = JSON.parse(digest.out) as Array<{ storyId: number; briefing: Briefing }>;
    expect(items.find((i) => i.storyId === 1)?.briefing).toEqual(b);
    expect(fake.requests).toHaveLength(1);
  });

  it('the services the bot and the scheduler run on use the configured engine and the archive cache', async () => {
    const { openServices } = await import('../../src/app/compose.js');
    const { loadConfig } = await import('../../src/config.js');
    const svc = await openServices(loadConfig({ NEWSBRIEF_DB: join(dir, 'main.db'), NEWSBRIEF_ENGINE: 'openai', OPENAI_BASE_URL: fake.baseURL, OPENAI_MODEL: 'test-model' }));
    try {
      expect(svc.engine.name).toBe('openai');
      expect((await svc.modelCache.summary()).length).toBeGreaterThan(0);
    } finally {
      await svc.close();
    }
  });

  it('shows the fallback in the briefing when the model is unavailable', async () => {
    const saved = fake.fallback;
    fake.fallback = { status: 503 };
    try {
      const r = await cli(['--engine', 'openai', 'summarize', join(dir, 'in', '1.txt')]);
      expect(r.code).toBe(0);
      expect(r.out).toContain('_written offline: the model was unavailable_');
    } finally {
      fake.fallback = saved;
    }
  });

  it('refuses openai with neither a key nor a base URL, and an unknown engine, as configuration errors', async () => {
    const none = await cli(['--engine', 'openai', 'stories'], { OPENAI_BASE_URL: '' });
    expect(none.code).toBe(2);
    expect(none.err).toContain('NEWSBRIEF_ENGINE=openai needs OPENAI_API_KEY, or OPENAI_BASE_URL');
    const bogus = await cli(['--engine', 'gpt', 'stories']);
    expect(bogus.code).toBe(2);
    expect(bogus.err).toContain('NEWSBRIEF_ENGINE="gpt"');
  });

  it('never prints a secret in a configuration error', async () => {
    const r = await cli(['stories'], { SLACK_BOT_TOKEN: 'not-a-bot-token-secret', OPENAI_TEMPERATURE: '9' });
    expect(r.code).toBe(2);
    expect(r.err).toContain('SLACK_BOT_TOKEN=(hidden)');
    expect(r.err).toContain('OPENAI_TEMPERATURE="9"');
    expect(r.err).not.toContain('not-a-bot-token-secret');
  });
});
