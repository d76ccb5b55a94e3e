/** One HTTP exchange with an upstream, as recorded for the audit log, the request summary line and metrics. */
export interface UpstreamCallRecord {
  upstream: string;
  method: string;
  /** The path template or path, never with credentials or query secrets. */
  path: string;
  /** HTTP status, or 0 when no response arrived (reset, timeout). */
  status: number;
  durationMs: number;
  /** 1 for the first try, 2+ for retries. */
  attempt: number;
  /** Error code for failed attempts without a status, e.g. `UND_ERR_SOCKET`, `ECONNRESET`, `timeout`. */
  error?: string;
}

/**
 * Per-request context handed down from the core to an adapter and its HTTP client: the bridge's request id (sent as
 * a tracking header where the upstream supports one) and the list each upstream call is appended to.
 */
export interface UpstreamContext {
  requestId: string;
  calls: UpstreamCallRecord[];
  /**
   * Data on the write: the version of the target the core computed it from (its last-modified stamp; for a create,
   * the name's create generation, core/create-generation.ts). The same request retried carries the same basis; the
   * same body sent again after the target changed (add a member, remove it, add it again) carries a new one. An
   * adapter whose upstream deduplicates writes by key derives its key from it (OneID's `Idempotency-Key`).
   */
  writeBasis?: string;
  /**
   * Notes an adapter wants in the audit entry of this request, e.g. the full ZIA record of a user it deleted, so
   * that what was removed can be restored. Never a secret.
   */
  auditNotes?: string[];
  /**
   * Calls of this request whose audit entries an adapter wrote itself (a queued ZIA deletion this request had to send,
   * audited per deleted user): they stay in `calls` for the request's log line and metrics, and the request's own
   * audit entry leaves them out, so that every upstream call is in the audit log once.
   */
  auditedApart?: UpstreamCallRecord[];
  /**
   * A plan or a preview: adapters compute what they would write and return it as if written, sending nothing. The
   * upstream HTTP client refuses any request other than GET/HEAD in such a context, so a forgotten check fails
   * loudly instead of writing.
   */
  readOnly?: boolean;
}

export const newUpstreamContext = (requestId: string): UpstreamContext => ({ requestId, calls: [] });

/**
 * Every upstream call of every tenant as it happens, the background's (reconciler, identity source sync, ZIA's
 * activations and deletions) as much as a request's: for the console's per-tenant activity, which the bridge's
 * Prometheus counters (no tenant label) cannot give.
 */
export interface UpstreamCallFeed {
  subscribe(listener: (tenant: string, record: UpstreamCallRecord) => void): void;
}
