import { randomBytes } from 'node:crypto';
import { BearerTokenStore } from '../token-store.js';
import type { TokenGrant } from '../token-store.js';
import type { VerifiedGrant } from './jwt-grant.js';

/** Google's token answer to a service-account assertion. */
export interface GoogleTokenResponse {
  access_token: string;
  /** A second short of the lifetime, as Google answers (3599 for an hour). */
  expires_in: number;
  token_type: 'Bearer';
}

/**
 * Access tokens (`ya29.` and random characters, opaque as Google's), each remembering the scopes and the subject its
 * assertion was granted, and expiring on the simulator's clock.
 */
export class GoogleTokens {
  private readonly grants = new Map<string, VerifiedGrant>();
  private readonly store: BearerTokenStore<GoogleTokenResponse, [VerifiedGrant]>;

  constructor(now: () => number, ttlSeconds: number) {
    this.store = new BearerTokenStore(now, ttlSeconds, (issue: TokenGrant, grant: VerifiedGrant) => {
      const token = `ya29.${randomBytes(48).toString('base64url')}`;
      this.grants.set(token, grant);
      return { access_token: token, expires_in: issue.ttlSeconds - 1, token_type: 'Bearer' };
    });
  }

  issue(grant: VerifiedGrant): GoogleTokenResponse {
    return this.store.issue(grant);
  }

  isValid(token: string): boolean {
    if (this.store.isValid(token)) return true;
    this.grants.delete(token);
    return false;
  }

  /** The grant of a live token. */
  grantOf(token: string): VerifiedGrant | undefined {
    return this.isValid(token) ? this.grants.get(token) : undefined;
  }

  expireAll(): void {
    this.store.expireAll();
    this.grants.clear();
  }
}
