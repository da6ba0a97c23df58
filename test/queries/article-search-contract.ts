// Contract of the ArticleSearch port over an archive holding test/fixtures/gaza (ingested through
// the real pipeline): run against SQLite (sqlite-article-search.test.ts) and PostgreSQL
// (pg-article-search.test.ts) with the same expectations.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ArticleSearch } from '../../src/store/article-search.js';

export function articleSearchContract(name: string, getSearch: () => ArticleSearch): void {
describe(`ArticleSearch (${name})`, () => {
  let search: ArticleSearch;
  beforeAll(() => {
    search = getSearch();
  });

  it('finds the most recent articles holding all words of any phrase, newest first, bounded', async () => {
    const all = await search.recentMatching({ phrases: ['Khalil al-Hayya'], limit: 10 });
    expect(all.map((a) => a.title)).toEqual([
      'Senior Hamas Team Lands in Cairo to Push Gaza Truce Into Phase Two',
      "Gaza's Shaky Truce: Hamas Team Travels to Cairo as Ceasefire Stalls",
    ]);
    expect(all[0]!.id).toBeGreaterThan(all[1]!.id);
    expect(all[0]!.publishedAt).toBe('2026-06-06T12:00:00.000Z');
    expect(all[0]!.storyId).toBeDefined();
    expect(all[0]!.storylineId).toBeDefined();
    expect(await search.recentMatching({ phrases: ['Witkoff', 'al-Hayya'], limit: 10 })).toHaveLength(3);
    expect(await search.recentMatching({ phrases: ['Hamas'], limit: 2 })).toHaveLength(2);
    expect((await search.recentMatching({ phrases: [], limit: 100 })).length).toBe(5);
  });

  it('filters by story, storyline and date', async () => {
    const [first] = await search.recentMatching({ phrases: ['al-Hayya'], limit: 1 });
    const sameStory = await search.recentMatching({ phrases: [], storyId: first!.storyId!, limit: 10 });
    expect(sameStory.every((a) => a.storyId === first!.storyId)).toBe(true);
    const sl = await search.recentMatching({ phrases: [], storylineId: first!.storylineId!, limit: 10 });
    expect(sl.every((a) => a.storylineId === first!.storylineId)).toBe(true);
    expect(await search.recentMatching({ phrases: ['Hamas'], since: '2100-01-01', limit: 10 })).toEqual([]);
    expect((await search.storyDates([first!.storyId!])).get(first!.storyId!)).toBe('2026-06-06T12:00:00.000Z');
    expect((await search.stories([first!.storyId!, 9999])).map((s) => s.id)).toEqual([first!.storyId]);
    expect((await search.storylines([first!.storylineId!]))[0]!.title.length).toBeGreaterThan(0);
  });

  it('treats user text as words, never as search syntax', async () => {
    for (const p of ['"', "'; DROP TABLE articles; --", 'Hamas*', 'title:Hamas', '^Hamas', 'x'.repeat(10_000), 'حماس', 'Tu\u0308rkiye']) {
      await expect(search.recentMatching({ phrases: [p], limit: 5 })).resolves.toBeInstanceOf(Array);
    }
    expect((await search.recentMatching({ phrases: ['Türkiye'], limit: 5 })).length).toBe(1);
    expect((await search.recentMatching({ phrases: ['Tu\u0308rkiye'], limit: 5 })).length).toBe(1);
  });

  it('finds a word from its first letters (prefix, for autocompletion)', async () => {
    const whole = await search.recentMatching({ phrases: ['Witkoff'], limit: 10 });
    expect(whole.length).toBeGreaterThan(0);
    expect(await search.recentMatching({ phrases: ['witk'], prefix: true, limit: 10 })).toEqual(whole);
    expect(await search.recentMatching({ phrases: ['witk'], limit: 10 })).toEqual([]);
  });

  it('stores admin aliases', async () => {
    await search.addAlias('  Bibi ', 'Benjamin Netanyahu');
    await search.addAlias('bibi', 'Benjamin Netanyahu');
    expect(await search.listAliases()).toEqual([{ alias: 'Bibi', canonical: 'Benjamin Netanyahu' }]);
    await expect(search.addAlias(' ', 'x')).rejects.toThrow();
  });
});
}
