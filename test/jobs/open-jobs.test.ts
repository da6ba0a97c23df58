// Queue mode's libraries are loaded only in queue mode (ADR 022, ADR 024): no module of src/ but the
// BullMQ adapter imports bullmq or ioredis statically (the shared limits and the queue health import
// them dynamically), and no module imports the adapter but by dynamic import (or for its types,
// which the compiler erases).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openJobs } from '../../src/jobs/open-jobs.js';

const SRC = resolve(import.meta.dirname, '../../src');
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));

describe('queue-mode libraries stay out of embedded mode', () => {
  it('only the queue-mode modules import bullmq or ioredis, and only dynamically are they loaded', () => {
    // The BullMQ adapter imports them statically and is itself imported only dynamically; the
    // shared limits and the queue health import them dynamically, inside the function that needs them.
    const ADAPTER = join('jobs', 'bullmq-jobs.ts');
    const LAZY = new Set([join('limits', 'shared-limits.ts'), join('jobs', 'queue-health.ts')]);
    const offenders: string[] = [];
    for (const f of files(SRC)) {
      const rel = relative(SRC, f);
      const text = readFileSync(f, 'utf8');
      const statically = /^\s*(import|export)(?!\s+type\b)\b[^;]*\bfrom\s+['"](bullmq|ioredis)['"]/m.test(text);
      const dynamically = /import\(\s*['"](bullmq|ioredis)['"]/.test(text);
      if (rel !== ADAPTER && (statically || (dynamically && !LAZY.has(rel)))) offenders.push(`${rel}: imports bullmq/ioredis`);
      if (/^\s*(import|export)(?!\s+type\b)\b[^;]*\bfrom\s+['"][^'"]*bullmq-jobs\.js['"]/m.test(text)) offenders.push(`${rel}: imports the BullMQ adapter statically`);
    }
    expect(offenders).toEqual([]);
  });

  it('embedded mode gets the in-process adapter; queue mode without REDIS_URL is refused', async () => {
    const jobs = await openJobs({ mode: 'embedded', REDIS_URL: undefined }, () => {});
    await jobs.stop();
    await expect(openJobs({ mode: 'queue', REDIS_URL: undefined }, () => {})).rejects.toThrow(/REDIS_URL/);
  });
});
