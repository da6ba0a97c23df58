// The ArticleSearch contract against the SQLite adapter on a real file, and its FTS5 quoting.
import { describe, expect, it } from 'vitest';
import { ftsMatchExpression } from '../../src/store/sqlite-article-search.js';
import { articleSearchContract } from './article-search-contract.js';
import { useGazaSearch } from './fixture-db.js';

articleSearchContract('SQLite', useGazaSearch());

describe('SQLite FTS5 match expressions', () => {
  it('quotes every word: user text never reaches MATCH as syntax', () => {
    expect(ftsMatchExpression(['a"b OR c*', 'NEAR(x y)'])).toBe('("a" AND "b" AND "or" AND "c") OR ("near" AND "x" AND "y")');
    expect(ftsMatchExpression(['', '\u200b', '***'])).toBeUndefined();
  });
});
