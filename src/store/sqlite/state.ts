import type { Database } from 'better-sqlite3';
import type { StateStore } from '../store.js';

/** Small per-tenant key/value state (reconciler watermark, pending work) on SQLite. */
export function createSqliteStateStore(db: Database): StateStore {
  const read = db.prepare<[string, string], { value: string }>('SELECT value FROM tenant_state WHERE tenant = ? AND state_key = ?');
  const write = db.prepare<[string, string, string]>(
    `INSERT INTO tenant_state (tenant, state_key, value) VALUES (?, ?, ?)
     ON CONFLICT (tenant, state_key) DO UPDATE SET value = excluded.value`,
  );
  // Prefix match as a range (key >= prefix AND key < prefix + U+FFFF): no LIKE escaping, and it stays on the key.
  const list = db.prepare<[string, string, string], { key: string; value: string }>(
    'SELECT state_key AS key, value FROM tenant_state WHERE tenant = ? AND state_key >= ? AND state_key < ? ORDER BY state_key',
  );
  const remove = db.prepare<[string, string]>('DELETE FROM tenant_state WHERE tenant = ? AND state_key = ?');
  return {
    async list(tenant, prefix) {
      return list.all(tenant, prefix, `${prefix}\uffff`);
    },
    async delete(tenant, key) {
      remove.run(tenant, key);
    },
    async get(tenant, key) {
      return read.get(tenant, key)?.value;
    },
    async set(tenant, key, value) {
      write.run(tenant, key, value);
    },
  };
}
