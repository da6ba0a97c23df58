// openArchive: SQLite from NEWSBRIEF_DB, PostgreSQL from DATABASE_URL; pg stays out of embedded
// mode (only dynamic imports reach src/store/postgres) and out of the domain code.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openArchive } from '../../src/app/open-archive.js';
import { usePostgres } from '../support/postgres.js';

const SRC = resolve(import.meta.dirname, '../../src');
const pg = await usePostgres();

/** Files reached from `entry` by static (non-type) imports. */
function staticGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^\s*(?:import|export)(?!\s+type\b)[^;]*?\bfrom\s+['"](\.[^'"]+)['"]/gm)) {
      visit(resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts')));
    }
  };
  visit(entry);
  return seen;
}

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));

describe('pg stays out of embedded mode and the domain', () => {
  it('the CLI and the composition root reach no PostgreSQL module by a static import', () => {
    for (const entry of ['cli/main.ts', 'app/compose.ts', 'app/open-archive.ts', 'main.ts']) {
      const reached = [...staticGraph(join(SRC, entry))].map((f) => relative(SRC, f));
      expect(reached.length, entry).toBeGreaterThan(entry === 'app/open-archive.ts' ? 5 : 20);
      expect(reached.filter((f) => f.startsWith(join('store', 'postgres')) || f === join('store', 'migrate-archive.ts')), entry).toEqual([]);
    }
  });

  it('only src/store/postgres and the migrate copier import pg; domain code imports neither', () => {
    const offenders: string[] = [];
    for (const f of files(SRC)) {
      const rel = relative(SRC, f);
      const text = readFileSync(f, 'utf8');
      if (/\bfrom\s+['"]pg['"]|import\(\s*['"]pg['"]/.test(text) && !rel.startsWith(join('store', 'postgres'))) offenders.push(`${rel}: imports pg`);
      const domain = ['analyze', 'brief', 'queries'].some((d) => rel.startsWith(d + '/')) || rel === 'pipeline.ts';
      if (domain && /store\/postgres|migrate-archive/.test(text)) offenders.push(`${rel}: imports a PostgreSQL adapter`);
    }
    expect(offenders).toEqual([]);
  });
});

describe('openArchive', () => {
  it('opens the SQLite file without DATABASE_URL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsbrief-archive-'));
    try {
      const a = await openArchive({ NEWSBRIEF_DB: join(dir, 'sub', 'a.db'), NEWSBRIEF_PG_POOL: 10 });
      expect(a.kind).toBe('sqlite');
      expect(await a.store.countArticles()).toBe(0);
      expect(await a.search.listAliases()).toEqual([]);
      await a.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!pg)('opens PostgreSQL with DATABASE_URL, migrated, every port on one pool', async () => {
    const a = await openArchive({ NEWSBRIEF_DB: '/nonexistent/never.db', DATABASE_URL: pg!.url, NEWSBRIEF_PG_POOL: 3 });
    try {
      expect(a.kind).toBe('postgres');
      expect(await a.store.countArticles()).toBe(0);
      await a.search.addAlias('Bibi', 'Benjamin Netanyahu');
      expect(await a.search.listAliases()).toEqual([{ alias: 'Bibi', canonical: 'Benjamin Netanyahu' }]);
      expect(await a.deliveries.list({ failed: false, limit: 5 })).toEqual([]);
      expect(await a.modelCache.tokensOn('2026-06-07')).toBe(0);
    } finally {
      await a.close();
    }
  });
});
