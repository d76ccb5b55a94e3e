import { sign } from 'node:crypto';
import type { Dispatcher } from 'undici';
import { z } from 'zod';
import type { UpstreamContext } from '../../upstreams/call-record.js';
import type { AuthProvider } from '../../upstreams/http/auth-provider.js';
import { cachedCredentials } from '../../upstreams/http/cached-credentials.js';
import { credentialError, sendCredentialRequest } from '../../upstreams/http/credential-request.js';
import { describeErrorBody } from '../../upstreams/http/error-body.js';
import { firstHeader } from '../../upstreams/http/response-body.js';
import { parseRetryAfter } from '../../upstreams/http/retry-after.js';
import { readAnswer } from '../../upstreams/http/wire-answer.js';
import { UpstreamError } from '../../upstreams/upstream-error.js';
import type { ServiceAccountKey } from './service-account-key.js';

/** The read-only Directory API scopes (docs/sources/google-workspace.md §3): nothing the bridge does writes to Google. */
export const DIRECTORY_READ_SCOPES = [
  'https://www.googleapis.com/auth/admin.directory.user.readonly',
  'https://www.googleapis.com/auth/admin.directory.group.readonly',
  'https://www.googleapis.com/auth/admin.directory.group.member.readonly',
] as const;
export const ORG_UNIT_READ_SCOPE = 'https://www.googleapis.com/auth/admin.directory.orgunit.readonly';

export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** Google accepts an assertion that lives at most an hour (docs/sources/google-workspace.md §2). */
const ASSERTION_LIFE_SECONDS = 3600;

export interface JwtBearerAuthOptions {
  key: ServiceAccountKey;
  scopes: readonly string[];
  /** The user to act as (domain-wide delegation), the JWT `sub`. */
  subject?: string;
  tokenUrl: string;
  /** Name for errors and call records. */
  source: string;
  dispatcher?: Dispatcher;
  now: () => number;
  refreshSkewSeconds?: number;
  timeoutMs?: number;
}

const b64url = (data: string | Buffer): string => Buffer.from(data).toString('base64url');

/** The claim set of the assertion (RFC 7523 §3; docs/sources/google-workspace.md §2). */
export function assertionClaims(o: Pick<JwtBearerAuthOptions, 'key' | 'scopes' | 'subject' | 'tokenUrl'>, nowMs: number): Record<string, string | number> {
  const iat = Math.floor(nowMs / 1000);
  return {
    iss: o.key.clientEmail,
    scope: o.scopes.join(' '),
    aud: o.tokenUrl,
    iat,
    exp: iat + ASSERTION_LIFE_SECONDS,
    ...(o.subject === undefined ? {} : { sub: o.subject }),
  };
}

/**
 * A signed JWT assertion: `header.claims.signature`, RS256 (RSASSA-PKCS1-v1_5 over SHA-256, RFC 7518 §3.3). Node's
 * own `crypto.sign` does it in one call, so no JWT or Google auth library is needed for this one signature.
 */
export function signAssertion(o: Pick<JwtBearerAuthOptions, 'key' | 'scopes' | 'subject' | 'tokenUrl'>, nowMs: number): string {
  const header = { alg: 'RS256', typ: 'JWT', ...(o.key.privateKeyId === undefined ? {} : { kid: o.key.privateKeyId }) };
  const signingInput = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(assertionClaims(o, nowMs)))}`;
  const signature = sign('sha256', Buffer.from(signingInput), o.key.privateKey);
  return `${signingInput}.${b64url(signature)}`;
}

const tokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string().refine((t) => t.toLowerCase() === 'bearer', 'token_type is not bearer'),
  expires_in: z.coerce.number().positive().optional(),
});

/** Google's tokens live an hour; when `expires_in` is missing assume less rather than more. */
const DEFAULT_EXPIRES_IN_SECONDS = 300;

/**
 * The OAuth 2.0 JWT-bearer grant (RFC 7523 §2.1) at Google's token endpoint, as an AuthProvider sending
 * `Authorization: Bearer` (docs/sources/google-workspace.md §2). Tokens are cached and fetched again
 * `refreshSkewSeconds` before they expire; concurrent callers share one token request (cached-credentials.ts).
 * Written on node:crypto and the shared credential request rather than a library: the grant is one RS256 signature
 * and one form POST, and Google's auth library would bring its own HTTP stack, retries and metadata-server probing.
 * Errors name the service account, never the key, the assertion or the token.
 */
export function createJwtBearerAuth(o: JwtBearerAuthOptions): AuthProvider {
  const url = new URL(o.tokenUrl);
  const skewMs = (o.refreshSkewSeconds ?? 60) * 1000;
  const who = `service account ${o.key.clientEmail}${o.subject === undefined ? '' : ` acting as ${o.subject}`}`;

  const fetchToken = async (ctx: UpstreamContext) => {
    const assertion = signAssertion(o, o.now());
    const secrets = [assertion];
    const fail = (kind: Parameters<typeof credentialError>[1], message: string, extra: Parameters<typeof credentialError>[3]) =>
      credentialError({ upstream: o.source, secrets }, kind, `${who}: ${message}`, extra);
    const body = new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion }).toString();
    const headers = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    let response;
    try {
      response = await sendCredentialRequest(
        { upstream: o.source, url, method: 'POST', headers, body, dispatcher: o.dispatcher, timeoutMs: o.timeoutMs ?? 10_000, now: o.now, secrets },
        ctx,
      );
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      throw fail(error.kind, 'no answer from the token endpoint', { code: error.code, cause: error });
    }
    const { status } = response;
    if (status >= 200 && status < 300) {
      const token = readAnswer(tokenResponse, response, { upstream: o.source, call: `POST ${url.pathname}`, secrets });
      const lifeMs = (token.expires_in ?? DEFAULT_EXPIRES_IN_SECONDS) * 1000;
      return { headers: { authorization: `Bearer ${token.access_token}` }, refreshAt: o.now() + Math.max(lifeMs - skewMs, lifeMs / 2) };
    }
    // Google answers `{"error": "invalid_grant", "error_description": "…"}` (RFC 6749 §5.2).
    const detail = describeErrorBody(response);
    const code = detail.code === undefined ? '' : ` ${detail.code}`;
    const said = `token endpoint answered HTTP ${status}${code}${detail.message === undefined ? '' : `: ${detail.message}`}`;
    if (status === 429) {
      const waitMs = parseRetryAfter(firstHeader(response, 'retry-after'), o.now());
      throw fail('rateLimited', said, { status, code: detail.code, retryAfterSeconds: waitMs === undefined ? undefined : Math.ceil(waitMs / 1000) });
    }
    const kind = status >= 500 ? 'unavailable' : status === 408 ? 'timeout' : 'unauthorized';
    throw fail(kind, said, { status, code: detail.code });
  };

  const credentials = cachedCredentials(fetchToken, o.now);
  return { authorize: credentials.authorize, invalidate: credentials.invalidate };
}
