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
  /** The collation clause that makes a text column compare byte by byte (empty where that is the default). */
  readonly bytewise: string;
}

export interface Migration {
  /** Positive, strictly increasing across the list; never reused or renumbered once released. */
  readonly version: number;
  readonly name: string;
  /** The statements to run, in order, inside one transaction. */
  statements(dialect: SqlDialect): readonly string[];
  /** Derived columns to recompute in JavaScript after the statements, in the same transaction. */
  readonly recompute?: readonly ColumnRecompute[];
}

/**
 * A column derived from another that SQL cannot derive alike in every engine (SQLite cannot NFC-normalise text).
 * The engine's runner reads the table in primary-key order, `batchSize` rows at a time, and updates the rows whose
 * derived value changes.
 */
export interface ColumnRecompute {
  readonly table: string;
  /** The primary key's columns, in order: the batches follow it. */
  readonly key: readonly string[];
  readonly from: string;
  readonly to: string;
  /** The derived value of a non-null `from` (a null `from` derives null). */
  derive(value: string): string;
}

/** Rows read per batch when a column is recomputed. */
export const RECOMPUTE_BATCH_SIZE = 500;

/** The SQL of one batch of a recompute, with `?` placeholders: the key, `from` and `to` of the rows after a key. */
export function recomputeStatements(r: ColumnRecompute): { first: string; next: string; update: string } {
  const key = r.key.join(', ');
  const select = `SELECT ${key}, ${r.from} AS source, ${r.to} AS derived FROM ${r.table}`;
  const order = `ORDER BY ${key} LIMIT ${RECOMPUTE_BATCH_SIZE}`;
  const after = r.key.length === 1 ? `${key} > ?` : `(${key}) > (${r.key.map(() => '?').join(', ')})`;
  return {
    first: `${select} ${order}`,
    next: `${select} WHERE ${after} ${order}`,
    update: `UPDATE ${r.table} SET ${r.to} = ? WHERE ${r.key.map((k) => `${k} = ?`).join(' AND ')}`,
  };
}

/** What one row of a recompute batch needs written: its new derived value, or `undefined` when it is right already. */
export function derivedValueToWrite(r: ColumnRecompute, row: Record<string, unknown>): string | null | undefined {
  const source = row.source;
  const wanted = typeof source === 'string' ? r.derive(source) : null;
  return wanted === row.derived ? undefined : wanted;
}

/** The bookkeeping table, in SQL both engines accept. */
export const SCHEMA_MIGRATIONS_DDL = 'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)';

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
