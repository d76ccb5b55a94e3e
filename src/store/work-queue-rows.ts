import type { WorkItem, WorkQueueSummary } from './store.js';

/** The `work_queue` columns, as both engines read them (migration 003). */
export const WORK_ITEM_COLUMNS = 'item_key, payload, enqueued_at, last_enqueued_at, revision, attempts, not_before, claimed_by, claimed_until, last_error';

export interface WorkItemRow {
  item_key: string;
  payload: string;
  enqueued_at: string;
  last_enqueued_at: string;
  revision: number;
  attempts: number;
  not_before: string;
  claimed_by: string | null;
  claimed_until: string | null;
  last_error: string | null;
}

export const rowToWorkItem = (r: WorkItemRow): WorkItem => ({
  key: r.item_key,
  payload: r.payload,
  enqueuedAt: r.enqueued_at,
  lastEnqueuedAt: r.last_enqueued_at,
  revision: Number(r.revision),
  attempts: Number(r.attempts),
  notBefore: r.not_before,
  claimedBy: r.claimed_by ?? undefined,
  claimedUntil: r.claimed_until ?? undefined,
  lastError: r.last_error ?? undefined,
});

/** Claims come back oldest first, whatever order the engine returned the updated rows in. */
export const oldestFirst = (a: WorkItem, b: WorkItem): number =>
  a.enqueuedAt < b.enqueuedAt ? -1 : a.enqueuedAt > b.enqueuedAt ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;

/** An item is ready at `now` (a placeholder of the engine's) when it is due and nobody holds a live lease on it. */
export const readyAt = (now: string): string => `(not_before <= ${now} AND (claimed_until IS NULL OR claimed_until <= ${now}))`;

export interface SummaryRow {
  total: number | string;
  ready: number | string | null;
  first_enqueued_at: string | null;
  last_enqueued_at: string | null;
  next_ready_at: string | null;
}

export const rowToSummary = (r: SummaryRow | undefined): WorkQueueSummary => ({
  total: Number(r?.total ?? 0),
  ready: Number(r?.ready ?? 0),
  firstEnqueuedAt: r?.first_enqueued_at ?? undefined,
  lastEnqueuedAt: r?.last_enqueued_at ?? undefined,
  nextReadyAt: r?.next_ready_at ?? undefined,
});
