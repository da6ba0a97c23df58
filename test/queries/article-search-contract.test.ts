// Contract of the ArticleSearch port, run against the SQLite implementation on a real file.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ArticleSearch } from '../../src/store/article-search.js';
import { ftsMatchExpression } from '../../src/store/sqlite-article-search.js';
import { useGazaSearch } from './fixture-db.js';

const getSearch = useGazaSearch();
let search: ArticleSearch;
beforeAll(() => {
  search = getSearch();
});

describe('ArticleSearch (SQLite)', () => {
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

  it('treats user text as words, never as FTS syntax', async () => {
    expect(ftsMatchExpression(['a"b OR c*', 'NEAR(x y)'])).toBe('("a" AND "b" AND "or" AND "c") OR ("near" AND "x" AND "y")');
    expect(ftsMatchExpression(['', '\u200b', '***'])).toBeUndefined();
    for (const p of ['"', "'; DROP TABLE articles; --", 'Hamas*', 'title:Hamas', '^Hamas', 'x'.repeat(10_000), 'حماس', 'Tu\u0308rkiye']) {
      await expect(search.recentMatching({ phrases: [p], limit: 5 })).resolves.toBeInstanceOf(Array);
    }
    expect((await search.recentMatching({ phrases: ['Türkiye'], limit: 5 })).length).toBe(1);
    expect((await search.recentMatching({ phrases: ['Tu\u0308rkiye'], limit: 5 })).length).toBe(1);
  });

  it('stores admin aliases', async () => {
    await search.addAlias('  Bibi ', 'Benjamin Netanyahu');
    await search.addAlias('bibi', 'Benjamin Netanyahu');
    expect(await search.listAliases()).toEqual([{ alias: 'Bibi', canonical: 'Benjamin Netanyahu' }]);
    await expect(search.addAlias(' ', 'x')).rejects.toThrow();
  });
});
