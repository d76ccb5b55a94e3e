import { escapeIdentifier, type Pool, type PoolClient } from 'pg';
import {
  SCHEMA_MIGRATIONS_DDL,
  derivedValueToWrite,
  pendingMigrations,
  recomputeStatements,
  type ColumnRecompute,
  type Migration,
  type SqlDialect,
} from '../migrations/index.js';
import { withTransaction } from './transaction.js';

export const postgresDialect: SqlDialect = {
  name: 'postgresql',
  json: 'JSONB',
  // Increasing in the order rows are inserted, which the audit log uses to break ties.
  autoIncrementPrimaryKey: 'BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY',
  // Whatever the database's default collation: ids compare as SQLite compares them (collation.ts).
  bytewise: 'COLLATE "C"',
};

/** The first key of the migrators' advisory lock; the second is the schema's name, hashed. Arbitrary, fixed. */
const MIGRATION_LOCK_CLASS = 0x5c1b;

/**
 * Serialises the migrators of one schema (several replicas starting at once) until the end of the transaction
 * (https://www.postgresql.org/docs/current/functions-admin.html#FUNCTIONS-ADVISORY-LOCKS).
 */
async function lockMigrations(client: PoolClient, schema: string | undefined): Promise<void> {
  await client.query("SELECT pg_advisory_xact_lock($1, hashtext(coalesce($2::text, current_schema(), '')))", [MIGRATION_LOCK_CLASS, schema ?? null]);
}

/**
 * Applies the migrations this schema has not seen yet, each in its own transaction together with its
 * `schema_migrations` row, and returns the versions it applied. `schema`, when given, is created if missing and
 * must be the connections' current schema (the pool sets `search_path`). Each transaction first takes the
 * migrators' advisory lock, so a replica starting at the same time as another waits, then finds the work done.
 */
export async function applyPostgresMigrations(pool: Pool, migrations: readonly Migration[], schema?: string): Promise<number[]> {
  const applied = await withTransaction(pool, async (client) => {
    await lockMigrations(client, schema);
    if (schema !== undefined) {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${escapeIdentifier(schema)}`);
      const current = (await client.query<{ schema: string | null }>('SELECT current_schema() AS schema')).rows[0];
      if (current?.schema !== schema) {
        throw new Error(
          `the store's connections use schema ${current?.schema ?? '(none)'}, not ${schema}: ` + 'does the connection string set its own search_path?',
        );
      }
    }
    await client.query(SCHEMA_MIGRATIONS_DDL);
    const rows = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    return new Set(rows.rows.map((r) => r.version));
  });

  const done: number[] = [];
  for (const m of pendingMigrations(migrations, applied)) {
    const ran = await withTransaction(pool, async (client) => {
      await lockMigrations(client, schema);
      const seen = await client.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version]);
      if (seen.rowCount) return false;
      for (const statement of m.statements(postgresDialect)) await client.query(statement);
      for (const r of m.recompute ?? []) await recompute(client, r);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, new Date().toISOString()]);
      return true;
    });
    if (ran) done.push(m.version);
  }
  return done;
}

/** `?` placeholders as PostgreSQL numbers them (`$1`, `$2`…). */
const numbered = (sql: string): string => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

/** A derived column recomputed batch by batch, in primary-key order, inside the migration's transaction. */
async function recompute(client: PoolClient, r: ColumnRecompute): Promise<void> {
  const sql = recomputeStatements(r);
  const [next, update] = [numbered(sql.next), numbered(sql.update)];
  for (let rows = (await client.query<Record<string, unknown>>(sql.first)).rows; rows.length > 0;) {
    for (const row of rows) {
      const value = derivedValueToWrite(r, row);
      if (value !== undefined) await client.query(update, [value, ...r.key.map((k) => row[k])]);
    }
    const last = rows[rows.length - 1] as Record<string, unknown>;
    rows = (
      await client.query<Record<string, unknown>>(
        next,
        r.key.map((k) => last[k]),
      )
    ).rows;
  }
}
