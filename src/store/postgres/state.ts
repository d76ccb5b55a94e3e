import type { Pool } from 'pg';
import type { StateStore } from '../store.js';
import type { StatementMaker } from './statements.js';

/** Small per-tenant key/value state (reconciler watermark, pending work) on PostgreSQL. */
export function createPostgresStateStore(pool: Pool, statement: StatementMaker): StateStore {
  const read = statement('state.get', 'SELECT value FROM tenant_state WHERE tenant = $1 AND state_key = $2');
  const write = statement(
    'state.set',
    `INSERT INTO tenant_state (tenant, state_key, value) VALUES ($1, $2, $3)
     ON CONFLICT (tenant, state_key) DO UPDATE SET value = excluded.value`,
  );
  // starts_with, not a range or LIKE: independent of the column's collation, and no escaping of `%` or `_`.
  const list = statement(
    'state.list',
    'SELECT state_key AS key, value FROM tenant_state WHERE tenant = $1 AND starts_with(state_key, $2) ORDER BY state_key COLLATE "C"',
  );
  const remove = statement('state.delete', 'DELETE FROM tenant_state WHERE tenant = $1 AND state_key = $2');
  return {
    async list(tenant, prefix) {
      return (await pool.query<{ key: string; value: string }>(list([tenant, prefix]))).rows;
    },
    async delete(tenant, key) {
      await pool.query(remove([tenant, key]));
    },
    async get(tenant, key) {
      return (await pool.query<{ value: string }>(read([tenant, key]))).rows[0]?.value;
    },
    async set(tenant, key, value) {
      await pool.query(write([tenant, key, value]));
    },
  };
}
