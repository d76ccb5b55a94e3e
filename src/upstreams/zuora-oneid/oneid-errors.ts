import { isJsonObject } from '../../scim/resource.js';
import { kindOfStatus } from '../http/default-classification.js';
import type { UpstreamFailure, UpstreamResponse } from '../http/index.js';

/**
 * How OneID's failures read (docs/upstreams/zuora-oneid.md §2, §6): RFC 7644 §3.12 bodies `{schemas, status, scimType, detail}`
 * or, switchable, Zuora's `{success:false, reasons:[{code, message}]}`; plus the two Idempotency-Key answers.
 */

/** The upstream's own words, from either body shape. */
export function oneIdMessage(body: unknown): string | undefined {
  if (!isJsonObject(body)) return undefined;
  if (typeof body.detail === 'string') return body.detail;
  const reason = Array.isArray(body.reasons) ? body.reasons[0] : undefined;
  return isJsonObject(reason) && typeof reason.message === 'string' ? reason.message : undefined;
}

/** "409 if the same key is sent while the first is still in flight" (idempotent-requests guide). */
export function isKeyInFlight(status: number, body: unknown): boolean {
  const message = oneIdMessage(body) ?? '';
  return status === 409 && /idempotency-key/i.test(message) && /still being processed|in flight|in progress/i.test(message);
}

/** A stored answer replayed as 409 (the error-handling guide's reading, docs/upstreams/zuora-oneid.md §2): the original resource in the body. */
const isReplayedResource = (body: unknown): boolean =>
  isJsonObject(body) && typeof body.id === 'string' && body.success === undefined && body.detail === undefined && body.scimType === undefined;

/**
 * The client's classify hook for OneID. A 409 is a uniqueness conflict unless it says the key is in flight (retry
 * once the first request is done) or carries a replayed resource (success); a replayed error keeps its own status.
 * Every 5xx is `unavailable`. A 422 (the key was first used for another request) stays `invalid`: the adapter
 * retries it once with a fresh key.
 */
export function classifyOneIdResponse(response: UpstreamResponse): UpstreamFailure | 'ok' | undefined {
  const { status, body } = response;
  if (status >= 200 && status < 300) return isJsonObject(body) && body.success === false ? { kind: 'invalid' } : undefined;
  if (status === 409) {
    if (isKeyInFlight(status, body)) return { kind: 'unavailable', retryable: true };
    if (isReplayedResource(body)) return 'ok';
    const original = isJsonObject(body) && typeof body.status === 'string' ? Number(body.status) : 409;
    return { kind: Number.isInteger(original) && original >= 400 && original !== 409 ? kindOfStatus(original) : 'conflict' };
  }
  if (status >= 500) return { kind: 'unavailable' };
  return undefined;
}

/** How long to wait before asking again about a key still in flight (OneID sends no Retry-After for it). */
export const inFlightRetryAfter =
  (waitMs: number) =>
  (body: unknown): number | undefined =>
    isKeyInFlight(409, body) ? waitMs : undefined;
