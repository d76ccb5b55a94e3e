import { createHash, hash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * IdP bearer tokens. Only SHA-256 hashes are kept (config, memory, logs never see a token); a presented token is
 * hashed and compared with every stored hash in constant time, so neither a match's position nor its prefix
 * leaks through timing. Several credentials may be valid at once, which is how tokens are rotated.
 */
export interface IdpCredential {
  /** A name for logs and the audit log, e.g. `okta-prod`. */
  label: string;
  tenant: string;
  /** Hex SHA-256 of the token. */
  sha256: string;
}

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** A new random token (256 bits, URL-safe) for `token create` and the sandbox. */
export const generateToken = (): string => `scimb_${randomBytes(32).toString('base64url')}`;

export interface IdpTokenVerifier {
  verify(token: string): IdpCredential | undefined;
}

export function createIdpTokenVerifier(credentials: readonly IdpCredential[]): IdpTokenVerifier {
  const stored = credentials.map((c) => ({ credential: c, digest: Buffer.from(c.sha256, 'hex') }));
  return {
    verify(token: string): IdpCredential | undefined {
      // One-shot hash (Node ≥ 20.12): no Hash object per request on the hot path.
      const presented = hash('sha256', token, 'buffer');
      let found: IdpCredential | undefined;
      // No early exit: every stored hash is compared, whatever matched.
      for (const s of stored) {
        if (s.digest.length === presented.length && timingSafeEqual(s.digest, presented)) found ??= s.credential;
      }
      return found;
    },
  };
}
