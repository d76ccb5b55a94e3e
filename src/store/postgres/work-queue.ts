import type { Pool } from 'pg';
import type { WorkQueueStore } from '../store.js';
import { oldestFirst, readyAt, rowToSummary, rowToWorkItem, WORK_ITEM_COLUMNS, type SummaryRow, type WorkItemRow } from '../work-queue-rows.js';
import { BYTEWISE } from './collation.js';
import type { StatementMaker } from './statements.js';

const ITEM = 'tenant = $1 AND queue_name = $2';

// A second enqueue of a key keeps the row and its payload and marks it enqueued again. The revision that comes back
// is 0 only for a row this statement inserted.
const ENQUEUE = `INSERT INTO work_queue (tenant, queue_name, item_key, payload, enqueued_at, last_enqueued_at, revision,
    attempts, not_before) VALUES ($1, $2, $3, $4, $5, $5, 0, 0, $5)
  ON CONFLICT (tenant, queue_name, item_key) DO UPDATE SET revision = work_queue.revision + 1,
    last_enqueued_at = excluded.last_enqueued_at
  RETURNING revision`;

// The ready rows are locked as they are picked, once (a CTE, not a subquery the plan could run again per row); rows another transaction is claiming are skipped rather than waited
// for, and a row another claim committed in the meantime is checked again against the lease under the lock
// (https://www.postgresql.org/docs/current/sql-select.html#SQL-FOR-UPDATE-SHARE).
const CLAIM = `WITH picked AS MATERIALIZED (
    SELECT item_key FROM work_queue WHERE ${ITEM} AND ${readyAt('$4')}
    ORDER BY enqueued_at, item_key ${BYTEWISE} LIMIT $6 FOR UPDATE SKIP LOCKED
  )
  UPDATE work_queue w SET claimed_by = $3, claimed_until = $5, attempts = w.attempts + 1
  FROM picked WHERE w.tenant = $1 AND w.queue_name = $2 AND w.item_key = picked.item_key
  RETURNING ${WORK_ITEM_COLUMNS.split(', ')
    .map((c) => `w.${c}`)
    .join(', ')}`;

const RENEW = `UPDATE work_queue SET claimed_until = $5 WHERE ${ITEM} AND item_key = ANY($4::text[]) AND claimed_by = $3
  RETURNING item_key`;

// Both statements of a completion carry the revision, so a row enqueued again after it was claimed is never lost.
const DONE = 'unnest($3::text[], $4::int[]) AS done (item_key, revision)';
const COMPLETE_DELETE = `DELETE FROM work_queue w USING ${DONE}
  WHERE w.tenant = $1 AND w.queue_name = $2 AND w.item_key = done.item_key AND w.revision = done.revision`;
const COMPLETE_REQUEUE = `UPDATE work_queue w SET claimed_by = NULL, claimed_until = NULL, enqueued_at = w.last_enqueued_at
  FROM ${DONE}
  WHERE w.tenant = $1 AND w.queue_name = $2 AND w.item_key = done.item_key AND w.revision > done.revision`;

const RELEASE = `UPDATE work_queue SET claimed_by = NULL, claimed_until = NULL, not_before = $5, last_error = $6
  WHERE ${ITEM} AND item_key = ANY($4::text[]) AND claimed_by = $3`;

const FIND = `SELECT item_key FROM work_queue WHERE ${ITEM} AND item_key = ANY($3::text[])`;

const SUMMARY = `SELECT COUNT(*)::int AS total,
    COUNT(*) FILTER (WHERE ${readyAt('$3')})::int AS ready,
    MIN(enqueued_at) FILTER (WHERE ${readyAt('$3')}) AS first_enqueued_at,
    MAX(last_enqueued_at) FILTER (WHERE ${readyAt('$3')}) AS last_enqueued_at,
    MIN(GREATEST(not_before, COALESCE(claimed_until, not_before))) FILTER (WHERE NOT ${readyAt('$3')}) AS next_ready_at
  FROM work_queue WHERE ${ITEM}`;

/**
 * Durable work queues on PostgreSQL: a claim is one UPDATE over rows picked with `FOR UPDATE SKIP LOCKED`, so
 * claims from any number of connections and replicas never take the same item under a live lease.
 */
export function createPostgresWorkQueue(pool: Pool, statement: StatementMaker): WorkQueueStore {
  const enqueue = statement('work-queue.enqueue', ENQUEUE);
  const claim = statement('work-queue.claim', CLAIM);
  const renew = statement('work-queue.renew', RENEW);
  const completeDelete = statement('work-queue.complete-delete', COMPLETE_DELETE);
  const completeRequeue = statement('work-queue.complete-requeue', COMPLETE_REQUEUE);
  const release = statement('work-queue.release', RELEASE);
  const find = statement('work-queue.find', FIND);
  const summary = statement('work-queue.summary', SUMMARY);
  return {
    async enqueue(tenant, queue, key, payload, now) {
      const rows = (await pool.query<{ revision: number }>(enqueue([tenant, queue, key, payload, now]))).rows;
      return rows[0]?.revision === 0;
    },
    async claim(tenant, queue, c) {
      const rows = (await pool.query<WorkItemRow>(claim([tenant, queue, c.owner, c.now, c.leaseUntil, c.limit]))).rows;
      return rows.map(rowToWorkItem).sort(oldestFirst);
    },
    async renew(tenant, queue, owner, keys, leaseUntil) {
      if (keys.length === 0) return [];
      return (await pool.query<{ item_key: string }>(renew([tenant, queue, owner, [...keys], leaseUntil]))).rows.map((r) => r.item_key);
    },
    async complete(tenant, queue, items) {
      if (items.length === 0) return;
      const values = [tenant, queue, items.map((i) => i.key), items.map((i) => i.revision)];
      await pool.query(completeDelete(values));
      await pool.query(completeRequeue(values));
    },
    async release(tenant, queue, owner, keys, retry) {
      if (keys.length === 0) return;
      await pool.query(release([tenant, queue, owner, [...keys], retry.notBefore, retry.error ?? null]));
    },
    async find(tenant, queue, keys) {
      if (keys.length === 0) return [];
      return (await pool.query<{ item_key: string }>(find([tenant, queue, [...keys]]))).rows.map((r) => r.item_key);
    },
    async summary(tenant, queue, now) {
      return rowToSummary((await pool.query<SummaryRow>(summary([tenant, queue, now]))).rows[0]);
    },
  };
}
