import { Client, DatabaseError } from 'pg';
import { createPostgresStore, type PostgresStoreOptions } from '../../src/store/postgres/postgres-store.js';
import type { Store } from '../../src/store/store.js';

/** The local PostgreSQL the tests use (trust auth); CI starts it (`.ci/run`). */
export const POSTGRES_TEST_URL = process.env.SCIM_BRIDGE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let schemas = 0;
/** A schema name no other test, test file or test run uses. */
export const freshSchemaName = (): string => `test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}_${++schemas}`;

const redacted = (url: string): string => {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable connection string)';
  }
};

/** Turns a failure to reach the server into an error that says what to do; SQL errors pass through. */
export function explainPostgresFailure(err: unknown, connectionString = POSTGRES_TEST_URL): unknown {
  if (err instanceof DatabaseError) return err;
  const reason = err instanceof Error ? err.message || err.name : String(err);
  return new Error(
    `PostgreSQL is not reachable at ${redacted(connectionString)} (${reason}). The PostgreSQL store tests need it: ` +
      'start it (as .ci/run does: pg_ctlcluster <version> main start) or set SCIM_BRIDGE_TEST_POSTGRES_URL.',
    { cause: err },
  );
}

/** Runs one statement on a short-lived connection of its own, outside any store. */
export async function adminQuery<R extends object = Record<string, unknown>>(
  sql: string,
  values: unknown[] = [],
  connectionString = POSTGRES_TEST_URL,
): Promise<R[]> {
  const client = new Client({ connectionString });
  try {
    await client.connect();
  } catch (err) {
    throw explainPostgresFailure(err, connectionString);
  }
  try {
    return (await client.query<R>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

export async function dropSchema(schema: string, connectionString = POSTGRES_TEST_URL): Promise<void> {
  await adminQuery(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`, [], connectionString);
}

/**
 * A PostgreSQL store in a throwaway schema (fresh unless `schema` is given), which its `close()` drops after ending
 * the pool: each store starts empty, and parallel test files never see each other's rows.
 */
export async function createPostgresStoreForTests(options: PostgresStoreOptions = {}): Promise<Store> {
  const connectionString = options.connectionString ?? POSTGRES_TEST_URL;
  const schema = options.schema ?? freshSchemaName();
  let store: Store;
  try {
    store = await createPostgresStore({ ...options, connectionString, schema });
  } catch (err) {
    await dropSchema(schema, connectionString).catch(() => undefined);
    throw explainPostgresFailure(err, connectionString);
  }
  let closed: Promise<void> | undefined;
  return {
    ...store,
    close: () => (closed ??= store.close().then(() => dropSchema(schema, connectionString))),
  };
}
