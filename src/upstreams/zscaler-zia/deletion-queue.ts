import { randomUUID } from 'node:crypto';
import type { WorkItem } from '../../store/store.js';
import { newUpstreamContext, type UpstreamContext } from '../call-record.js';
import { backgroundWait, systemClock, type Clock, type Timer } from '../clock.js';
import type { DurableState, DurableWorkQueue } from '../durable-state.js';
import type { BackgroundWrite } from '../upstream.js';
import { isUpstreamError } from '../upstream-error.js';
import { newestRead } from './newest-read.js';

/** The work queue of ZIA user ids whose deletion the IdP has been told is done. */
export const DELETIONS_QUEUE = 'zia.deletions';
/** Where versions before the work queue kept the whole queue, one JSON array: read once at start, then cleared. */
const LEGACY_KEY = 'zia.deletions.pending';
/** "up to a maximum of 500 users per request" (docs/upstreams/zscaler-zia.md §4). */
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
  /** The tenant's durable work queues, shared with the other replicas. */
  queue: DurableWorkQueue;
  /** This process as a worker of the queue (a restarted process is another one). */
  owner: string;
  /** How long a claim keeps other replicas off the ids it took: longer than any one deletion request can take. */
  leaseMs: number;
  /**
   * How often the queue is looked at for deletions no timer of this process will send: another replica's, left when
   * it died or its lease ran out. Off when absent.
   */
  pollMs?: number;
  /** The key/value state earlier versions kept the queue in, imported at `resume()`. */
  legacyState?: DurableState;
  /** Time, the batching timers and the wait for a refused batch's Retry-After (default: the system's). */
  clock?: Clock;
  /** Deletions arriving within this window of each other go out together. */
  windowMs: number;
  /** `DELETE /users/{id}` (a user already gone is success). */
  deleteOne(id: number, ctx: UpstreamContext): Promise<void>;
  /** `POST /users/bulkDelete` with at most 500 ids. */
  deleteMany(ids: readonly number[], ctx: UpstreamContext): Promise<void>;
  /** Told after every accepted deletion request (an activation is owed). */
  onDeleted(): Promise<void>;
  /**
   * The audit log: one `User` entry per id a `DELETE` or `bulkDelete` was sent for (accepted or not), actor
   * `zia-deletion-queue`, with that call (a bulkDelete appears in the entry of every id it carried).
   */
  recordWrite?: (write: BackgroundWrite) => Promise<void>;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const retryMsOf = (e: unknown) => (isUpstreamError(e) && e.retryAfterSeconds !== undefined ? e.retryAfterSeconds * 1000 : DEFAULT_RETRY_MS);

/**
 * ZIA user deletions, batched (docs/upstreams/zscaler-zia.md §4, §7: `DELETE /users/{id}` 1/s & 400/h, `POST /users/bulkDelete` ≤ 500
 * ids, 1/min & 4/h). A deletion is a row of the tenant's work queue before the IdP is answered: for the IdP the user
 * is gone, and ZIA's copy stays hidden (`isQueued`) from every replica until it is deleted. The queue is sent when it
 * holds 500 ids, else once no deletion has arrived for `windowMs` (or `MAX_BATCH_DELAY_MS` after its first id), one
 * user by `DELETE` or several by `bulkDelete`. So a burst of 600 is two bulkDeletes however long it takes to arrive.
 *
 * Several replicas share the queue: each sends what it claims, under a lease, so no id is sent by two at once. A
 * refused batch is released with its Retry-After as the time of the next attempt. Ids a replica left behind (it died
 * inside the window, or holding a claim) are sent by whichever replica looks next: the poll sends ids that have been
 * quiet for the window once their lease, if any, has run out, and a restarted process sends what is ready at start.
 */
