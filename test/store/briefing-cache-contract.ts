// Contract suite for the BriefingCache and ModelUsage ports: every implementation (memory, SQLite,
// PostgreSQL later) must pass it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Briefing } from '../../src/domain/types.js';
import type { BriefingCache, ModelUsage } from '../../src/store/briefing-cache.js';

export interface CacheHandle {
  cache: BriefingCache & ModelUsage;
  /** Another handle on the same data (another connection), or the same one where there is none. */
  second(): Promise<BriefingCache & ModelUsage>;
  cleanup(): Promise<void>;
}

const B: Briefing = {
  headline: 'Ferry crews walk out',
  lede: 'Crews struck on 6 June.',
  takeaways: [{ text: 'Crossings stopped.', sources: [1] }],
  whyItMatters: '',
  actors: [{ name: 'Marta Ilves', kind: 'person' }],
  sources: [{ n: 1, title: 'Ferry crews walk out', url: 'https://harbour.test/a' }],
};

export function describeBriefingCacheContract(name: string, make: () => Promise<CacheHandle>): void {
  describe(`BriefingCache and ModelUsage contract: ${name}`, () => {
    let h: CacheHandle;
    beforeEach(async () => {
      h = await make();
    });
    afterEach(async () => h.cleanup());

    it('gives back what was put under a key, the same for another handle; an unknown key gives nothing', async () => {
      expect(await h.cache.get('k1')).toBeUndefined();
      await h.cache.put('k1', B, { model: 'm', promptVersion: 'briefing.v1', at: '2026-06-06T10:00:00Z' });
      expect(await h.cache.get('k1')).toEqual(B);
      expect(await (await h.second()).get('k1')).toEqual(B);
      await h.cache.put('k1', { ...B, headline: 'Newer' }, { model: 'm', promptVersion: 'briefing.v1', at: '2026-06-06T11:00:00Z' });
      expect((await h.cache.get('k1'))?.headline).toBe('Newer');
    });

    it('sums tokens per UTC day, in all and per workspace, and summarises per day, model and workspace', async () => {
      await h.cache.record({ at: '2026-06-06T23:59:00Z', model: 'gpt-a', workspace: 'discord:1', tokensIn: 100, tokensOut: 20 });
      await h.cache.record({ at: '2026-06-06T08:00:00Z', model: 'gpt-a', workspace: 'discord:1', tokensIn: 50, tokensOut: 5 });
      await h.cache.record({ at: '2026-06-06T09:00:00Z', model: 'gpt-b', tokensIn: 10, tokensOut: 1 });
      await h.cache.record({ at: '2026-06-07T00:01:00Z', model: 'gpt-a', workspace: 'slack:T1', tokensIn: 7, tokensOut: 3 });
      expect(await h.cache.tokensOn('2026-06-06')).toBe(186);
      expect(await h.cache.tokensOn('2026-06-06', 'discord:1')).toBe(175);
      expect(await h.cache.tokensOn('2026-06-06', 'slack:T1')).toBe(0);
      expect(await h.cache.tokensOn('2026-06-07', 'slack:T1')).toBe(10);
      expect(await h.cache.summary()).toEqual([
        { day: '2026-06-07', model: 'gpt-a', workspace: 'slack:T1', calls: 1, tokensIn: 7, tokensOut: 3 },
        { day: '2026-06-06', model: 'gpt-a', workspace: 'discord:1', calls: 2, tokensIn: 150, tokensOut: 25 },
        { day: '2026-06-06', model: 'gpt-b', workspace: '', calls: 1, tokensIn: 10, tokensOut: 1 },
      ]);
      expect((await h.cache.summary({ since: '2026-06-07' })).map((r) => r.day)).toEqual(['2026-06-07']);
      expect(await (await h.second()).tokensOn('2026-06-06')).toBe(186);
    });
  });
}
