import { randomBytes, randomUUID } from 'node:crypto';

/** `POST /oauth/token` success body (Zuora "Create an OAuth token", upstreams.md B.1). */
export interface ZuoraTokenResponse {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  jti: string;
  scope: string;
}

/**
 * Opaque bearer tokens with a TTL, read against an injectable clock so tests can expire a token without waiting.
 * Zuora documents tokens as 32 hex characters valid for one hour (`expires_in: 3599`).
 */
export class TokenStore {
  private readonly tokens = new Map<string, number>();

  constructor(
    private readonly now: () => number,
    private readonly ttlSeconds: number,
    private readonly tenantId: string,
  ) {}

  issue(): ZuoraTokenResponse {
    const token = randomBytes(16).toString('hex');
    this.tokens.set(token, this.now() + this.ttlSeconds * 1000);
    return {
      access_token: token,
      token_type: 'bearer',
      expires_in: this.ttlSeconds,
      jti: randomBytes(16).toString('hex'),
      scope: `user.${randomBytes(16).toString('hex')} entity.${randomUUID()} tenant.${this.tenantId}`,
    };
  }

  isValid(token: string): boolean {
    const expiresAt = this.tokens.get(token);
    if (expiresAt === undefined) return false;
    if (this.now() < expiresAt) return true;
    this.tokens.delete(token);
    return false;
  }

  expireAll(): void {
    this.tokens.clear();
  }
}
