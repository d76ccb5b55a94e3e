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
  return {
    async get(tenant, key) {
      return (await pool.query<{ value: string }>(read([tenant, key]))).rows[0]?.value;
    },
    async set(tenant, key, value) {
      await pool.query(write([tenant, key, value]));
    },
  };
}
