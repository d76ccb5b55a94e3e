import type { Fault, FaultRenderer } from '../faults.js';
import type { LimitPeriod } from './budgets.js';
import { ZiaCode } from './errors.js';

/**
 * The documented 429 body (ZH-RL "Understanding Rate Limiting": "a `Retry-After` response in the Body"):
 * `{"message":"Rate Limit (1/SECOND) exceeded","Retry-After":"0 seconds"}`.
 */
export function rateLimitBody(limit: number, per: LimitPeriod, retryAfterSeconds: number): Record<string, string> {
  return { message: `Rate Limit (${limit}/${per}) exceeded`, 'Retry-After': `${retryAfterSeconds} seconds` };
}

/**
 * Injected 429s and 5xx in ZIA's words: the documented 429 body (its limit, never documented for an injected 429, is
 * worded `1/SECOND`), with a `Retry-After` header too only when `retryAfterHeader()` says so (the doc puts it in the
 * body only); 5xx as `{"code","message"}` with `UNEXPECTED_ERROR` / `SERVICE_UNAVAILABLE` [INF].
 */
export function renderZiaFault(retryAfterHeader: () => boolean): FaultRenderer {
  return (fault) => {
    if (fault.kind === 'rateLimit') {
      const seconds = fault.retryAfterSeconds ?? 0;
      const headers: Record<string, string> = retryAfterHeader() ? { 'Retry-After': String(seconds) } : {};
      return { status: 429, headers, body: rateLimitBody(1, 'SECOND', seconds) };
    }
    const body =
      fault.status === 503
        ? { code: ZiaCode.unavailable, message: 'Service is temporarily unavailable' }
        : { code: ZiaCode.unexpected, message: 'Unexpected error' };
    return { status: fault.status, body };
  };
}

/**
 * ZIA's own failures, ready for `sim.faults.failNext(count, fault, route?)`. Like every injected failure they answer
 * before authentication and before any route runs, so state, budgets and pending changes stay untouched.
 */
export const ziaFaults = {
  /** 409 from concurrent admin edits (ZH-GS; body per ZSDK mocks [SDK]); "add a wait cycle … and retry". */
  editLock: (): Fault => ({
    kind: 'respond',
    status: 409,
    body: { code: ZiaCode.editLock, message: 'Edit lock not available' },
  }),
  /** Scheduled-upgrade maintenance (ZH-GS): 403, `x-zscaler-mode: read-only`, `STATE_READONLY`. */
  stateReadOnly: (): Fault => ({ kind: 'respond', status: 403, headers: { 'x-zscaler-mode': 'read-only' }, body: READ_ONLY_BODY }),
  /** The 401 ZIA sends "under high concurrency/load" instead of a 429 (ZSDK `IsSessionInvalidError` [SDK]); body [INF]. */
  resourceAccessBlocked: (): Fault => ({
    kind: 'respond',
    status: 401,
    body: { code: 'RESOURCE_ACCESS_BLOCKED', message: 'Resource Access Blocked' },
  }),
};

/** ZH-GS's maintenance answer, word for word. */
export const READ_ONLY_BODY = {
  code: ZiaCode.readOnly,
  message: 'The API service is undergoing a scheduled upgrade and is in read-only mode.',
} as const;
