import { setTimeout as delay } from 'node:timers/promises';
import { newUpstreamContext, type UpstreamContext } from '../call-record.js';
import type { DurableState } from '../durable-state.js';
import type { BackgroundWrite } from '../upstream.js';
import { isUpstreamError } from '../upstream-error.js';

const QUEUE_KEY = 'zia.deletions.pending';
/** "up to a maximum of 500 users per request" (upstreams.md §C.4). */
export const BULK_DELETE_MAX = 500;
/** A batch this small is sent user by user (1/s, 400/h) rather than wait for a spent bulkDelete budget (1/min, 4/h). */
const SMALL_BATCH = 10;
const DEFAULT_RETRY_MS = 30_000;
/**
 * A steady stream of deletions is still sent this long after its first one: bulkDelete's 4 an hour allow one batch
 * every 15 minutes for as long as the stream lasts.
 */
export const MAX_BATCH_DELAY_MS = 15 * 60_000;

export interface DeletionQueueOptions {
  state: DurableState;
  /** Deletions arriving within this window of each other go out together. */
  windowMs: number;
  /** `DELETE /users/{id}` (a user already gone is success). */
  deleteOne(id: number, ctx: UpstreamContext): Promise<void>;
  /** `POST /users/bulkDelete` with at most 500 ids. */
  deleteMany(ids: readonly number[], ctx: UpstreamContext): Promise<void>;
  /** Told after every accepted deletion request (an activation is owed). */
  onDeleted(): Promise<void>;
  /** Waits for a refused batch's Retry-After. */
  sleep?: (ms: number) => Promise<void>;
  /**
   * The audit log: one `User` entry per id a `DELETE` or `bulkDelete` was sent for (accepted or not), actor
   * `zia-deletion-queue`, with that call (a bulkDelete appears in the entry of every id it carried).
   */
  recordWrite?: (write: BackgroundWrite) => Promise<void>;
}

/**
 * ZIA user deletions, batched (upstreams.md §C.4, §C.7: `DELETE /users/{id}` 1/s & 400/h, `POST /users/bulkDelete` ≤ 500
 * ids, 1/min & 4/h). A deletion is queued durably and answered at once: for the IdP the user is gone. The queue is
 * sent when it holds 500 ids, else once no deletion has arrived for `windowMs` (or `MAX_BATCH_DELAY_MS` after its
 * first id), one user by `DELETE` or several by `bulkDelete`. So a burst of 600 is two bulkDeletes however long it
 * takes to arrive. A refused batch waits for its Retry-After and is sent again; whatever is still queued at shutdown
 * is sent at the next start.
 */
