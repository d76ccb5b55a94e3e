import type { Database } from 'better-sqlite3';
import {
  SCHEMA_MIGRATIONS_DDL,
  derivedValueToWrite,
  pendingMigrations,
  recomputeStatements,
  type ColumnRecompute,
  type Migration,
  type SqlDialect,
} from '../migrations/index.js';

export const sqliteDialect: SqlDialect = {
  name: 'sqlite',
  json: 'TEXT',
  // An alias of the rowid: increasing in insertion order, which the audit log uses to break ties.
  autoIncrementPrimaryKey: 'INTEGER PRIMARY KEY',
  // BINARY, SQLite's default: byte by byte.
  bytewise: '',
};

/**
 * Applies the migrations this database has not seen yet, each in its own immediate transaction together with its
 * `schema_migrations` row, and returns the versions it applied. A second process opening the same file at the same
 * time waits on the write lock and then finds the version already recorded.
 */
export function applySqliteMigrations(db: Database, migrations: readonly Migration[]): number[] {
  db.exec(SCHEMA_MIGRATIONS_DDL);
  const appliedVersions = db.prepare<[], { version: number }>('SELECT version FROM schema_migrations');
  const isApplied = db.prepare<[number], { version: number }>('SELECT version FROM schema_migrations WHERE version = ?');
  const record = db.prepare<[number, string, string]>('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const applyOne = db.transaction((m: Migration): boolean => {
    if (isApplied.get(m.version)) return false;
    for (const statement of m.statements(sqliteDialect)) db.exec(statement);
    for (const r of m.recompute ?? []) recompute(db, r);
    record.run(m.version, m.name, new Date().toISOString());
    return true;
  });

  const applied = new Set(appliedVersions.all().map((r) => r.version));
  return pendingMigrations(migrations, applied)
    .filter((m) => applyOne.immediate(m))
    .map((m) => m.version);
}

/** A derived column recomputed batch by batch, in primary-key order, inside the migration's transaction. */
function recompute(db: Database, r: ColumnRecompute): void {
  const sql = recomputeStatements(r);
  const first = db.prepare<[], Record<string, unknown>>(sql.first);
  const next = db.prepare<unknown[], Record<string, unknown>>(sql.next);
  const update = db.prepare<unknown[]>(sql.update);
  for (let rows = first.all(); rows.length > 0;) {
    for (const row of rows) {
      const value = derivedValueToWrite(r, row);
      if (value !== undefined) update.run(value, ...r.key.map((k) => row[k]));
    }
    const last = rows[rows.length - 1] as Record<string, unknown>;
    rows = next.all(...r.key.map((k) => last[k]));
  }
}
