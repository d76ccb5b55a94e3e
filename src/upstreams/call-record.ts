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
   * What the core knew of the target before this write (its last-modified stamp), for adapters that derive an
   * upstream `Idempotency-Key` from the request: an IdP's retry of the same write reuses the key, while the same
   * body sent again after the target changed (add member, remove it, add it again) gets a new one. Empty for creates.
   */
  idempotencyBasis?: string;
  /**
   * Notes an adapter wants in the audit entry of this request, e.g. the full ZIA record of a user it deleted, so
   * that what was removed can be restored. Never a secret.
   */
  auditNotes?: string[];
  /**
   * A plan or a preview: adapters compute what they would write and return it as if written, sending nothing. The
   * upstream HTTP client refuses any request other than GET/HEAD in such a context, so a forgotten check fails
   * loudly instead of writing.
   */
  readOnly?: boolean;
}

export const newUpstreamContext = (requestId: string): UpstreamContext => ({ requestId, calls: [] });
