import { Pool } from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { storeMigrations, type Migration } from '../../src/store/migrations/index.js';
import { applyPostgresMigrations } from '../../src/store/postgres/migrate.js';
import { createPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { POSTGRES_TEST_URL, dropSchema, freshSchemaName } from '../support/postgres-test-store.js';
import { T1 } from './contract/fixtures.js';
import { expectVersion1RowsReadAndNewFieldsWork, v1Entry, v1User } from './version-1-rows.js';
import { expectVersion2NamesRefolded, insertSql, version2Rows } from './version-2-rows.js';

/** The versions this build knows, and the next one: a migration a later build might add. */
const knownVersions = storeMigrations.map((m) => m.version);
const nextVersion = Math.max(...knownVersions) + 1;
const notes: Migration = {
  version: nextVersion,
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
  cleanUp.push(
    () => dropSchema(schema),
    () => pool.end(),
  );
  return { pool, schema };
}
const tableExists = async (pool: Pool, name: string): Promise<boolean> =>
  (await pool.query('SELECT to_regclass($1) IS NOT NULL AS found', [name])).rows[0]?.found === true;
const recordedVersions = async (pool: Pool): Promise<number[]> =>
  (await pool.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).rows.map((r) => r.version);

describe('PostgreSQL migrations', () => {
  it('applies each migration once, also when several replicas start at the same time', async () => {
    const { pool, schema } = poolOnFreshSchema();
    const replicas = await Promise.all(Array.from({ length: 6 }, () => createPostgresStore({ connectionString: POSTGRES_TEST_URL, schema })));
    await Promise.all(replicas.map((r) => r.close()));
    expect(await recordedVersions(pool)).toEqual(storeMigrations.map((m) => m.version));
    expect(await applyPostgresMigrations(pool, storeMigrations, schema)).toEqual([]);
  });

  it('creates the tables with the PostgreSQL dialect (JSONB documents, an identity key for the audit log)', async () => {
    const { pool, schema } = poolOnFreshSchema();
    expect(await applyPostgresMigrations(pool, storeMigrations, schema)).toEqual(knownVersions);
    const columns = await pool.query<{ table_name: string; column_name: string; data_type: string; is_identity: string }>(
      `SELECT table_name, column_name, data_type, is_identity FROM information_schema.columns
       WHERE table_schema = $1 AND (data_type = 'jsonb' OR is_identity = 'YES') ORDER BY table_name, column_name`,
      [schema],
    );
    expect(columns.rows.map((c) => `${c.table_name}.${c.column_name} ${c.data_type} ${c.is_identity}`)).toEqual([
      'audit_log.changes jsonb NO',
      'audit_log.seq bigint YES',
      'audit_log.upstream_calls jsonb NO',
      'audit_log.upstream_state jsonb NO',
      'groups.resource jsonb NO',
      'users.resource jsonb NO',
      'users.synced jsonb NO',
      'users.upstream_state jsonb NO',
    ]);
  });

  it('applies only the new migrations to an existing schema, keeping its rows', async () => {
    const { pool, schema } = poolOnFreshSchema();
    await applyPostgresMigrations(pool, storeMigrations, schema);
    await pool.query("INSERT INTO tenant_state (tenant, state_key, value) VALUES ('t', 'k', 'kept')");
    expect(await applyPostgresMigrations(pool, [...storeMigrations, notes], schema)).toEqual([nextVersion]);
    expect(await tableExists(pool, 'notes')).toBe(true);
    expect((await pool.query('SELECT value FROM tenant_state')).rows).toEqual([{ value: 'kept' }]);
  });

  it('migrates a schema at version 1 that holds users and audit entries to the current version, every row still readable', async () => {
    const { pool, schema } = poolOnFreshSchema();
    expect(await applyPostgresMigrations(pool, storeMigrations.slice(0, 1), schema)).toEqual([1]);
    // Rows as version 1 wrote them: no upstream state, snapshot, name or changes.
    await pool.query(
      `INSERT INTO users (tenant, id, upstream_id, user_name, user_name_lower, external_id, active, resource, created,
        last_modified, deleted_at) VALUES ($1, $2, $3, $4, $5, NULL, TRUE, $6, $7, $7, NULL)`,
      [T1, v1User.id, v1User.upstreamId, v1User.userName, v1User.userName.toLowerCase(), JSON.stringify(v1User.resource), v1User.created],
    );
    await pool.query(
      `INSERT INTO audit_log (tenant, occurred_at, request_id, actor, operation, resource_type, resource_id, status,
        upstream_calls, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL)`,
      [
        T1,
        v1Entry.at,
        v1Entry.requestId,
        v1Entry.actor,
        v1Entry.operation,
        v1Entry.resourceType,
        v1Entry.resourceId,
        v1Entry.status,
        JSON.stringify(v1Entry.upstreamCalls),
      ],
    );

    const store = await createPostgresStore({ connectionString: POSTGRES_TEST_URL, schema });
    cleanUp.push(() => store.close());
    expect(await recordedVersions(pool)).toEqual(knownVersions);
    await expectVersion1RowsReadAndNewFieldsWork(store);
  });

  it('migrates a schema at version 2 to version 3: every folded name is folded again with NFC, page by page', async () => {
    const { pool, schema } = poolOnFreshSchema();
    expect(await applyPostgresMigrations(pool, storeMigrations.slice(0, 2), schema)).toEqual([1, 2]);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      for (const row of version2Rows((b) => b)) {
        let n = 0;
        await client.query(
          insertSql(row).replace(/\?/g, () => `$${++n}`),
          Object.values(row.values),
        );
      }
      await client.query('COMMIT');
    } finally {
      client.release();
    }

    const store = await createPostgresStore({ connectionString: POSTGRES_TEST_URL, schema });
    cleanUp.push(() => store.close());
    expect(await recordedVersions(pool)).toEqual(knownVersions);
    await expectVersion2NamesRefolded(store, {
      users: (await pool.query<{ user_name: string; user_name_lower: string }>('SELECT user_name, user_name_lower FROM users')).rows,
      audit: (
        await pool.query<{ resource_name: string | null; resource_name_lower: string | null }>('SELECT resource_name, resource_name_lower FROM audit_log')
      ).rows,
    });
  });

  it('rolls a failing migration back whole and does not record it', async () => {
    const { pool, schema } = poolOnFreshSchema();
    await applyPostgresMigrations(pool, storeMigrations, schema);
    const broken: Migration = {
      version: nextVersion,
      name: 'broken',
      statements: () => ['CREATE TABLE half_done (x TEXT)', 'CREATE TABLE users (x TEXT)'],
    };
    await expect(applyPostgresMigrations(pool, [...storeMigrations, broken], schema)).rejects.toThrow(/already exists/);
    expect(await tableExists(pool, 'half_done')).toBe(false);
    expect(await recordedVersions(pool)).toEqual(knownVersions);
    expect(await applyPostgresMigrations(pool, [...storeMigrations, notes], schema)).toEqual([nextVersion]);
  });

  it('refuses to open a schema migrated by a newer build', async () => {
    const { pool, schema } = poolOnFreshSchema();
    await applyPostgresMigrations(pool, [...storeMigrations, notes], schema);
    await expect(createPostgresStore({ connectionString: POSTGRES_TEST_URL, schema })).rejects.toThrow(
      new RegExp(`schema version\\(s\\) ${nextVersion} .* does not know`),
    );
  });

  it('refuses to migrate a schema its connections do not use', async () => {
    const { pool } = poolOnFreshSchema();
    const elsewhere = freshSchemaName();
    cleanUp.push(() => dropSchema(elsewhere));
    await expect(applyPostgresMigrations(pool, storeMigrations, elsewhere)).rejects.toThrow(/use schema .*, not /);
  });
});
