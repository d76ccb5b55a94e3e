import type { Database } from 'better-sqlite3';
import type { WorkClaim, WorkItem, WorkQueueStore } from '../store.js';
import { oldestFirst, readyAt, rowToSummary, rowToWorkItem, WORK_ITEM_COLUMNS, type SummaryRow, type WorkItemRow } from '../work-queue-rows.js';

const ITEM = 'tenant = @tenant AND queue_name = @queue';
/** A list of keys as one parameter (a JSON array), so a statement is prepared once for any number of keys. */
const IN_KEYS = 'item_key IN (SELECT value FROM json_each(@keys))';

interface Where {
  tenant: string;
  queue: string;
}

/**
 * Durable work queues on SQLite. A claim reads the ready rows and marks them in one immediate transaction, which
 * holds the database's write lock: two connections (two processes on one file) never claim the same item.
 */
export function createSqliteWorkQueue(db: Database): WorkQueueStore {
  const insert = db.prepare<[Where & { key: string; payload: string; now: string }]>(
    `INSERT INTO work_queue (tenant, queue_name, item_key, payload, enqueued_at, last_enqueued_at, revision, attempts,
      not_before) VALUES (@tenant, @queue, @key, @payload, @now, @now, 0, 0, @now)
     ON CONFLICT (tenant, queue_name, item_key) DO NOTHING`,
  );
  const enqueueAgain = db.prepare<[Where & { key: string; now: string }]>(
    `UPDATE work_queue SET revision = revision + 1, last_enqueued_at = @now WHERE ${ITEM} AND item_key = @key`,
  );
  const pick = db.prepare<[Where & { now: string; limit: number }], { item_key: string }>(
    `SELECT item_key FROM work_queue WHERE ${ITEM} AND ${readyAt('@now')} ORDER BY enqueued_at, item_key LIMIT @limit`,
  );
  const mark = db.prepare<[Where & { keys: string; owner: string; leaseUntil: string }]>(
    `UPDATE work_queue SET claimed_by = @owner, claimed_until = @leaseUntil, attempts = attempts + 1 WHERE ${ITEM} AND ${IN_KEYS}`,
  );
  const read = db.prepare<[Where & { keys: string }], WorkItemRow>(`SELECT ${WORK_ITEM_COLUMNS} FROM work_queue WHERE ${ITEM} AND ${IN_KEYS}`);
  const renew = db.prepare<[Where & { keys: string; owner: string; leaseUntil: string }], { item_key: string }>(
    `UPDATE work_queue SET claimed_until = @leaseUntil WHERE ${ITEM} AND ${IN_KEYS} AND claimed_by = @owner RETURNING item_key`,
  );
  const completeOne = db.prepare<[Where & { key: string; revision: number }]>(
    `DELETE FROM work_queue WHERE ${ITEM} AND item_key = @key AND revision = @revision`,
  );
  const requeueOne = db.prepare<[Where & { key: string; revision: number }]>(
    `UPDATE work_queue SET claimed_by = NULL, claimed_until = NULL, enqueued_at = last_enqueued_at
     WHERE ${ITEM} AND item_key = @key AND revision > @revision`,
  );
  const release = db.prepare<[Where & { keys: string; owner: string; notBefore: string; error: string | null }]>(
    `UPDATE work_queue SET claimed_by = NULL, claimed_until = NULL, not_before = @notBefore, last_error = @error
     WHERE ${ITEM} AND ${IN_KEYS} AND claimed_by = @owner`,
  );
  const find = db.prepare<[Where & { keys: string }], { item_key: string }>(`SELECT item_key FROM work_queue WHERE ${ITEM} AND ${IN_KEYS}`);
  const ready = readyAt('@now');
  const summary = db.prepare<[Where & { now: string }], SummaryRow>(
    `SELECT COUNT(*) AS total,
      COUNT(*) FILTER (WHERE ${ready}) AS ready,
      MIN(enqueued_at) FILTER (WHERE ${ready}) AS first_enqueued_at,
      MAX(last_enqueued_at) FILTER (WHERE ${ready}) AS last_enqueued_at,
      MIN(MAX(not_before, COALESCE(claimed_until, not_before))) FILTER (WHERE NOT ${ready}) AS next_ready_at
     FROM work_queue WHERE ${ITEM}`,
  );

  const enqueue = db.transaction((w: Where & { key: string; payload: string; now: string }): boolean => {
    if (insert.run(w).changes === 1) return true;
    enqueueAgain.run(w);
    return false;
  });
  const claim = db.transaction((w: Where, c: WorkClaim): WorkItem[] => {
    const keys = JSON.stringify(pick.all({ ...w, now: c.now, limit: c.limit }).map((r) => r.item_key));
    mark.run({ ...w, keys, owner: c.owner, leaseUntil: c.leaseUntil });
    return read
      .all({ ...w, keys })
      .map(rowToWorkItem)
      .sort(oldestFirst);
  });
  const complete = db.transaction((w: Where, items: readonly Pick<WorkItem, 'key' | 'revision'>[]) => {
    for (const { key, revision } of items) {
      completeOne.run({ ...w, key, revision });
      requeueOne.run({ ...w, key, revision });
    }
  });

  return {
    async enqueue(tenant, queue, key, payload, now) {
      return enqueue.immediate({ tenant, queue, key, payload, now });
    },
    async claim(tenant, queue, c) {
      return claim.immediate({ tenant, queue }, c);
    },
    async renew(tenant, queue, owner, keys, leaseUntil) {
      return renew.all({ tenant, queue, keys: JSON.stringify(keys), owner, leaseUntil }).map((r) => r.item_key);
    },
    async complete(tenant, queue, items) {
      complete.immediate({ tenant, queue }, items);
    },
    async release(tenant, queue, owner, keys, retry) {
      release.run({ tenant, queue, keys: JSON.stringify(keys), owner, notBefore: retry.notBefore, error: retry.error ?? null });
    },
    async find(tenant, queue, keys) {
      return find.all({ tenant, queue, keys: JSON.stringify(keys) }).map((r) => r.item_key);
    },
    async summary(tenant, queue, now) {
      return rowToSummary(summary.get({ tenant, queue, now }));
    },
  };
}
