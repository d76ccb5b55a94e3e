/**
 * Upstream failures as a closed set of kinds. Adapters and the HTTP client raise these; the core maps each kind to
 * one SCIM status (see `core/upstream-error-mapping.ts`), so an outage never reads as "not found" and an upstream
 * conflict is never flattened to a 500.
 */
export type UpstreamErrorKind =
  | 'notFound' // the upstream answered that the resource does not exist
  | 'conflict' // uniqueness or edit conflict the upstream reported
  | 'invalid' // the upstream rejected the data (a business rule, an unknown reference)
  | 'unauthorized' // the bridge's own credentials were refused: a configuration problem, not the IdP's
  | 'rateLimited' // the upstream (or our client-side budget for it) says wait
  | 'unavailable' // 5xx, connection refused or reset, maintenance
  | 'timeout' // no answer in time
  | 'malformed'; // an answer came, but not in the upstream's documented format (an HTML page, cut-off JSON, wrong types)

/** What an upstream answered when its answer could not be read: for the log, never for the IdP. */
export interface UnreadableAnswer {
  /** Method and path template of the call, e.g. `GET /v1/users/{id}`. */
  call: string;
  /** Why it could not be read, e.g. `not JSON` or `users[0].id: expected string, received number`. Never a value. */
  reason: string;
  /** The first few hundred characters of the body, secrets redacted. */
  excerpt: string;
}

export class UpstreamError extends Error {
  readonly kind: UpstreamErrorKind;
  readonly upstream: string;
  /** HTTP status the upstream answered with, when it answered. */
  readonly status: number | undefined;
  /** Seconds to wait, from the upstream's Retry-After or our own budget. */
  readonly retryAfterSeconds: number | undefined;
  /** Upstream's own error code (e.g. Zuora `53100320`, ZIA `EDIT_LOCK_NOT_AVAILABLE`). Never a secret. */
  readonly code: string | undefined;
  /** Set on `malformed` errors only: the call and what it answered, for the one log line that reports it. */
  readonly answer: UnreadableAnswer | undefined;

  constructor(
    kind: UpstreamErrorKind,
    upstream: string,
    message: string,
    options: { status?: number; retryAfterSeconds?: number; code?: string; cause?: unknown; answer?: UnreadableAnswer } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'UpstreamError';
    this.kind = kind;
    this.upstream = upstream;
    this.status = options.status;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.code = options.code;
    this.answer = options.answer;
  }
}

export const isUpstreamError = (e: unknown): e is UpstreamError => e instanceof UpstreamError;
