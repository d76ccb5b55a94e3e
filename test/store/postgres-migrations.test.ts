import { Pool } from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { storeMigrations, type Migration } from '../../src/store/migrations/index.js';
import { applyPostgresMigrations } from '../../src/store/postgres/migrate.js';
import { createPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { POSTGRES_TEST_URL, dropSchema, freshSchemaName } from '../support/postgres-test-store.js';

const notes: Migration = {
  version: 2,
  name: 'notes',
  statements: (d) => [`CREATE TABLE notes (tenant TEXT NOT NULL, body ${d.json} NOT NULL)`],
};

const cleanUp: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanUp.splice(0).reverse()) await step();
});

/** A pool on a fresh schema (not created yet: the migrations create it), dropped after the test. */
function poolOnFreshSchema(): { pool: Pool; schema: string } {
  const schema = freshSchemaName();
  const pool = new Pool({ connectionString: POSTGRES_TEST_URL, options: `-c search_path=${schema}` });
  cleanUp.push(() => dropSchema(schema), () => pool.end());
  return { pool, schema };
}
const tableExists = async (pool: Pool, name: string): Promise<boolean> =>
  (await pool.query('SELECT to_regclass($1) IS NOT NULL AS found', [name])).rows[0]?.found === true;
const recordedVersions = async (pool: Pool): Promise<number[]> =>
  (await pool.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).rows.map(
    (r) => r.version,
  );

describe('PostgreSQL migrations', () => {
  it('applies each migration once, also when several replicas start at the same time', async () => {
    const { pool, schema } = poolOnFreshSchema();
    const replicas = await Promise.all(
      Array.from({ length: 6 }, () => createPostgresStore({ connectionString: POSTGRES_TEST_URL, schema })),
    );
    await Promise.all(replicas.map((r) => r.close()));
    expect(await recordedVersions(pool)).toEqual(storeMigrations.map((m) => m.version));
    expect(await applyPostgresMigrations(pool, storeMigrations, schema)).toEqual([]);
  });

  it('creates the tables with the PostgreSQL dialect (JSONB documents, an identity key for the audit log)', async () => {
    const { pool, schema } = poolOnFreshSchema();
    expect(await applyPostgresMigrations(pool, storeMigrations, schema)).toEqual([1]);
    const columns = await pool.query<{ table_name: string; column_name: string; data_type: string; is_identity: string }>(
      `SELECT table_name, column_name, data_type, is_identity FROM information_schema.columns
       WHERE table_schema = $1 AND (data_type = 'jsonb' OR is_identity = 'YES') ORDER BY table_name, column_name`,
      [schema],
    );
    expect(columns.rows.map((c) => `${c.table_name}.${c.column_name} ${c.data_type} ${c.is_identity}`)).toEqual([
      'audit_log.seq bigint YES',
      'audit_log.upstream_calls jsonb NO',
      'groups.resource jsonb NO',
      'users.resource jsonb NO',
    ]);
  });

  it('applies only the new migrations to an existing schema, keeping its rows', async () => {
    const { pool, schema } = poolOnFreshSchema();
    await applyPostgresMigrations(pool, storeMigrations, schema);
    await pool.query("INSERT INTO tenant_state (tenant, state_key, value) VALUES ('t', 'k', 'kept')");
    expect(await applyPostgresMigrations(pool, [...storeMigrations, notes], schema)).toEqual([2]);
    expect(await tableExists(pool, 'notes')).toBe(true);
    expect((await pool.query('SELECT value FROM tenant_state')).rows).toEqual([{ value: 'kept' }]);
  });

  it('rolls a failing migration back whole and does not record it', async () => {
    const { pool, schema } = poolOnFreshSchema();
    await applyPostgresMigrations(pool, storeMigrations, schema);
    const broken: Migration = {
      version: 2,
      name: 'broken',
      statements: () => ['CREATE TABLE half_done (x TEXT)', 'CREATE TABLE users (x TEXT)'],
    };
    await expect(applyPostgresMigrations(pool, [...storeMigrations, broken], schema)).rejects.toThrow(/already exists/);
    expect(await tableExists(pool, 'half_done')).toBe(false);
    expect(await recordedVersions(pool)).toEqual([1]);
    expect(await applyPostgresMigrations(pool, [...storeMigrations, notes], schema)).toEqual([2]);
  });

  it('refuses to open a schema migrated by a newer build', async () => {
    const { pool, schema } = poolOnFreshSchema();
    await applyPostgresMigrations(pool, [...storeMigrations, notes], schema);
    await expect(createPostgresStore({ connectionString: POSTGRES_TEST_URL, schema })).rejects.toThrow(
      /schema version\(s\) 2 .* does not know/,
    );
  });

  it('refuses to migrate a schema its connections do not use', async () => {
    const { pool } = poolOnFreshSchema();
    const elsewhere = freshSchemaName();
    cleanUp.push(() => dropSchema(elsewhere));
    await expect(applyPostgresMigrations(pool, storeMigrations, elsewhere)).rejects.toThrow(/use schema .*, not /);
  });
});
