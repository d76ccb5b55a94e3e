import { randomBytes, randomUUID } from 'node:crypto';

/** `POST /oauth2/token` success body (SCIM tag page sample, upstreams.md A.1). */
export interface OneIdTokenResponse {
  access_token: string;
  /** `admin <orgId>`. */
  scope: string;
  token_type: 'Bearer';
  expires_in: number;
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Bearer tokens shaped like the documented sample: an RS256 JWT whose payload carries `sub`/`aud` = client id,
 * `scope:["admin", <orgId>]`, `iss`, `nbf`, `iat` and `exp` = iat + TTL. The signature is random bytes: the simulator
 * only checks that it issued the token and that it has not expired (injectable clock).
 */
export class OneIdTokenStore {
  private readonly tokens = new Map<string, number>();

  constructor(
    private readonly now: () => number,
    private readonly ttlSeconds: number,
    private readonly orgId: string,
    private readonly clientId: string,
  ) {}

  issue(issuer: string): OneIdTokenResponse {
    const iat = Math.floor(this.now() / 1000);
    const header = { kid: randomUUID(), alg: 'RS256' };
    const payload = { sub: this.clientId, aud: this.clientId, nbf: iat, scope: ['admin', this.orgId], iss: issuer, exp: iat + this.ttlSeconds, iat };
    const token = `${b64url(header)}.${b64url(payload)}.${randomBytes(256).toString('base64url')}`;
    this.tokens.set(token, this.now() + this.ttlSeconds * 1000);
    return { access_token: token, scope: `admin ${this.orgId}`, token_type: 'Bearer', expires_in: this.ttlSeconds };
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
