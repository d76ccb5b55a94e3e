import { requireBearerToken } from '../bearer-auth.js';
import type { BearerTokenValidator } from '../bearer-auth.js';
import { sendError } from './errors.js';
import type { ErrorFormat } from './errors.js';

/**
 * `onRequest` hook for `/scim/v2`: `Authorization: Bearer <token>` must name a live token, else 401 ("401 means the
 * credentials are invalid or missing", error-handling guide) with a JSON error body and an RFC 6750 §3 challenge.
 */
export function bearerAuth(tokens: BearerTokenValidator, format: () => ErrorFormat) {
  return requireBearerToken(tokens, (reply, reason) => {
    const invalid = reason === 'invalid';
    reply.header('WWW-Authenticate', invalid ? 'Bearer error="invalid_token"' : 'Bearer');
    return sendError(reply, format(), 401, invalid ? 'The access token is invalid or has expired' : 'Missing bearer token');
  });
}
