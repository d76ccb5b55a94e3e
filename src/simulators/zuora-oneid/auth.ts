import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from './errors.js';
import type { ErrorFormat } from './errors.js';
import type { OneIdTokenStore } from './tokens.js';

/**
 * `onRequest` hook for `/scim/v2`: `Authorization: Bearer <token>` must name a live token, else 401 ("401 means the
 * credentials are invalid or missing", error-handling guide) with a JSON error body and an RFC 6750 §3 challenge.
 */
export function bearerAuth(tokens: OneIdTokenStore, format: () => ErrorFormat) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const match = /^bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    if (match?.[1] !== undefined && tokens.isValid(match[1])) return undefined;
    const detail = match ? 'The access token is invalid or has expired' : 'Missing bearer token';
    reply.header('WWW-Authenticate', match ? 'Bearer error="invalid_token"' : 'Bearer');
    return sendError(reply, format(), 401, detail);
  };
}
