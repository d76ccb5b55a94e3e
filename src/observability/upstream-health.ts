import type { UpstreamCallRecord } from '../upstreams/call-record.js';

/**
 * What the bridge's own upstream traffic says about an upstream: when it last answered normally, and the last
 * failure that says it is unreachable (no answer, 5xx) or refuses the bridge's credentials (401, 403). Readiness reads
 * this instead of probing, because a probe would spend the upstream's budget (ZIA: 40 user listings an hour).
 */
export interface UpstreamHealth {
  lastAnsweredAt: string | undefined;
  lastFailure: { at: string; what: string } | undefined;
  /** `false` once a 401/403 was the last word on credentials (a later success clears it). */
  credentialsAccepted: boolean | undefined;
}

export function upstreamHealthTracker(now: () => Date = () => new Date()) {
  const health: UpstreamHealth = { lastAnsweredAt: undefined, lastFailure: undefined, credentialsAccepted: undefined };
  return {
    observe(call: UpstreamCallRecord): void {
      const at = now().toISOString();
      if (call.status === 0 || call.status >= 500) {
        health.lastFailure = { at, what: call.status === 0 ? (call.error ?? 'no answer') : `HTTP ${call.status}` };
        return;
      }
      health.lastAnsweredAt = at;
      if (call.status === 401 || call.status === 403) {
        health.credentialsAccepted = false;
        health.lastFailure = { at, what: `HTTP ${call.status}: credentials refused` };
      } else if (call.status < 400) {
        health.credentialsAccepted = true;
      }
    },
    snapshot: (): UpstreamHealth => ({ ...health }),
  };
}
