import { newUpstreamContext, type UpstreamContext } from '../call-record.js';
import type { DurableState } from '../durable-state.js';
import type { BackgroundWrite } from '../upstream.js';
import { isUpstreamError } from '../upstream-error.js';

const PENDING_KEY = 'zia.activation.pendingSince';

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
  state: DurableState;
  debounceMs: number;
  maxDelayMs: number;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => { cancel(): void };
  onError?: (error: unknown) => void;
}

/**
 * ZIA stages every change until `POST /status/activate` (upstreams.md §C.6: "group the changes and activate once"),
 * which may be called 10 times a minute and 40 an hour (§C.7). Writes mark an activation as owed — durably, so a
 * restart does not lose it — and one activation follows a quiet `debounceMs`, or `maxDelayMs` after the first write
 * of the batch at the latest. A refused activation (budget spent, upstream down) is tried again later.
 */
export function createActivationScheduler(o: ActivationSchedulerOptions) {
  const now = o.now ?? Date.now;
  const setTimer = o.setTimer ?? ((fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref();
    return { cancel: () => clearTimeout(t) };
  });
  let timer: { cancel(): void } | undefined;
  let firstWriteAt: number | undefined;
  let running: Promise<void> | undefined;
  const status: ActivationStatus = { pending: false, pendingSince: undefined, lastActivatedAt: undefined, activations: 0, lastError: undefined };

  const schedule = (ms: number) => {
    timer?.cancel();
    timer = setTimer(() => {
      timer = undefined;
      void activateNow();
    }, Math.max(0, ms));
  };

  /**
   * An activation that reached ZIA goes to the audit log; one refused before it was sent (a spent budget) does not.
   * A failing audit sink neither undoes nor repeats the activation.
   */
  const record = async (ctx: UpstreamContext, statusCode: number, detail?: string): Promise<void> => {
    if (!o.recordWrite || ctx.calls.length === 0) return;
    const write: BackgroundWrite = { actor: 'zia-activation', operation: 'activate', resourceType: 'System', calls: ctx.calls, status: statusCode, ...(detail ? { detail } : {}) };
    await o.recordWrite(write).catch(() => undefined);
  };

  async function activateNow(): Promise<void> {
    if (running) return running;
    running = (async () => {
      if (!status.pending) return;
      const batchStart = status.pendingSince;
      const ctx = newUpstreamContext('zia-activation');
      let activated = false;
      try {
        await o.activate(ctx);
        activated = true;
        await record(ctx, 200);
        status.activations++;
        status.lastActivatedAt = new Date(now()).toISOString();
        status.lastError = undefined;
        // Writes that arrived during the activation keep it owed.
        if (status.pendingSince === batchStart) {
          status.pending = false;
          status.pendingSince = undefined;
          firstWriteAt = undefined;
          await o.state.set(PENDING_KEY, '');
        }
      } catch (e) {
        status.lastError = e instanceof Error ? e.message : String(e);
        if (!activated) await record(ctx, (isUpstreamError(e) ? e.status : undefined) ?? ctx.calls.at(-1)?.status ?? 0, status.lastError);
        o.onError?.(e);
        const waitMs = isUpstreamError(e) && e.retryAfterSeconds !== undefined ? e.retryAfterSeconds * 1000 : o.maxDelayMs || 10_000;
        schedule(waitMs);
      }
    })().finally(() => {
      running = undefined;
    });
    return running;
  }

  return {
    /** A write was accepted upstream: an activation is owed. */
    async noteWrite(): Promise<void> {
      const t = now();
      if (!status.pending) {
        status.pending = true;
        status.pendingSince = new Date(t).toISOString();
        firstWriteAt = t;
        await o.state.set(PENDING_KEY, status.pendingSince);
      } else if (running) {
        // A write during an activation belongs to the next batch.
        status.pendingSince = new Date(t).toISOString();
        await o.state.set(PENDING_KEY, status.pendingSince);
      }
      const deadline = (firstWriteAt ?? t) + o.maxDelayMs;
      schedule(Math.min(o.debounceMs, deadline - t));
    },
    /** At start-up: an activation owed before a restart is sent now. */
    async resume(): Promise<void> {
      const since = await o.state.get(PENDING_KEY);
      if (!since) return;
      status.pending = true;
      status.pendingSince = since;
      firstWriteAt = now();
      await activateNow();
    },
    /** At shutdown: send what is owed now rather than leave it to the next start. */
    async flush(): Promise<void> {
      timer?.cancel();
      timer = undefined;
      await activateNow();
    },
    status: (): ActivationStatus => ({ ...status }),
  };
}

export type ActivationScheduler = ReturnType<typeof createActivationScheduler>;
