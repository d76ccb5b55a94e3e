import type { FastifyReply, FastifyRequest } from 'fastify';
import { ZuoraCode, sendZuoraError } from './envelope.js';
import type { TokenStore } from './tokens.js';

/**
 * `onRequest` hook for the `/v1` scope: `Authorization: Bearer <token>` must name a live token. Otherwise 401 with
 * reason `90000011` and the message of Zuora's own example ("Failed to get user info", upstreams.md B.3); Zuora's
 * advice on a 401 is to fetch a new token and retry once.
 */
export function bearerAuth(tokens: TokenStore) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const match = /^bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    if (match?.[1] !== undefined && tokens.isValid(match[1])) return undefined;
    return sendZuoraError(reply, 401, ZuoraCode.authFailed, 'Failed to get user info');
  };
}
