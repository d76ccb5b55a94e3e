import type { UpstreamErrorKind } from '../upstream-error.js';

/** What a transport error (no HTTP response) means for classification and for retrying. */
export interface NetworkFailure {
  /** Stable error code for call records, e.g. `UND_ERR_SOCKET`, `ECONNREFUSED`, `UND_ERR_HEADERS_TIMEOUT`. */
  code: string;
  kind: Extract<UpstreamErrorKind, 'unavailable' | 'timeout'>;
  /**
   * True only when the request certainly never reached the upstream (no connection was made), so even a
   * non-idempotent write may be sent again. A reset or a timeout after connecting may hide a write that happened.
   */
  notSent: boolean;
}

/** Failures before a connection exists: the request bytes were never written. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'UND_ERR_CONNECT_TIMEOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

const codeOf = (error: unknown): string | undefined => {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  // Node reports a failed happy-eyeballs connect as an AggregateError whose members carry the code.
  if (error instanceof AggregateError) return error.errors.map(codeOf).find((c) => c !== undefined);
  return undefined;
};

/** Classifies an error thrown by an undici dispatch (undici `UND_ERR_*` codes or Node system error codes). */
export const classifyNetworkError = (error: unknown): NetworkFailure => {
  const code = codeOf(error) ?? 'UND_ERR_UNKNOWN';
  return {
    code,
    kind: TIMEOUT_CODES.has(code) ? 'timeout' : 'unavailable',
    notSent: NOT_SENT_CODES.has(code),
  };
};
