// A second connection to the store's SQLite file (WAL lets it read and write beside the store's
// own), for an adapter whose tables the store's migrations create: it never creates the file, and
// it refuses one without its tables instead of failing later with an SQL error.
import Database from 'better-sqlite3';

export function openSideConnection(path: string, tables: readonly string[], missing: string): Database.Database {
  const db = new Database(path, { fileMustExist: path !== ':memory:' });
  db.pragma('busy_timeout = 5000');
  const names = tables.map((t) => `'${t}'`).join(', ');
  const present = db.prepare(`SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN (${names})`).pluck().get();
  if (Number(present) !== tables.length) {
    db.close();
    throw new Error(missing);
  }
  return db;
}
