import type { Database } from 'better-sqlite3';
import type { IdempotencyRecord, IdempotencyStore } from '../store.js';
import { idempotencyToRow, rowToIdempotency, type IdempotencyRow } from './row-mapping.js';

/**
 * Idempotency records on SQLite. A claim is one upsert that inserts the record, or replaces one that expired by the
 * claim's own `createdAt`, and otherwise leaves the existing record alone; the record is read back in the same
 * transaction, so two claims of one key can never both win. Expiry compares ISO-8601 strings: expired means
 * `expiresAt <= now`.
 */
export function createSqliteIdempotencyStore(db: Database): IdempotencyStore {
  const claimOrReplaceExpired = db.prepare<[IdempotencyRow]>(
    `INSERT INTO idempotency_records (tenant, idempotency_key, fingerprint, state, status, body, created_at, expires_at)
     VALUES (@tenant, @idempotency_key, @fingerprint, @state, @status, @body, @created_at, @expires_at)
     ON CONFLICT (tenant, idempotency_key) DO UPDATE SET fingerprint = excluded.fingerprint, state = excluded.state,
      status = excluded.status, body = excluded.body, created_at = excluded.created_at,
      expires_at = excluded.expires_at
     WHERE idempotency_records.expires_at <= excluded.created_at`,
  );
  const read = db.prepare<[string, string], IdempotencyRow>(
    `SELECT tenant, idempotency_key, fingerprint, state, status, body, created_at, expires_at
     FROM idempotency_records WHERE tenant = ? AND idempotency_key = ?`,
  );
  const complete = db.prepare<[number, string, string, string]>(
    `UPDATE idempotency_records SET state = 'done', status = ?, body = ? WHERE tenant = ? AND idempotency_key = ?`,
  );
  // Only an unfinished claim is released: a remembered response stays until it expires.
  const release = db.prepare<[string, string]>(`DELETE FROM idempotency_records WHERE tenant = ? AND idempotency_key = ? AND state = 'inFlight'`);
  const purge = db.prepare<[string]>('DELETE FROM idempotency_records WHERE expires_at <= ?');

  const claim = db.transaction((record: IdempotencyRecord): IdempotencyRecord | undefined => {
    if (claimOrReplaceExpired.run(idempotencyToRow(record)).changes === 1) return undefined;
    const existing = read.get(record.tenant, record.key);
    return existing && rowToIdempotency(existing);
  });

  return {
    async claim(record) {
      return claim.immediate(record);
    },
    async complete(tenant, key, status, body) {
      complete.run(status, body, tenant, key);
    },
    async release(tenant, key) {
      release.run(tenant, key);
    },
    async purgeExpired(now) {
      return purge.run(now).changes;
    },
  };
}
