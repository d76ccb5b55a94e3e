import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes, randomUUID } from 'node:crypto';
import { requireBearerToken } from '../bearer-auth.js';
import { BearerTokenStore } from '../token-store.js';
import type { TokenGrant } from '../token-store.js';
import { ZiaCode, sendZiaError } from './errors.js';

/** ZIdentity's token response (ZH-ONE): `{"access_token":"eyJ…","token_type":"Bearer","expires_in":3600}`. */
export interface ZiaOneApiTokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

export type ZiaOneApiTokenStore = BearerTokenStore<ZiaOneApiTokenResponse>;

/** The audience every OneAPI token request must name (ZH-ONE). */
export const ONEAPI_AUDIENCE = 'https://api.zscaler.com';

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Tokens shaped like ZIdentity's (a JWT: `eyJ…`) for `clientId`, audience {@link ONEAPI_AUDIENCE}. The signature is
 * random bytes: the simulator only checks that it issued the token and that it has not expired (injectable clock).
 */
export function createOneApiTokenStore(now: () => number, ttlSeconds: number, clientId: string): ZiaOneApiTokenStore {
  return new BearerTokenStore(now, ttlSeconds, ({ issuedAtMs, ttlSeconds: ttl }: TokenGrant): ZiaOneApiTokenResponse => {
    const iat = Math.floor(issuedAtMs / 1000);
    const header = { alg: 'RS256', typ: 'JWT', kid: randomUUID() };
    const payload = { iss: 'https://simulator.zslogin.net/oauth2/v1', sub: clientId, aud: ONEAPI_AUDIENCE, iat, exp: iat + ttl, jti: randomUUID() };
    return { access_token: `${b64url(header)}.${b64url(payload)}.${randomBytes(64).toString('base64url')}`, token_type: 'Bearer', expires_in: ttl };
  });
}

/**
 * `onRequest` hook of the OneAPI scope: `Authorization: Bearer <token>` naming a live token, else 401 in ZIA's error
 * body (`INVALID_TOKEN` [INF]). `onAuthenticated` hears of every authenticated request.
 */
export function requireOneApiToken(tokens: ZiaOneApiTokenStore, onAuthenticated: () => void) {
  const check = requireBearerToken(tokens, (reply, reason) =>
    sendZiaError(reply, 401, ZiaCode.invalidToken, reason === 'missing' ? 'Missing bearer token' : 'The access token is invalid or has expired'),
  );
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const refused = await check(request, reply);
    if (refused) return refused;
    onAuthenticated();
    return undefined;
  };
}
