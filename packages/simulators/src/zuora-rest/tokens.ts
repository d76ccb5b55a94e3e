import { randomBytes, randomUUID } from 'node:crypto';
import { BearerTokenStore } from '../token-store.js';
import type { TokenGrant } from '../token-store.js';

/** `POST /oauth/token` success body (Zuora "Create an OAuth token", docs/upstreams/zuora-rest.md §1). */
export interface ZuoraTokenResponse {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  jti: string;
  scope: string;
}

/** The Zuora REST simulator's issued tokens. */
export type ZuoraRestTokenStore = BearerTokenStore<ZuoraTokenResponse>;

const hex32 = () => randomBytes(16).toString('hex');

/**
 * Opaque bearer tokens as Zuora documents them: 32 hex characters, valid for one hour (`expires_in: 3599`), with a
 * `scope` naming the user, entity and tenant.
 */
export function createZuoraRestTokenStore(now: () => number, ttlSeconds: number, tenantId: string): ZuoraRestTokenStore {
  return new BearerTokenStore(now, ttlSeconds, ({ ttlSeconds: expiresIn }: TokenGrant): ZuoraTokenResponse => ({
    access_token: hex32(),
    token_type: 'bearer',
    expires_in: expiresIn,
    jti: hex32(),
    scope: `user.${hex32()} entity.${randomUUID()} tenant.${tenantId}`,
  }));
}
