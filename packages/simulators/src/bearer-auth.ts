import type { FastifyReply, FastifyRequest } from 'fastify';

/** Why a request was refused: no bearer credentials at all, or a token that is unknown or has expired. */
export type BearerRejection = 'missing' | 'invalid';

/** What the hook needs of a token store (see `token-store.ts`). */
export interface BearerTokenValidator {
  isValid(token: string): boolean;
}

/** Answers a refused request in the upstream's own words (status 401, its error body, any challenge header). */
export type BearerRejectionRenderer = (reply: FastifyReply, reason: BearerRejection) => FastifyReply;

const BEARER = /^bearer\s+(\S+)\s*$/i;

/**
 * `onRequest` hook for a simulator's API scope: `Authorization: Bearer <token>` (RFC 6750 §2.1, scheme
 * case-insensitive) must name a live token; otherwise `reject` renders the upstream's 401.
 */
export function requireBearerToken(tokens: BearerTokenValidator, reject: BearerRejectionRenderer) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const match = BEARER.exec(request.headers.authorization ?? '');
    if (match?.[1] !== undefined && tokens.isValid(match[1])) return undefined;
    return reject(reply, match ? 'invalid' : 'missing');
  };
}
