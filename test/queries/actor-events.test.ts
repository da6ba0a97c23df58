// /actor on a store of the project's own wire copy: the same event reported by three outlets is
// one line with all their sources; a position taken of an actor by another party is not its
// stance; no wire dateline reaches the answer.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorQuery, isActorUnknown } from '../../src/queries/index.js';
import { createSqliteArticleSearch } from '../../src/store/sqlite-article-search.js';
import type { ArticleSearch } from '../../src/store/article-search.js';
import { fillStore } from './fixture-db.js';

const FILES: Record<string, string> = {
  'a.txt': 'Port union delegation reaches Rotterdam for strike talks\n\nROTTERDAM, May 12 (Reuters) - A delegation of the Dockers Union led by chair Maria Lopez arrived in Rotterdam on Monday for talks with port employers on the pension plan.\n\nThe employers demand that the Dockers Union end its strike before any talks on pensions begin, a spokesman for the employers said.\n\nThe Dockers Union rejected the demand and said the strike would go on until the pension plan is withdrawn.',
  'b.txt': 'Dock union arrives for Rotterdam talks\n\nROTTERDAM (AP) — The Dockers Union delegation, headed by its chair Maria Lopez, arrived in Rotterdam on Monday for talks with the port employers over the pension plan.\n\nEmployers want to ban the Dockers Union from the port council until the strike ends.',
  'c.txt': 'Strike talks open in Rotterdam\n\nThe Dockers Union delegation arrived in Rotterdam on Monday, May 12, 2026, to open talks with port employers on the disputed pension plan, officials said.\n\nThe Dockers Union said it would not accept a higher retirement age for dock workers.',
};

let dir: string;
let search: ArticleSearch;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'newsbrief-actor-events-'));
  for (const [name, text] of Object.entries(FILES)) writeFileSync(join(dir, name), text);
  await fillStore(join(dir, 'a.db'), [dir], new Date('2026-05-14T00:00:00Z'));
  search = createSqliteArticleSearch(join(dir, 'a.db'));
}, 30_000);

afterAll(async () => {
  await search?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('/actor: events and positions', () => {
  it('one line for one event reported three times, with all three sources, and no dateline', async () => {
    const a = await actorQuery(search, 'Dockers Union');
    expect(isActorUnknown(a)).toBe(false);
    if (isActorUnknown(a)) return;
    const arrivals = a.activity.filter((x) => /arrived in Rotterdam/.test(x.text));
    expect(arrivals, JSON.stringify(a.activity, null, 1)).toHaveLength(1);
    expect(arrivals[0]!.sources).toHaveLength(3);
    for (const x of [...a.activity, ...a.stance]) expect(x.text).not.toMatch(/^ROTTERDAM|\((?:Reuters|AP)\)/);
  });

  it('a demand made of the actor by another party is not the actor\'s stance', async () => {
    const a = await actorQuery(search, 'Dockers Union');
    if (isActorUnknown(a)) throw new Error('unknown');
    expect(a.stance.some((s) => /want to ban the Dockers Union/.test(s.text))).toBe(false);
  });
});
