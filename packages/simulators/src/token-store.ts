/** The part of an RFC 6749 §5.1 access-token response every simulator's token store needs to see. */
export interface AccessTokenResponse {
  access_token: string;
}

/** When a token is being minted and for how long it will live. */
export interface TokenGrant {
  /** Issue time, epoch milliseconds from the simulator's clock. */
  issuedAtMs: number;
  ttlSeconds: number;
}

/**
 * Mints one token response in the upstream's own shape (opaque hex, a JWT, …). `args` are what the upstream needs per
 * request, e.g. the issuer URL of a JWT.
 */
export type TokenMinter<TResponse extends AccessTokenResponse, TArgs extends unknown[]> = (grant: TokenGrant, ...args: TArgs) => TResponse;

/**
 * The bearer tokens a simulator has issued and when each expires (RFC 6750), read against an injectable clock so tests
 * can expire a token without waiting. The token's shape is the upstream's, supplied as a {@link TokenMinter}; the
 * store only remembers `access_token` and answers whether it is still live. Wire `expireAll` to the fault
 * controller's `onExpireAllTokens`.
 */
export class BearerTokenStore<TResponse extends AccessTokenResponse, TArgs extends unknown[] = []> {
  private readonly tokens = new Map<string, number>();

  constructor(
    private readonly now: () => number,
    private readonly ttlSeconds: number,
    private readonly mint: TokenMinter<TResponse, TArgs>,
  ) {}

  /** Mint a token response and remember its token until `now + ttl`. */
  issue(...args: TArgs): TResponse {
    const issuedAtMs = this.now();
    const response = this.mint({ issuedAtMs, ttlSeconds: this.ttlSeconds }, ...args);
    this.tokens.set(response.access_token, issuedAtMs + this.ttlSeconds * 1000);
    return response;
  }

  /** Issued by this store and not yet expired; an expired token is forgotten. */
  isValid(token: string): boolean {
    const expiresAt = this.tokens.get(token);
    if (expiresAt === undefined) return false;
    if (this.now() < expiresAt) return true;
    this.tokens.delete(token);
    return false;
  }

  /** Forget every issued token: the next request with any of them is refused. */
  expireAll(): void {
    this.tokens.clear();
  }
}
