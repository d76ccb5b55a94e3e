import type { Database } from 'better-sqlite3';
import type { StateStore } from '../store.js';

/** Small per-tenant key/value state (reconciler watermark, pending work) on SQLite. */
export function createSqliteStateStore(db: Database): StateStore {
  const read = db.prepare<[string, string], { value: string }>(
    'SELECT value FROM tenant_state WHERE tenant = ? AND state_key = ?',
  );
  const write = db.prepare<[string, string, string]>(
    `INSERT INTO tenant_state (tenant, state_key, value) VALUES (?, ?, ?)
     ON CONFLICT (tenant, state_key) DO UPDATE SET value = excluded.value`,
  );
  return {
    async get(tenant, key) {
      return read.get(tenant, key)?.value;
    },
    async set(tenant, key, value) {
      write.run(tenant, key, value);
    },
  };
}
