// In-memory inverted index of the LSH keys of the most recent articles (near-copy lookup).
// Syndicated copies arrive within days of the original, so a bounded window of recent articles is
// what near-copy detection needs; a bounded window also keeps the cost per article flat however
// large the archive grows. Plain data structure: the store decides what it holds.
// Keys are held as 30-bit hashes (small integers: no string per key, little for the GC to walk); a
// hash collision only adds a candidate, which the caller checks on the full signature anyway.

function keyHash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h ^ (h >>> 15)) & 0x3fffffff;
}

export class RecentKeyIndex {
  /** key hash -> the article id holding it, or the ids (ascending) when several do. */
  private readonly postings = new Map<number, number | number[]>();
  /** Articles in the window, oldest first, flat: id, key count, key hashes... */
  private queue: number[] = [];
  private head = 0;
  private count = 0;
  /** Highest article id indexed (0: none). */
  lastId = 0;

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.count;
  }

  /** Index an article (ids must come in ascending order); the oldest leaves past the capacity. */
  add(id: number, keys: readonly string[]): void {
    const hashes = [...new Set(keys.map(keyHash))];
    this.queue.push(id, hashes.length, ...hashes);
    for (const h of hashes) {
      const p = this.postings.get(h);
      if (p === undefined) this.postings.set(h, id);
      else if (typeof p === 'number') this.postings.set(h, [p, id]);
      else p.push(id);
    }
    this.count++;
    if (id > this.lastId) this.lastId = id;
    while (this.count > this.capacity) this.evictOldest();
  }

  private evictOldest(): void {
    const q = this.queue;
    const id = q[this.head]!;
    const n = q[this.head + 1]!;
    for (let i = 0; i < n; i++) {
      const h = q[this.head + 2 + i]!;
      const p = this.postings.get(h);
      if (p === id) this.postings.delete(h);
      else if (Array.isArray(p)) {
        const at = p.indexOf(id);
        if (at >= 0) p.splice(at, 1);
        if (p.length === 1) this.postings.set(h, p[0]!);
      }
    }
    this.head += 2 + n;
    this.count--;
    // Compact the queue now and then rather than shifting it on every eviction.
    if (this.head > 65_536 && this.head * 2 > q.length) {
      this.queue = q.slice(this.head);
      this.head = 0;
    }
  }

  /** Ids sharing at least one key, with how many keys they share; a key's postings read up to `perKey` (oldest first). */
  shared(keys: readonly string[], perKey: number): Map<number, number> {
    const out = new Map<number, number>();
    for (const h of new Set(keys.map(keyHash))) {
      const p = this.postings.get(h);
      if (p === undefined) continue;
      if (typeof p === 'number') {
        out.set(p, (out.get(p) ?? 0) + 1);
        continue;
      }
      const n = Math.min(p.length, perKey);
      for (let i = 0; i < n; i++) out.set(p[i]!, (out.get(p[i]!) ?? 0) + 1);
    }
    return out;
  }

  clear(): void {
    this.postings.clear();
    this.queue = [];
    this.head = 0;
    this.count = 0;
    this.lastId = 0;
  }
}
