import type { Migration } from './migration.js';

/**
 * Issue 11: durable work queues, one row per item (see `WorkQueueStore`). Before this, a ZIA tenant's queued deletions
 * were one JSON array under one `tenant_state` key, which two replicas overwrote in turn, losing deletions the IdP had
 * been told were done.
 *
 * `claimed_until` is NULL while nobody holds the item. The second index serves the claim (a tenant's queue, oldest
 * first); queues stay small (hundreds of items), so the ready-item conditions are checked on those rows.
 */
export const workQueue: Migration = {
  version: 4,
  name: 'work-queue',
  statements: () => [
    `CREATE TABLE work_queue (
      tenant TEXT NOT NULL,
      queue_name TEXT NOT NULL,
      item_key TEXT NOT NULL,
      payload TEXT NOT NULL,
      enqueued_at TEXT NOT NULL,
      last_enqueued_at TEXT NOT NULL,
      revision INTEGER NOT NULL,
      attempts INTEGER NOT NULL,
      not_before TEXT NOT NULL,
      claimed_by TEXT,
      claimed_until TEXT,
      last_error TEXT,
      PRIMARY KEY (tenant, queue_name, item_key)
    )`,
    'CREATE INDEX work_queue_tenant_queue_enqueued_at ON work_queue (tenant, queue_name, enqueued_at, item_key)',
  ],
};
