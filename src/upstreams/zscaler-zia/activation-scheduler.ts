import { newUpstreamContext, type UpstreamContext } from '../call-record.js';
import { systemClock, type Clock, type Timer } from '../clock.js';
import type { DurableState, DurableWorkQueue } from '../durable-state.js';
import type { BackgroundWrite } from '../upstream.js';
import { isUpstreamError } from '../upstream-error.js';
import { newestRead } from './newest-read.js';

/** The work queue holding the tenant's owed activation: one item, whichever replica made the writes. */
export const ACTIVATION_QUEUE = 'zia.activation';
const OWED = 'owed';
/** Where versions before the work queue marked an owed activation: read once at start, then cleared. */
const LEGACY_KEY = 'zia.activation.pendingSince';

export interface ActivationStatus {
  pending: boolean;
  pendingSince: string | undefined;
  lastActivatedAt: string | undefined;
  activations: number;
  lastError: string | undefined;
}

export interface ActivationSchedulerOptions {
  /** Sends `POST /status/activate` (through the budgeted client), its calls recorded in `ctx`. */
  activate: (ctx: UpstreamContext) => Promise<void>;
  /** The audit log: one `System` entry per activation sent (accepted or not), actor `zia-activation`. */
  recordWrite?: (write: BackgroundWrite) => Promise<void>;
  /** The tenant's durable work queues, shared with the other replicas. */
  queue: DurableWorkQueue;
  /** This process as a worker of the queue. */
  owner: string;
  /** How long a claim keeps other replicas from activating: longer than one activation request can take. */
  leaseMs: number;
  /** How often the queue is looked at for an activation another replica owed and did not send (it died). Off when absent. */
  pollMs?: number;
  /** The key/value state earlier versions marked an owed activation in, imported at `resume()`. */
  legacyState?: DurableState;
  debounceMs: number;
  maxDelayMs: number;
  /** Time and timers (default: the system's). */
  clock?: Clock;
  onError?: (error: unknown) => void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * ZIA stages every change until `POST /status/activate` (docs/upstreams/zscaler-zia.md §6: "group the changes and activate once"),
 * which may be called 10 times a minute and 40 an hour (docs/upstreams/zscaler-zia.md §7). Each write marks an activation as owed: one item of the
 * tenant's work queue, shared by every replica, so a replica that dies owing one does not lose it, and writes on two
 * replicas owe one activation, not two. One activation follows a quiet `debounceMs`, or `maxDelayMs` after the first
 * write of the batch at the latest; whichever replica claims the item sends it, and a write made while it is being
 * sent (on any replica) leaves it owed for the next batch. A refused activation (budget spent, upstream down) is
 * released with its Retry-After as the time of the next attempt.
 */
export function createActivationScheduler(o: ActivationSchedulerOptions) {
  const clock = o.clock ?? systemClock;
  const now = () => clock.now();
  const at = (afterMs = 0) => new Date(now() + afterMs).toISOString();
  const setTimer = (fn: () => void, ms: number) => clock.setTimer(fn, ms);
  let timer: Timer | undefined;
  let poller: Timer | undefined;
  /** When this process noted the first write of the batch it is waiting to activate. */
  let firstWriteAt: number | undefined;
  let running: Promise<void> | undefined;
  let polling = false;
  let closed = false;
  const status: ActivationStatus = { pending: false, pendingSince: undefined, lastActivatedAt: undefined, activations: 0, lastError: undefined };

  const schedule = (ms: number) => {
    if (closed) return;
    timer?.cancel();
    timer = setTimer(
      () => {
        timer = undefined;
        void activateNow();
      },
      Math.max(0, ms),
    );
  };

  /** The owed item as the store holds it; a read older than the last one applied is dropped. */
  const summary = newestRead(
    () => o.queue.summary(ACTIVATION_QUEUE, at()),
    (s) => {
      status.pending = s.total > 0;
      status.pendingSince = status.pending ? (s.firstEnqueuedAt ?? status.pendingSince) : undefined;
    },
  );
  const refresh = summary.refresh;

  /**
   * An activation that reached ZIA goes to the audit log; one refused before it was sent (a spent budget) does not.
   * A failing audit sink neither undoes nor repeats the activation.
   */
  const record = async (ctx: UpstreamContext, statusCode: number, detail?: string): Promise<void> => {
    if (!o.recordWrite || ctx.calls.length === 0) return;
    const write: BackgroundWrite = {
      actor: 'zia-activation',
      operation: 'activate',
      resourceType: 'System',
      calls: ctx.calls,
      status: statusCode,
      ...(detail ? { detail } : {}),
    };
    await o.recordWrite(write).catch(() => undefined);
  };

  async function activateOnce(): Promise<void> {
    const [item] = await o.queue.claim(ACTIVATION_QUEUE, { owner: o.owner, now: at(), leaseUntil: at(o.leaseMs), limit: 1 });
    if (!item) {
      // Nothing owed, another replica is activating, or a refused activation waits for its next attempt.
      const s = await refresh();
      if (!status.pending) firstWriteAt = undefined;
      else if (s.nextReadyAt !== undefined) schedule(Date.parse(s.nextReadyAt) - now());
      return;
    }
    const ctx = newUpstreamContext('zia-activation');
    let activated = false;
    try {
      await o.activate(ctx);
      activated = true;
      await record(ctx, 200);
      status.activations++;
      status.lastActivatedAt = at();
      status.lastError = undefined;
      // Writes that arrived during the activation keep it owed, as the next batch.
      await o.queue.complete(ACTIVATION_QUEUE, [item]);
      firstWriteAt = undefined;
      if ((await refresh()).total > 0) {
        firstWriteAt = now();
        schedule(o.debounceMs);
      }
    } catch (e) {
      status.lastError = message(e);
      if (!activated) await record(ctx, (isUpstreamError(e) ? e.status : undefined) ?? ctx.calls.at(-1)?.status ?? 0, status.lastError);
      o.onError?.(e);
      const waitMs = isUpstreamError(e) && e.retryAfterSeconds !== undefined ? e.retryAfterSeconds * 1000 : o.maxDelayMs || 10_000;
      // Left claimed (the store failed), it is free again when the lease runs out.
      if (!activated) await o.queue.release(ACTIVATION_QUEUE, o.owner, [OWED], { notBefore: at(waitMs), error: status.lastError }).catch(() => undefined);
      schedule(waitMs);
    }
  }

  async function activateNow(): Promise<void> {
    if (running) return running;
    running = activateOnce()
      .catch((e: unknown) => {
        // The store could not be read: try again as after a refusal.
        status.lastError = message(e);
        o.onError?.(e);
        schedule(o.maxDelayMs || 10_000);
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  }

  /** Activates what the store says is due: an activation a dead replica owed, or one this process's timer missed. */
  async function poll(): Promise<void> {
    const s = await refresh();
    if (s.ready === 0 || running) return;
    const t = now();
    if (t - Date.parse(s.lastEnqueuedAt ?? '') >= o.debounceMs || t - Date.parse(s.firstEnqueuedAt ?? '') >= o.maxDelayMs) await activateNow();
  }

  function startPolling(): void {
    if (polling || o.pollMs === undefined) return;
    polling = true;
    const pollMs = o.pollMs;
    const next = () => {
      poller = setTimer(() => {
        poll()
          .catch((e: unknown) => {
            status.lastError = message(e);
          })
          .finally(() => {
            if (polling) next();
          });
      }, pollMs);
    };
    next();
  }

  return {
    /** A write was accepted upstream: an activation is owed. Resolves once that is durable. */
    async noteWrite(): Promise<void> {
      const t = now();
      // Owed from now on, for whoever looks at the status while the store is written.
      status.pending = true;
      await o.queue.enqueue(ACTIVATION_QUEUE, OWED, '', new Date(t).toISOString());
      summary.supersede();
      status.pending = true;
      status.pendingSince ??= new Date(t).toISOString();
      firstWriteAt ??= t;
      startPolling();
      schedule(Math.min(o.debounceMs, firstWriteAt + o.maxDelayMs - t));
    },
    /** At start-up: an activation owed before a restart (by this process or a dead replica) is sent now. */
    async resume(): Promise<void> {
      const legacy = await o.legacyState?.get(LEGACY_KEY);
      if (legacy) {
        await o.queue.enqueue(ACTIVATION_QUEUE, OWED, '', at());
        await o.legacyState?.set(LEGACY_KEY, '');
      }
      startPolling();
      if ((await refresh()).ready === 0) return;
      firstWriteAt = now();
      await activateNow();
    },
    /** At shutdown: send what this process knows is owed now rather than leave it to the next start or another replica. */
    async flush(): Promise<void> {
      timer?.cancel();
      timer = undefined;
      closed = true;
      polling = false;
      poller?.cancel();
      await running;
      if (status.pending) await activateNow();
    },
    status: (): ActivationStatus => ({ ...status }),
  };
}