export function createDeletionQueue(o: DeletionQueueOptions) {
  const sleep = o.sleep ?? ((ms: number) => delay(ms, undefined, { ref: false }));
  const queued = new Set<number>();
  let persisting: Promise<void> = Promise.resolve();
  let lock: Promise<unknown> = Promise.resolve();
  let quiet: NodeJS.Timeout | undefined;
  let latest: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  let closed = false;
  let lastError: string | undefined;

  const persist = (): Promise<void> => {
    const snapshot = JSON.stringify([...queued]);
    persisting = persisting.catch(() => undefined).then(() => o.state.set(QUEUE_KEY, queued.size === 0 ? '' : snapshot));
    return persisting;
  };

  /** One pass at a time, so the background sender and an urgent flush never send the same ids. */
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = lock.catch(() => undefined).then(fn);
    lock = next;
    return next;
  };

  const sent = async (ids: readonly number[]) => {
    for (const id of ids) queued.delete(id);
    await persist();
    await o.onDeleted();
  };

  const singlyAfter = (e: unknown, size: number) =>
    isUpstreamError(e) && (e.kind === 'invalid' || (e.code === 'BUDGET_SPENT' && size <= SMALL_BATCH));

  /**
   * One deletion request, in a context of its own so that its audit entries hold exactly its calls; the calls are
   * also added to `parent`, the IdP request that had to send the queue. A failing audit sink neither undoes nor
   * repeats the deletion.
   */
  async function attempt(ids: readonly number[], send: (ctx: UpstreamContext) => Promise<void>, parent?: UpstreamContext): Promise<void> {
    const ctx = newUpstreamContext('zia-deletion-queue');
    const record = async (status: number, detail?: string) => {
      if (!o.recordWrite || ctx.calls.length === 0) return;
      for (const id of ids) {
        const write: BackgroundWrite = { actor: 'zia-deletion-queue', operation: 'deleteUser', resourceType: 'User', upstreamId: String(id), calls: ctx.calls, status, ...(detail ? { detail } : {}) };
        await o.recordWrite(write).catch(() => undefined);
      }
    };
    try {
      await send(ctx);
    } catch (e) {
      // ZIA's answer, else that of the last attempt (a retry may have been refused by the budget before it was sent).
      await record((isUpstreamError(e) ? e.status : undefined) ?? ctx.calls.at(-1)?.status ?? 0, e instanceof Error ? e.message : String(e));
      throw e;
    } finally {
      parent?.calls.push(...ctx.calls);
    }
    await record(200);
  }

  /** Sends the first (up to) 500 queued ids. */
  async function pass(parent?: UpstreamContext): Promise<void> {
    const batch = [...queued].slice(0, BULK_DELETE_MAX);
    if (batch.length === 0) return;
    if (batch.length > 1) {
      try {
        await attempt(batch, (ctx) => o.deleteMany(batch, ctx), parent);
        return await sent(batch);
      } catch (e) {
        if (!singlyAfter(e, batch.length)) throw e;
      }
    }
    for (const id of batch) {
      await attempt([id], (ctx) => o.deleteOne(id, ctx), parent);
      await sent([id]);
    }
  }

  const drain = async (parent?: UpstreamContext) => {
    while (queued.size > 0) await exclusive(() => pass(parent));
  };

  const pause = (ms: number) =>
    Promise.race([sleep(ms), new Promise<void>((resolve) => (wake = resolve))]).finally(() => {
      wake = undefined;
    });

  /** In the background: a batch, waiting out refusals; further full batches at once. */
  async function run(): Promise<void> {
    do {
      for (;;) {
        if (closed) return;
        try {
          await exclusive(() => pass());
          lastError = undefined;
          break;
        } catch (e) {
          lastError = e instanceof Error ? e.message : String(e);
          await pause(isUpstreamError(e) && e.retryAfterSeconds !== undefined ? e.retryAfterSeconds * 1000 : DEFAULT_RETRY_MS);
        }
      }
    } while (queued.size >= BULK_DELETE_MAX);
  }

  const stopTimers = () => {
    clearTimeout(quiet);
    clearTimeout(latest);
    quiet = latest = undefined;
  };

  function sendNow(): void {
    stopTimers();
    if (running || closed) return;
    running = run().finally(() => {
      running = undefined;
      if (queued.size > 0) arm();
    });
  }

  function arm(): void {
    if (running || closed) return;
    clearTimeout(quiet);
    quiet = setTimeout(sendNow, o.windowMs).unref();
    latest ??= setTimeout(sendNow, MAX_BATCH_DELAY_MS).unref();
  }

  return {
    async add(id: number): Promise<void> {
      queued.add(id);
      await persist();
      if (queued.size >= BULK_DELETE_MAX) sendNow();
      else arm();
    },
    has: (id: number): boolean => queued.has(id),
    size: (): number => queued.size,
    lastError: (): string | undefined => lastError,
    /** At start-up: deletions queued before a restart are sent. */
    async resume(): Promise<void> {
      const saved = await o.state.get(QUEUE_KEY);
      for (const id of saved ? (JSON.parse(saved) as number[]) : []) queued.add(id);
      if (queued.size > 0) sendNow();
    },
    /** Send everything queued now, for the request `ctx` (its calls recorded there too); throws when ZIA (or a spent budget) refuses. */
    flushNow: (ctx: UpstreamContext): Promise<void> => drain(ctx),
    /** At shutdown: one last attempt; what is refused stays queued for the next start. */
    async close(): Promise<void> {
      closed = true;
      stopTimers();
      wake?.();
      await running;
      await drain().catch((e: unknown) => {
        lastError = e instanceof Error ? e.message : String(e);
      });
      await persisting;
    },
  };
}

export type DeletionQueue = ReturnType<typeof createDeletionQueue>;
