import { describe, expect, it } from 'vitest';
import { RecentKeyIndex } from '../../src/store/recent-key-index.js';

describe('recent key index', () => {
  it('counts shared keys per article and forgets the oldest articles past its capacity', () => {
    const index = new RecentKeyIndex(2);
    index.add(1, ['a', 'b']);
    index.add(2, ['b', 'c']);
    expect([...index.shared(['a', 'b'], 10)]).toEqual([[1, 2], [2, 1]]);
    index.add(3, ['a']);
    expect(index.size).toBe(2);
    expect([...index.shared(['a', 'b'], 10)]).toEqual([[3, 1], [2, 1]]);
    expect(index.lastId).toBe(3);
  });
});
