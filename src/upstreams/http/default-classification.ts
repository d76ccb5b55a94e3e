import type { UpstreamErrorKind } from '../upstream-error.js';
import type { UpstreamFailure, UpstreamResponse } from './upstream-request.js';

/** The default meaning of an HTTP status, as a closed `UpstreamError` kind (docs/architecture.md "Boundaries that matter"). */
export const kindOfStatus = (status: number): UpstreamErrorKind => {
  if (status === 404 || status === 410) return 'notFound';
  if (status === 409 || status === 412) return 'conflict';
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 429) return 'rateLimited';
  if (status === 504 || status === 408) return 'timeout';
  if (status >= 500 || status < 400) return 'unavailable';
  return 'invalid';
};

/** Default classification: 2xx is success, anything else fails with the kind of its status. */
export const defaultClassification = (response: UpstreamResponse): UpstreamFailure | 'ok' => {
  if (response.status >= 200 && response.status < 300) return 'ok';
  return { kind: kindOfStatus(response.status) };
};

/**
 * Whether a failed response may be sent again. 429 and 503 mean the upstream did not process the request, so any
 * method is retried; 500, 502 and 504 leave the outcome unknown, so only idempotent requests are.
 */
export const isRetryableStatus = (status: number, idempotent: boolean): boolean =>
  status === 429 || status === 503 || (idempotent && (status === 500 || status === 502 || status === 504));
