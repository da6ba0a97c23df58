// Queue mode's libraries are loaded only in queue mode (ADR 022): no module of src/ but the
// queue-mode modules imports bullmq or ioredis, and no other module imports one of those but by
// dynamic import (or for its types, which the compiler erases).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openJobs } from '../../src/jobs/open-jobs.js';

const SRC = resolve(import.meta.dirname, '../../src');
/** These import bullmq or ioredis statically: every other module imports them dynamically or for types only. */
const QUEUE_MODULES = new Set(['jobs/bullmq-jobs.ts', 'jobs/redis-exclusive.ts', 'jobs/redis-term-stats-log.ts'].map((p) => join(...p.split('/'))));
/** These import bullmq or ioredis dynamically, inside the function that needs them (so importing them loads neither). */
const LAZY_MODULES = new Set(['jobs/queue-health.ts', 'limits/shared-limits.ts', 'bench/queue.ts'].map((p) => join(...p.split('/'))));
const moduleName = (p: string): string => p.split('/').pop()!.replace(/\.ts$/, '');
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));

describe('queue-mode libraries stay out of embedded mode', () => {
  it('only the queue-mode modules import bullmq or ioredis, and only dynamically are they imported', () => {
    const offenders: string[] = [];
    const queueNames = [...QUEUE_MODULES].map((p) => moduleName(p.split('\\').join('/')));
    for (const f of files(SRC)) {
      const rel = relative(SRC, f);
      const text = readFileSync(f, 'utf8');
      if (QUEUE_MODULES.has(rel)) continue;
      if (/^\s*(import|export)(?!\s+type\b)\b[^;]*\bfrom\s+['"](bullmq|ioredis)['"]/m.test(text)) offenders.push(`${rel}: imports bullmq/ioredis statically`);
      if (/import\(\s*['"](bullmq|ioredis)['"]/.test(text) && !LAZY_MODULES.has(rel)) offenders.push(`${rel}: imports bullmq/ioredis (only the lazy modules may, dynamically)`);
      for (const name of queueNames) {
        if (new RegExp(`^\\s*(import|export)(?!\\s+type\\b)\\b[^;]*\\bfrom\\s+['"][^'"]*/${name}\\.js['"]`, 'm').test(text)) offenders.push(`${rel}: imports ${name} statically`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('embedded mode gets the in-process adapter; queue mode without REDIS_URL is refused', async () => {
    const jobs = await openJobs({ mode: 'embedded', REDIS_URL: undefined }, () => {});
    await jobs.stop();
    await expect(openJobs({ mode: 'queue', REDIS_URL: undefined }, () => {})).rejects.toThrow(/REDIS_URL/);
  });
});
