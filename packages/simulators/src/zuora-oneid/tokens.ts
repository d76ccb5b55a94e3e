import { randomBytes, randomUUID } from 'node:crypto';
import { BearerTokenStore } from '../token-store.js';
import type { TokenGrant } from '../token-store.js';

/** `POST /oauth2/token` success body (SCIM tag page sample, docs/upstreams/zuora-oneid.md §1). */
export interface OneIdTokenResponse {
  access_token: string;
  /** `admin <orgId>`. */
  scope: string;
  token_type: 'Bearer';
  expires_in: number;
}

/** The OneID simulator's issued tokens; `issue(issuer)` names the JWT's `iss`. */
export type OneIdTokenStore = BearerTokenStore<OneIdTokenResponse, [issuer: string]>;

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Bearer tokens shaped like the documented sample: an RS256 JWT whose payload carries `sub`/`aud` = client id,
 * `scope:["admin", <orgId>]`, `iss`, `nbf`, `iat` and `exp` = iat + TTL. The signature is random bytes: the simulator
 * only checks that it issued the token and that it has not expired (injectable clock).
 */
export function createOneIdTokenStore(now: () => number, ttlSeconds: number, orgId: string, clientId: string): OneIdTokenStore {
  const mint = ({ issuedAtMs, ttlSeconds: ttl }: TokenGrant, issuer: string): OneIdTokenResponse => {
    const iat = Math.floor(issuedAtMs / 1000);
    const header = { kid: randomUUID(), alg: 'RS256' };
    const payload = { sub: clientId, aud: clientId, nbf: iat, scope: ['admin', orgId], iss: issuer, exp: iat + ttl, iat };
    const token = `${b64url(header)}.${b64url(payload)}.${randomBytes(256).toString('base64url')}`;
    return { access_token: token, scope: `admin ${orgId}`, token_type: 'Bearer', expires_in: ttl };
  };
  return new BearerTokenStore(now, ttlSeconds, mint);
}
