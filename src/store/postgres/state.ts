import type { Pool } from 'pg';
import type { StateStore } from '../store.js';

/** Small per-tenant key/value state (reconciler watermark, pending work) on PostgreSQL. */
export function createPostgresStateStore(pool: Pool): StateStore {
  return {
    async get(tenant, key) {
      const result = await pool.query<{ value: string }>(
        'SELECT value FROM tenant_state WHERE tenant = $1 AND state_key = $2',
        [tenant, key],
      );
      return result.rows[0]?.value;
    },
    async set(tenant, key, value) {
      await pool.query(
        `INSERT INTO tenant_state (tenant, state_key, value) VALUES ($1, $2, $3)
         ON CONFLICT (tenant, state_key) DO UPDATE SET value = excluded.value`,
        [tenant, key, value],
      );
    },
  };
}
