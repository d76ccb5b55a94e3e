import { verify } from 'node:crypto';
import type { ServiceAccount } from './service-account.js';

/** The grant type of the service-account flow (RFC 7523 §2.1). */
export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** An assertion may live at most an hour (Google's service-account guide: `exp` at most 3600 s after `iat`). */
const MAX_LIFETIME_SECONDS = 3600;
/** Clocks differ; an assertion issued this little in the future, or expired this recently, still passes. */
const CLOCK_SKEW_SECONDS = 60;

/** What a verified assertion grants: the scopes asked for and the user impersonated (domain-wide delegation). */
export interface VerifiedGrant {
  scopes: string[];
  subject?: string;
}

/** A refusal as Google's token endpoint words it: RFC 6749 §5.2 `{error, error_description}` and its status. */
export interface GrantRefusal {
  status: 400 | 401;
  error: 'invalid_request' | 'invalid_grant' | 'invalid_scope' | 'unauthorized_client' | 'unsupported_grant_type';
  description: string;
}

const refuse = (error: GrantRefusal['error'], description: string, status: 400 | 401 = 400): GrantRefusal => ({ status, error, description });

function decodeSegment(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export interface AssertionContext {
  account: ServiceAccount;
  /** The `aud` the assertion must carry: the key file's `token_uri`. */
  audience: string;
  nowSeconds: number;
  /** Does this email name a user of the directory (the subject to impersonate)? */
  userExists: (email: string) => boolean;
}

/**
 * Check a JWT bearer assertion as Google's token endpoint does for a service account: RS256 signed by the account's
 * key, `iss` the account's email, `aud` the token URI, `iat`/`exp` at most an hour apart and current, `scope` a
 * space-separated list of scopes domain-wide delegation grants the client, `sub` (optional) a user of the domain.
 */
export function verifyAssertion(assertion: string, context: AssertionContext): VerifiedGrant | GrantRefusal {
  const parts = assertion.split('.');
  const [headerPart, payloadPart, signaturePart] = parts;
  if (parts.length !== 3 || headerPart === undefined || payloadPart === undefined || signaturePart === undefined) {
    return refuse('invalid_grant', 'The assertion is not a JWT of three base64url segments.');
  }
  const header = decodeSegment(headerPart);
  const claims = decodeSegment(payloadPart);
  if (!header || !claims) return refuse('invalid_grant', 'The assertion header or claim set is not a JSON object.');
  const { account } = context;
  if (claims.iss !== account.clientEmail) return refuse('invalid_grant', 'No service account is known by that issuer.');
  const signed = Buffer.from(`${headerPart}.${payloadPart}`);
  const signatureOk =
    header.alg === 'RS256' &&
    (header.kid === undefined || header.kid === account.privateKeyId) &&
    verify('RSA-SHA256', signed, account.publicKey, Buffer.from(signaturePart, 'base64url'));
  if (!signatureOk) return refuse('invalid_grant', 'The JWT signature does not verify with the key of this service account.');
  if (claims.aud !== context.audience) return refuse('invalid_grant', `The JWT audience must be the token URI ${context.audience}.`);
  const { iat, exp } = claims;
  const now = context.nowSeconds;
  const timely =
    typeof iat === 'number' &&
    typeof exp === 'number' &&
    exp > iat &&
    exp - iat <= MAX_LIFETIME_SECONDS &&
    iat <= now + CLOCK_SKEW_SECONDS &&
    exp >= now - CLOCK_SKEW_SECONDS;
  if (!timely) return refuse('invalid_grant', 'The JWT must be short-lived (at most 60 minutes) and current: check its iat and exp.');
  const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ').filter((s) => s !== '') : [];
  if (scopes.length === 0) return refuse('invalid_scope', 'A scope claim is required and may not be empty.');
  if (scopes.some((s) => !/^https:\/\/www\.googleapis\.com\/auth\/[\w.-]+$/.test(s)))
    return refuse('invalid_scope', 'An OAuth scope in the request is not valid.');
  if (scopes.some((s) => !account.grantedScopes.has(s))) {
    return refuse('unauthorized_client', 'This client is not authorised for every scope requested (domain-wide delegation).', 401);
  }
  if (claims.sub === undefined) return { scopes };
  if (typeof claims.sub !== 'string' || !context.userExists(claims.sub)) return refuse('invalid_grant', 'The subject is not a user of this domain.');
  return { scopes, subject: claims.sub };
}

export const isRefusal = (result: VerifiedGrant | GrantRefusal): result is GrantRefusal => 'error' in result;
