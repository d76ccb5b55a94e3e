import { requireBearerToken } from '../bearer-auth.js';
import type { BearerTokenValidator } from '../bearer-auth.js';
import { ZuoraCode, sendZuoraError } from './envelope.js';

/**
 * `onRequest` hook for the `/v1` scope: `Authorization: Bearer <token>` must name a live token. Otherwise 401 with
 * reason `90000011` and the message of Zuora's own example ("Failed to get user info", docs/upstreams/zuora-rest.md §3); Zuora's
 * advice on a 401 is to fetch a new token and retry once.
 */
export function bearerAuth(tokens: BearerTokenValidator) {
  return requireBearerToken(tokens, (reply) => sendZuoraError(reply, 401, ZuoraCode.authFailed, 'Failed to get user info'));
}
