// Contract suite for the Store port: every implementation (SQLite now, Redis later) must pass it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewArticle, NewStory, Store } from '../../src/store/store.js';

export interface StoreHandle {
  store: Store;
  cleanup(): Promise<void>;
}

let seq = 0;
export function newArticle(over: Partial<NewArticle> = {}): NewArticle {
  seq++;
  return {
    url: `https://example.test/a/${seq}`,
    outlet: 'Example Times',
    title: `Title ${seq}`,
    text: `Body of article ${seq} about harbour cranes.`,
    language: 'en',
    contentHash: `hash-${seq}`,
    via: 'text',
    ingestedAt: '2026-06-06T10:00:00.000Z',
    minhash: [1, 2, 3, 4],
    lshKeys: [`k-${seq}`],
    ...over,
  };
}

export function newStory(over: Partial<NewStory> = {}): NewStory {
  return {
    headline: 'Harbour strike ends',
    headlineScore: 1,
    centroid: { harbour: 0.8, strike: 0.6 },
    titleTerms: ['harbour', 'strike'],
    indexTerms: ['harbour', 'strike'],
    indexTime: Date.parse('2026-06-06T00:00:00Z'),
    createdAt: '2026-06-06T10:00:00.000Z',
    ...over,
  };
}

export function describeStoreContract(name: string, makeStore: () => Promise<StoreHandle>): void {
  describe(`Store contract: ${name}`, () => {
    let h: StoreHandle;
    let store: Store;
    beforeEach(async () => {
      h = await makeStore();
      store = h.store;
    });
    afterEach(async () => h.cleanup());

    it('stores an article and finds it by id, url and content hash', async () => {
      expect(await store.lastArticleId()).toBe(0);
      const a = newArticle({ publishedAt: '2026-06-05T08:00:00.000Z' });
      const id = await store.insertArticle(a);
      const got = await store.getArticle(id);
      expect(got).toMatchObject({ id, url: a.url, title: a.title, text: a.text, outlet: a.outlet, publishedAt: a.publishedAt, contentHash: a.contentHash });
      expect(got?.storyId).toBeUndefined();
      expect((await store.findArticleByUrl(a.url))?.id).toBe(id);
      expect((await store.findArticleByHash(a.contentHash))?.id).toBe(id);
      expect(await store.findArticleByUrl('https://example.test/none')).toBeUndefined();
      expect(await store.getArticle(9999)).toBeUndefined();
      expect(await store.countArticles()).toBe(1);
    });

    it('refuses a second article with the same url', async () => {
      const a = newArticle();
      await store.insertArticle(a);
      await expect(store.insertArticle({ ...a, contentHash: 'other' })).rejects.toThrow();
      expect(await store.countArticles()).toBe(1);
    });

    it('finds near-copy candidates through shared LSH keys, with their signatures', async () => {
      const id1 = await store.insertArticle(newArticle({ lshKeys: ['b0:x', 'b1:y'], minhash: [7, 8, 9] }));
      await store.insertArticle(newArticle({ lshKeys: ['b0:z', 'b1:w'] }));
      const found = await store.findNearCopyCandidates(['b1:y', 'b2:q']);
      expect(found).toEqual([{ articleId: id1, minhash: [7, 8, 9] }]);
      expect(await store.findNearCopyCandidates([])).toEqual([]);
    });

    it('creates a story, adds articles and keeps counts and dates', async () => {
      expect(await store.countStories()).toBe(0);
      const sid = await store.createStory(newStory());
      expect(await store.countStories()).toBe(1);
      const a1 = await store.insertArticle(newArticle({ publishedAt: '2026-06-05T08:00:00.000Z', ingestedAt: '2026-06-06T10:00:00.000Z' }));
      const a2 = await store.insertArticle(newArticle({ publishedAt: '2026-06-07T08:00:00.000Z', ingestedAt: '2026-06-07T10:00:00.000Z' }));
      await store.addArticleToStory(sid, a1);
      await store.addArticleToStory(sid, a2);
      const s = await store.getStory(sid);
      expect(s).toMatchObject({ id: sid, headline: 'Harbour strike ends', articleCount: 2, firstSeenAt: '2026-06-05T08:00:00.000Z', lastSeenAt: '2026-06-07T08:00:00.000Z', updatedAt: '2026-06-07T10:00:00.000Z' });
      expect(s?.articles.map((a) => a.id)).toEqual([a1, a2]);
      expect((await store.getArticle(a1))?.storyId).toBe(sid);
      expect(await store.getStory(9999)).toBeUndefined();
      // Arrival order: the story remembers its latest article, the store its highest id.
      expect(await store.lastArticleId()).toBe(a2);
      expect((await store.getStoryProfiles([sid]))[0]?.lastArticleId).toBe(a2);
    });

    it('updates headline and centroid, and returns story profiles', async () => {
      const sid = await store.createStory(newStory({ eventFrom: 100, eventTo: 200 }));
      await store.updateStory(sid, { headline: 'Cranes move again', headlineScore: 0.7, centroid: { crane: 1 }, titleTerms: ['crane'], eventTo: 300 });
      const [p] = await store.getStoryProfiles([sid, 9999]);
      expect(p).toMatchObject({ storyId: sid, headline: 'Cranes move again', headlineScore: 0.7, centroid: { crane: 1 }, titleTerms: ['crane'], eventFrom: 100, eventTo: 300, articleCount: 0 });
      expect((await store.getStory(sid))?.headline).toBe('Cranes move again');
    });

    it('finds candidate stories through index terms, most matches first, bounded and windowed', async () => {
      const t0 = Date.parse('2026-01-01T00:00:00Z');
      const s1 = await store.createStory(newStory({ indexTerms: ['harbour', 'strike', 'crane'], indexTime: t0 }));
      const s2 = await store.createStory(newStory({ indexTerms: ['harbour'], indexTime: t0 + 1000 }));
      const s3 = await store.createStory(newStory({ indexTerms: ['harbour', 'strike'], indexTime: t0 + 400 * 86_400_000 }));
      const all = await store.findStoryCandidates({ terms: ['harbour', 'strike', 'crane'], perTerm: 10 });
      expect(all[0]).toEqual({ storyId: s1, hits: 3 });
      expect(all.map((c) => c.storyId).sort()).toEqual([s1, s2, s3].sort());
      const windowed = await store.findStoryCandidates({ terms: ['harbour'], perTerm: 10, from: t0 - 1, to: t0 + 86_400_000 });
      expect(windowed.map((c) => c.storyId).sort()).toEqual([s1, s2].sort());
      // Most recent first, at most perTerm per term.
      expect(await store.findStoryCandidates({ terms: ['harbour'], perTerm: 1 })).toEqual([{ storyId: s3, hits: 1 }]);
      // Re-indexing replaces the terms.
      await store.updateStory(s2, { indexTerms: ['crane'] });
      const harbour = await store.findStoryCandidates({ terms: ['harbour'], perTerm: 10 });
      expect(harbour.map((c) => c.storyId)).not.toContain(s2);
    });

    it('lists stories by updatedAt, newest first, with since and limit', async () => {
      const ids: number[] = [];
      for (const day of ['01', '03', '02']) {
        const sid = await store.createStory(newStory());
        const aid = await store.insertArticle(newArticle({ ingestedAt: `2026-06-${day}T00:00:00.000Z` }));
        await store.addArticleToStory(sid, aid);
        ids.push(sid);
      }
      expect((await store.listStories()).map((s) => s.id)).toEqual([ids[1], ids[2], ids[0]]);
      expect((await store.listStories({ since: '2026-06-02T00:00:00.000Z' })).map((s) => s.id)).toEqual([ids[1], ids[2]]);
      expect((await store.listStories({ limit: 1 })).map((s) => s.id)).toEqual([ids[1]]);
    });

    it('gives a story the latest date of its dated articles, and none when no article is dated', async () => {
      const dated = await store.createStory(newStory({ eventFrom: Date.parse('2026-06-05T08:00:00Z'), eventTo: Date.parse('2026-06-06T09:00:00Z') }));
      const undated = await store.createStory(newStory({ headline: 'Undated harbour piece' }));
      await store.updateStory(dated, { eventTo: Date.parse('2026-06-07T10:00:00Z') });
      const byId = new Map((await store.listStories()).map((s) => [s.id, s]));
      expect(byId.get(dated)?.lastPublishedAt).toBe('2026-06-07T10:00:00.000Z');
      expect(byId.get(undated)?.lastPublishedAt).toBeUndefined();
      expect((await store.getStory(dated))?.lastPublishedAt).toBe('2026-06-07T10:00:00.000Z');
    });

    it('searches stories by topic text, and any text is safe', async () => {
      const s1 = await store.createStory(newStory({ headline: 'Cairo talks' }));
      const s2 = await store.createStory(newStory({ headline: 'Harbour strike' }));
      await store.addArticleToStory(s1, await store.insertArticle(newArticle({ title: 'Hamas delegation arrives in Cairo', text: 'Ceasefire talks with Egyptian mediators open in Cairo.' })));
      await store.addArticleToStory(s2, await store.insertArticle(newArticle({ title: 'Dockers end strike', text: 'Harbour cranes are moving again after the strike.' })));
      expect((await store.searchStories('ceasefire talks in Cairo'))[0]?.id).toBe(s1);
      expect((await store.searchStories('harbour'))[0]?.id).toBe(s2);
      for (const odd of ['"unbalanced', 'cairo*', '-strike', 'a AND OR NOT b', 'NEAR(x y)', '(', '', '   ', '***']) {
        await expect(store.searchStories(odd)).resolves.toBeInstanceOf(Array);
      }
      expect(await store.searchStories('zebra giraffe')).toEqual([]);
    });

    it('creates storylines, links stories and widens the storyline dates', async () => {
      const line = await store.createStoryline('Gaza ceasefire', '2026-06-06T10:00:00.000Z');
      const s1 = await store.createStory(newStory({ eventFrom: 1000, eventTo: 2000 }));
      const s2 = await store.createStory(newStory({ eventFrom: 5000, eventTo: 6000 }));
      await store.linkStoryToStoryline(s1, line);
      await store.linkStoryToStoryline(s2, line);
      expect(await store.getStoryline(line)).toMatchObject({ id: line, title: 'Gaza ceasefire', createdAt: '2026-06-06T10:00:00.000Z' });
      expect(await store.getStorylineProfile(line)).toEqual({ storylineId: line, eventFrom: 1000, eventTo: 6000 });
      expect((await store.listStorylineStories(line)).map((s) => s.id).sort()).toEqual([s1, s2].sort());
      expect((await store.getStory(s1))?.storylineId).toBe(line);
      expect(await store.getStoryline(9999)).toBeUndefined();
      await expect(store.linkStoryToStoryline(s1, 9999)).rejects.toThrow();
    });

    it('accumulates term statistics', async () => {
      expect(await store.loadTermStats()).toEqual({ docs: 0, df: new Map() });
      await store.addTermStats(2, new Map([['cairo', 2], ['talk', 1]]));
      await store.addTermStats(1, new Map([['cairo', 1]]));
      const stats = await store.loadTermStats();
      expect(stats.docs).toBe(3);
      expect(stats.df).toEqual(new Map([['cairo', 3], ['talk', 1]]));
    });

    it('keeps HTTP validators per url', async () => {
      expect(await store.getValidators('https://feed.test/rss')).toBeUndefined();
      await store.setValidators('https://feed.test/rss', { etag: '"v1"', lastModified: 'Fri, 05 Jun 2026 10:00:00 GMT' });
      expect(await store.getValidators('https://feed.test/rss')).toEqual({ etag: '"v1"', lastModified: 'Fri, 05 Jun 2026 10:00:00 GMT' });
      await store.setValidators('https://feed.test/rss', { etag: '"v2"' });
      expect(await store.getValidators('https://feed.test/rss')).toEqual({ etag: '"v2"' });
    });

    it('commits a transaction as a whole, and rolls all of it back on error', async () => {
      const kept = await store.transaction(async (tx) => {
        const aid = await tx.insertArticle(newArticle());
        const sid = await tx.createStory(newStory());
        await tx.addArticleToStory(sid, aid);
        return aid;
      });
      expect((await store.getArticle(kept))?.storyId).toBeDefined();
      const url = 'https://example.test/rolled-back';
      await expect(
        store.transaction(async (tx) => {
          const aid = await tx.insertArticle(newArticle({ url }));
          const sid = await tx.createStory(newStory());
          await tx.addArticleToStory(sid, aid);
          throw new Error('crash mid-write');
        }),
      ).rejects.toThrow('crash mid-write');
      expect(await store.findArticleByUrl(url)).toBeUndefined();
      expect(await store.countArticles()).toBe(1);
      expect((await store.listStories()).length).toBe(1);
    });

    it('nests a transaction in a transaction: a failing nested one undoes only its own writes', async () => {
      const ids = await store.transaction(async (tx) => {
        const kept = await tx.transaction(async (inner) => inner.insertArticle(newArticle({ url: 'https://example.test/n1' })));
        await expect(
          tx.transaction(async (inner) => {
            const sid = await inner.createStory(newStory({ headline: 'Rolled back' }));
            await inner.addArticleToStory(sid, kept);
            await inner.insertArticle(newArticle({ url: 'https://example.test/n2' }));
            throw new Error('one article fails');
          }),
        ).rejects.toThrow('one article fails');
        const sid = await tx.createStory(newStory());
        const after = await tx.transaction(async (inner) => inner.insertArticle(newArticle({ url: 'https://example.test/n3', storyId: sid })));
        await tx.addArticleToStory(sid, after);
        return { kept, after, sid };
      });
      expect(await store.findArticleByUrl('https://example.test/n2')).toBeUndefined();
      expect((await store.getArticle(ids.kept))?.storyId).toBeUndefined();
      expect((await store.listStories()).map((s) => s.headline)).toEqual(['Harbour strike ends']);
      const story = await store.getStory(ids.sid);
      expect(story?.articleCount).toBe(1);
      expect(story?.articles.map((a) => a.id)).toEqual([ids.after]);
      expect(await store.countArticles()).toBe(2);
      // The profile read back reflects only what was committed.
      expect((await store.getStoryProfiles([ids.sid]))[0]).toMatchObject({ articleCount: 1, headline: 'Harbour strike ends' });
    });

    it('rolls back nested writes with the enclosing transaction', async () => {
      await expect(
        store.transaction(async (tx) => {
          await tx.transaction(async (inner) => inner.insertArticle(newArticle({ url: 'https://example.test/inner' })));
          throw new Error('outer fails');
        }),
      ).rejects.toThrow('outer fails');
      expect(await store.findArticleByUrl('https://example.test/inner')).toBeUndefined();
      expect(await store.countArticles()).toBe(0);
    });

    it('keeps a story profile current through updates, and unchanged by a rolled-back one', async () => {
      const sid = await store.createStory(newStory({ eventFrom: 1000, eventTo: 2000 }));
      const aid = await store.insertArticle(newArticle());
      await store.addArticleToStory(sid, aid);
      expect((await store.getStoryProfiles([sid]))[0]).toMatchObject({ articleCount: 1, centroid: { harbour: 0.8, strike: 0.6 } });
      await store.updateStory(sid, { centroid: { harbour: 1.5, port: 0.4 }, eventTo: 3000, headline: 'Strike over' });
      expect((await store.getStoryProfiles([sid]))[0]).toMatchObject({
        headline: 'Strike over',
        centroid: { harbour: 1.5, port: 0.4 },
        eventFrom: 1000,
        eventTo: 3000,
        articleCount: 1,
      });
      await expect(
        store.transaction(async (tx) => {
          await tx.updateStory(sid, { headline: 'Never happened', centroid: { volcano: 1 } });
          expect((await tx.getStoryProfiles([sid]))[0]?.headline).toBe('Never happened');
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      expect((await store.getStoryProfiles([sid]))[0]).toMatchObject({ headline: 'Strike over', centroid: { harbour: 1.5, port: 0.4 } });
    });

    it('keeps writes outside a transaction out of it', async () => {
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const inTx = store.transaction(async (tx) => {
        await tx.insertArticle(newArticle({ url: 'https://example.test/tx' }));
        await gate;
        throw new Error('abort');
      });
      const outside = store.insertArticle(newArticle({ url: 'https://example.test/outside' }));
      release();
      await expect(inTx).rejects.toThrow('abort');
      await outside;
      expect(await store.findArticleByUrl('https://example.test/outside')).toBeDefined();
      expect(await store.findArticleByUrl('https://example.test/tx')).toBeUndefined();
    });
  });
}
export { describeChannelStoreContract, type ChannelStoreHandle } from './channel-contract.js';
