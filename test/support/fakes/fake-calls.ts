import type { UpstreamCallRecord, UpstreamContext } from '../../../src/upstreams/call-record.js';
import { isUpstreamError, UpstreamError } from '../../../src/upstreams/upstream-error.js';
import type { FakeTenant } from './fake-tenant.js';

/** A simulated request: method, path template, and the upstream id it names (for the tenant's log). */
export interface FakeRequest {
  method: string;
  path: string;
  objectId?: string;
}

/** How the fake adapter makes a "request": what the real adapters' HTTP client does, without HTTP. */
export interface FakeCalls {
  readonly upstream: string;
  /**
   * One simulated request: recorded (in the context, the tenant's log and `onCall`) once per attempt; a pending
   * 429/503 of the tenant is retried at once, within `maxAttempts` (no real sleeping); a write in a read-only context
   * is refused before anything happens, as the HTTP client refuses it. `statusOf` gives a success's status.
   */
  run<T>(ctx: UpstreamContext, request: FakeRequest, act: () => T, statusOf?: (result: T) => number): Promise<T>;
}

const SUCCESS: Record<string, number> = { POST: 201, DELETE: 204 };

export function fakeCalls(tenant: FakeTenant, options: { upstream: string; maxAttempts: number; onCall?: (record: UpstreamCallRecord) => void }): FakeCalls {
  const record = (ctx: UpstreamContext, r: UpstreamCallRecord, objectId: string | undefined) => {
    ctx.calls.push(r);
    tenant.calls.push({ ...r, ...(objectId !== undefined ? { objectId } : {}) });
    options.onCall?.(r);
  };
  return {
    upstream: options.upstream,
    async run(ctx, { method, path, objectId }, act, statusOf) {
      if (ctx.readOnly && method !== 'GET' && method !== 'HEAD') {
        throw new Error(`${options.upstream}: ${method} ${path} refused in a read-only context (a plan writes nothing)`);
      }
      for (let attempt = 1; ; attempt++) {
        const base = { upstream: options.upstream, method, path, durationMs: 0, attempt };
        const failure = tenant.takeFailure(`${method} ${path}`);
        if (failure !== undefined) {
          record(ctx, { ...base, status: failure }, objectId);
          if (attempt < options.maxAttempts) continue;
          const kind = failure === 429 ? 'rateLimited' : 'unavailable';
          throw new UpstreamError(kind, options.upstream, `${method} ${path} answered ${failure} ${attempt} times`, { status: failure });
        }
        // A turn of the event loop, as a request takes: concurrent writes interleave as they would over HTTP.
        await Promise.resolve();
        try {
          const result = act();
          record(ctx, { ...base, status: statusOf?.(result) ?? SUCCESS[method] ?? 200 }, objectId);
          return result;
        } catch (e) {
          record(ctx, { ...base, status: isUpstreamError(e) ? (e.status ?? 400) : 500 }, objectId);
          throw e;
        }
      }
    },
  };
}