export function createDeletionQueue(o: DeletionQueueOptions) {
  const clock = o.clock ?? systemClock;
  const now = () => clock.now();
  const at = (afterMs = 0) => new Date(now() + afterMs).toISOString();
  let lock: Promise<unknown> = Promise.resolve();
  let quiet: Timer | undefined;
  let latest: Timer | undefined;
  let poller: Timer | undefined;
  let running: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  let closed = false;
  /** Whether this process has queued or resumed deletions: only then does `close()` send what is left. */
  let active = false;
  let lastError: string | undefined;

  /**
   * The queue's size and readiness as last read. A read started earlier than the one last applied is dropped, so a
   * slow answer from before an enqueue never makes the queue look empty.
   */
  let known = { total: 0, ready: 0 };
  const summary = newestRead(
    () => o.queue.summary(DELETIONS_QUEUE, at()),
    (s) => (known = { total: s.total, ready: s.ready }),
  );
  const refresh = summary.refresh;
  /** Deletions being written to the queue by this process right now. */
  let adding = 0;
  const refreshQuietly = () => refresh().catch(() => undefined);

  /** One pass at a time, so the background sender and an urgent flush of this process never overlap. */
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = lock.catch(() => undefined).then(fn);
    lock = next;
    return next;
  };

  /** ZIA accepted: an activation is owed first (so a failure to complete resends rather than forgets it), then the rows go. */
  const sent = async (items: readonly WorkItem[]) => {
    await o.onDeleted();
    await o.queue.complete(DELETIONS_QUEUE, items);
    await refreshQuietly();
  };

  const singlyAfter = (e: unknown, size: number) => isUpstreamError(e) && (e.kind === 'invalid' || (e.code === 'BUDGET_SPENT' && size <= SMALL_BATCH));

  /**
   * One deletion request, in a context of its own so that its audit entries hold exactly its calls; the calls are
   * also added to `parent`, the IdP request that had to send the queue. A failing audit sink neither undoes nor
   * repeats the deletion.
   */
  async function attempt(ids: readonly number[], send: (ctx: UpstreamContext) => Promise<void>, parent?: UpstreamContext): Promise<void> {
    const ctx = newUpstreamContext('zia-deletion-queue');
    const record = async (status: number, detail?: string) => {
      if (!o.recordWrite || ctx.calls.length === 0) return;
      const batch = `zia-deletion-queue-${randomUUID()}`;
      for (const id of ids) {
        const write: BackgroundWrite = {
          actor: 'zia-deletion-queue',
          operation: 'deleteUser',
          resourceType: 'User',
          upstreamId: String(id),
          batch,
          calls: ctx.calls,
          status,
          ...(detail ? { detail } : {}),
        };
        await o.recordWrite(write).catch(() => undefined);
      }
    };
    try {
      await send(ctx);
    } catch (e) {
      // ZIA's answer, else that of the last attempt (a retry may have been refused by the budget before it was sent).
      await record((isUpstreamError(e) ? e.status : undefined) ?? ctx.calls.at(-1)?.status ?? 0, message(e));
      throw e;
    } finally {
      if (parent) {
        parent.calls.push(...ctx.calls);
        // Audited above, per deleted user: the IdP request's own entry does not repeat them.
        if (o.recordWrite) (parent.auditedApart ??= []).push(...ctx.calls);
      }
    }
    await record(200);
  }

  /** Claims and sends the oldest (up to) 500 ready ids; returns how many it claimed. */
  async function pass(parent?: UpstreamContext): Promise<number> {
    const batch = await o.queue.claim(DELETIONS_QUEUE, { owner: o.owner, now: at(), leaseUntil: at(o.leaseMs), limit: BULK_DELETE_MAX });
    if (batch.length === 0) return 0;
    const settled = new Set<string>(); // sent, or taken over by another replica
    try {
      if (batch.length > 1) {
        const ids = batch.map((i) => Number(i.key));
        try {
          await attempt(ids, (ctx) => o.deleteMany(ids, ctx), parent);
          await sent(batch);
          return batch.length;
        } catch (e) {
          if (!singlyAfter(e, batch.length)) throw e;
        }
      }
      for (const item of batch) {
        if (settled.has(item.key)) continue;
        // One by one takes a second each at least: the lease on what is left is renewed, and ids another replica
        // took over meanwhile are left to it.
        if (batch.length > 1) {
          const left = batch.filter((i) => !settled.has(i.key)).map((i) => i.key);
          const held = new Set(await o.queue.renew(DELETIONS_QUEUE, o.owner, left, at(o.leaseMs)));
          for (const key of left) if (!held.has(key)) settled.add(key);
          if (!held.has(item.key)) continue;
        }
        await attempt([Number(item.key)], (ctx) => o.deleteOne(Number(item.key), ctx), parent);
        await sent([item]);
        settled.add(item.key);
      }
      return batch.length;
    } catch (e) {
      const left = batch.filter((i) => !settled.has(i.key)).map((i) => i.key);
      // Unreleased (the store is down too), the ids come back when the lease runs out.
      await o.queue.release(DELETIONS_QUEUE, o.owner, left, { notBefore: at(retryMsOf(e)), error: message(e) }).catch(() => undefined);
      await refreshQuietly();
      throw e;
    }
  }

  /** Sends everything ready now; returns how many ids were claimed. */
  const drain = async (parent?: UpstreamContext): Promise<number> => {
    let claimed = 0;
    for (let n; (n = await exclusive(() => pass(parent))) > 0;) claimed += n;
    return claimed;
  };

  /** A wait in the background (it keeps no process alive), which `close()` ends early. */
  const pause = (ms: number) => {
    const wait = backgroundWait(clock, ms);
    wake = wait.stop;
    return wait.done.finally(() => {
      wake = undefined;
    });
  };

  /** In the background: a batch, waiting out refusals; further full batches at once. */
  async function run(): Promise<void> {
    for (;;) {
      for (;;) {
        if (closed) return;
        try {
          await exclusive(() => pass());
          lastError = undefined;
          break;
        } catch (e) {
          lastError = message(e);
          await pause(retryMsOf(e));
        }
      }
      if ((await refresh()).ready < BULK_DELETE_MAX) return;
    }
  }

  const stopTimers = () => {
    quiet?.cancel();
    latest?.cancel();
    quiet = latest = undefined;
  };

  function sendNow(): void {
    stopTimers();
    if (running || closed) return;
    running = run()
      .catch((e: unknown) => {
        lastError = message(e);
      })
      .finally(() => {
        running = undefined;
        if (known.ready > 0) arm();
      });
  }

  function arm(): void {
    if (running || closed) return;
    quiet?.cancel();
    quiet = clock.setTimer(sendNow, o.windowMs);
    latest ??= clock.setTimer(sendNow, MAX_BATCH_DELAY_MS);
  }

  /** Sends what the store says is due by the batching rule: what another replica left, or this one's timers missed. */
  async function poll(): Promise<void> {
    const s = await refresh();
    if (s.ready === 0 || running || closed) return;
    const t = now();
    const quietFor = t - Date.parse(s.lastEnqueuedAt ?? '');
    const waited = t - Date.parse(s.firstEnqueuedAt ?? '');
    if (s.ready >= BULK_DELETE_MAX || quietFor >= o.windowMs || waited >= MAX_BATCH_DELAY_MS) sendNow();
  }

  function startPolling(): void {
    active = true;
    if (poller || closed || o.pollMs === undefined) return;
    const pollMs = o.pollMs;
    // The next look is timed from the end of this one, so two never overlap.
    const next = () => {
      poller = clock.setTimer(() => {
        poll()
          .catch((e: unknown) => {
            lastError = message(e);
          })
          .finally(() => {
            if (!closed) next();
          });
      }, pollMs);
    };
    next();
  }

  /** Deletions an earlier version kept as one JSON array in the key/value state become rows. */
  async function importLegacy(): Promise<void> {
    const saved = await o.legacyState?.get(LEGACY_KEY);
    if (!saved) return;
    for (const id of JSON.parse(saved) as number[]) await o.queue.enqueue(DELETIONS_QUEUE, String(id), '', at());
    await o.legacyState?.set(LEGACY_KEY, '');
  }

  return {
    /** Queues the deletion durably; resolves once it is a row (the IdP may then be answered). */
    async add(id: number): Promise<void> {
      adding++;
      try {
        await o.queue.enqueue(DELETIONS_QUEUE, String(id), '', at());
        // Whatever a read started before this enqueue says, the queue is not empty.
        summary.supersede();
        known = { total: Math.max(known.total, 1), ready: Math.max(known.ready, 1) };
        startPolling();
        await refreshQuietly();
      } finally {
        adding--;
      }
      if (known.ready >= BULK_DELETE_MAX) sendNow();
      else arm();
    },
    /** Whether ZIA's user `id` is queued for deletion (by any replica). */
    isQueued: async (id: number): Promise<boolean> => (await o.queue.find(DELETIONS_QUEUE, [String(id)])).length > 0,
    /** Which of `ids` are queued for deletion: one query for a page of users. */
    queuedAmong: async (ids: readonly number[]): Promise<Set<number>> =>
      new Set((ids.length === 0 ? [] : await o.queue.find(DELETIONS_QUEUE, ids.map(String))).map(Number)),
    /**
     * Deletions ZIA has not confirmed, by every replica, as last read (after each change here, and each poll), and
     * those being queued here: never 0 while one of this process's deletions is unconfirmed.
     */
    size: (): number => known.total + adding,
    lastError: (): string | undefined => lastError,
    /** At start-up: deletions queued before a restart (by this process or a dead replica) are sent. */
    async resume(): Promise<void> {
      await importLegacy();
      startPolling();
      if ((await refresh()).ready > 0) sendNow();
    },
    /**
     * Sends everything ready now, for the request `ctx` (its calls recorded there too); returns how many ids were
     * claimed. Throws when ZIA (or a spent budget) refuses.
     */
    flushNow: (ctx: UpstreamContext): Promise<number> => drain(ctx),
    /**
     * How long until deletions that are queued but cannot be sent now (waiting out ZIA's Retry-After, or claimed by
     * another replica) can be tried again; undefined when none is queued.
     */
    async owedForMs(): Promise<number | undefined> {
      const s = await refresh();
      if (s.total === 0) return undefined;
      return Math.max(0, Date.parse(s.nextReadyAt ?? '') - now() || 0);
    },
    /** At shutdown: one last attempt; what is refused stays queued for the next start or another replica. */
    async close(): Promise<void> {
      closed = true;
      stopTimers();
      poller?.cancel();
      wake?.();
      await running;
      if (!active) return;
      await drain().catch((e: unknown) => {
        lastError = message(e);
      });
    },
  };
}

export type DeletionQueue = ReturnType<typeof createDeletionQueue>;
