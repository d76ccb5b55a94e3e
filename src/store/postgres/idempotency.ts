import type { Pool } from 'pg';
import type { IdempotencyStore } from '../store.js';
import { IDEMPOTENCY_COLUMNS, idempotencyParams, rowToIdempotency, type IdempotencyRow } from './row-mapping.js';
import type { StatementMaker } from './statements.js';

// Inserts the record, or replaces one that expired by the claim's own `createdAt`; a row comes back only when the
// claim won. ON CONFLICT makes this atomic against every other connection and replica
// (https://www.postgresql.org/docs/current/sql-insert.html#SQL-ON-CONFLICT).
const CLAIM = `INSERT INTO idempotency_records (${IDEMPOTENCY_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
  ON CONFLICT (tenant, idempotency_key) DO UPDATE SET fingerprint = excluded.fingerprint, state = excluded.state,
    status = excluded.status, body = excluded.body, created_at = excluded.created_at, expires_at = excluded.expires_at
  WHERE idempotency_records.expires_at <= excluded.created_at
  RETURNING 1`;
const READ = `SELECT ${IDEMPOTENCY_COLUMNS} FROM idempotency_records WHERE tenant = $1 AND idempotency_key = $2`;

/** Claims in a row that each found a record which was gone when read back, before giving up. */
const CLAIM_ATTEMPTS = 5;

/**
 * Idempotency records on PostgreSQL. A claim is one upsert; when it loses, the record that beat it is read back.
 * If that record vanished in between (released or purged), the claim runs again, so it never reports a win it did
 * not make. Expiry compares ISO-8601 strings: expired means `expiresAt <= now`.
 */
export function createPostgresIdempotencyStore(pool: Pool, statement: StatementMaker): IdempotencyStore {
  const claim = statement('idempotency.claim', CLAIM);
  const read = statement('idempotency.read', READ);
  const complete = statement(
    'idempotency.complete',
    `UPDATE idempotency_records SET state = 'done', status = $1, body = $2 WHERE tenant = $3 AND idempotency_key = $4`,
  );
  // Only an unfinished claim is released: a remembered response stays until it expires.
  const release = statement('idempotency.release', `DELETE FROM idempotency_records WHERE tenant = $1 AND idempotency_key = $2 AND state = 'inFlight'`);
  const purgeExpired = statement('idempotency.purge-expired', 'DELETE FROM idempotency_records WHERE expires_at <= $1');
  return {
    async claim(record) {
      for (let attempt = 1; attempt <= CLAIM_ATTEMPTS; attempt++) {
        if ((await pool.query(claim(idempotencyParams(record)))).rowCount === 1) return undefined;
        const existing = (await pool.query<IdempotencyRow>(read([record.tenant, record.key]))).rows[0];
        if (existing) return rowToIdempotency(existing);
      }
      throw new Error(`idempotency key ${record.key} kept changing while it was claimed; try again`);
    },
    async complete(tenant, key, status, body) {
      await pool.query(complete([status, body, tenant, key]));
    },
    async release(tenant, key) {
      await pool.query(release([tenant, key]));
    },
    async purgeExpired(now) {
      return (await pool.query(purgeExpired([now]))).rowCount ?? 0;
    },
  };
}
