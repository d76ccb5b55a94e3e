/**
 * Versioned schema migrations shared by every store engine. A migration is plain SQL that SQLite and PostgreSQL both
 * accept; the few types the two engines spell differently come from the engine's {@link SqlDialect}. Each engine's
 * runner applies the pending migrations at open, one transaction each, and records them in `schema_migrations`.
 */

/** The column types the engines spell differently. */
export interface SqlDialect {
  readonly name: string;
  /** A column holding a JSON document (`TEXT` in SQLite, `JSONB` in PostgreSQL). */
  readonly json: string;
  /** An auto-incrementing integer primary key column, to keep insertion order (`INTEGER PRIMARY KEY` in SQLite). */
  readonly autoIncrementPrimaryKey: string;
}

export interface Migration {
  /** Positive, strictly increasing across the list; never reused or renumbered once released. */
  readonly version: number;
  readonly name: string;
  /** The statements to run, in order, inside one transaction. */
  statements(dialect: SqlDialect): readonly string[];
}

/** The bookkeeping table, in SQL both engines accept. */
export const SCHEMA_MIGRATIONS_DDL =
  'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)';

/**
 * The migrations still to apply, in order. Refuses a list that is out of order, and a database that holds a version
 * this build does not know (it was written by a newer build: running on would risk corrupting it).
 */
export function pendingMigrations(all: readonly Migration[], applied: ReadonlySet<number>): Migration[] {
  let previous = 0;
  for (const m of all) {
    if (!Number.isInteger(m.version) || m.version <= previous) {
      throw new Error(`migration ${m.version} (${m.name}) is out of order: versions must be positive and increasing`);
    }
    previous = m.version;
  }
  const known = new Set(all.map((m) => m.version));
  const unknown = [...applied].filter((v) => !known.has(v)).sort((a, b) => a - b);
  if (unknown.length > 0) {
    throw new Error(`the database has schema version(s) ${unknown.join(', ')} that this build does not know; upgrade the bridge`);
  }
  return all.filter((m) => !applied.has(m.version));
}
