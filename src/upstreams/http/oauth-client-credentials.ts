import type { Dispatcher } from 'undici';
import { z } from 'zod';
import type { UpstreamContext } from '../call-record.js';
import type { UpstreamError } from '../upstream-error.js';
import type { AuthProvider } from './auth-provider.js';
import { describeErrorBody } from './error-body.js';
import { cachedCredentials, type Credential } from './cached-credentials.js';
import { credentialError, sendCredentialRequest } from './credential-request.js';
import { firstHeader } from './response-body.js';
import { parseRetryAfter } from './retry-after.js';
import { readAnswer } from './wire-answer.js';

export interface ClientCredentialsAuthOptions {
  /** e.g. `https://rest.zuora.com/oauth/token`, `https://one.zuora.com/oauth2/token`, `https://<vanity>.zslogin.net/oauth2/v1/token`. */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Extra form parameters, e.g. `{ audience: 'https://api.zscaler.com' }` for Zscaler OneAPI (docs/upstreams/zscaler-zia.md §8). */
  extraParams?: Record<string, string>;
  /** Client authentication (RFC 6749 §2.3.1): form body (default, what Zuora requires) or HTTP Basic. */
  clientAuth?: 'body' | 'basic';
  dispatcher?: Dispatcher;
  /** Refresh this long before the token expires. Default 60. */
  refreshSkewSeconds?: number;
  /** Epoch milliseconds. */
  now?: () => number;
  /** Name for errors and call records. Default `oauth`. */
  upstream?: string;
  /** Headers and body timeout for the token request. Default 10,000 ms. */
  timeoutMs?: number;
}

/** RFC 6749 §5.1. `token_type` is `bearer` at Zuora REST and `Bearer` at OneID and Zscaler, so case is ignored. */
const tokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string().refine((t) => t.toLowerCase() === 'bearer', 'token_type is not bearer'),
  expires_in: z.coerce.number().positive().optional(),
});

/** When the server omits `expires_in` (RFC 6749 §5.1 makes it optional), assume a short life rather than a long one. */
const DEFAULT_EXPIRES_IN_SECONDS = 300;

/**
 * OAuth 2.0 client credentials grant (RFC 6749 §4.4) as an `AuthProvider` sending `Authorization: Bearer <token>`
 * (RFC 6750 §2.1). Tokens are cached until `expires_in − refreshSkewSeconds` (never less than half their life);
 * concurrent callers share one token request. Zuora's token endpoint (docs/upstreams/zuora-rest.md §1) takes the credentials in the
 * form body and no authentication header, which is the default here.
 */
export const createClientCredentialsAuth = (options: ClientCredentialsAuthOptions): AuthProvider => {
  const url = new URL(options.tokenUrl);
  const upstream = options.upstream ?? 'oauth';
  const now = options.now ?? Date.now;
  const skewMs = (options.refreshSkewSeconds ?? 60) * 1000;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const basic =
    options.clientAuth === 'basic'
      ? Buffer.from(`${encodeURIComponent(options.clientId)}:${encodeURIComponent(options.clientSecret)}`).toString('base64')
      : undefined;
  const secrets = basic === undefined ? [options.clientSecret] : [options.clientSecret, basic];
  const fail = (kind: UpstreamError['kind'], message: string, extra: ConstructorParameters<typeof UpstreamError>[3]) =>
    credentialError({ upstream, secrets }, kind, message, extra);

  const requestParts = (): { headers: Record<string, string>; body: string } => {
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    };
    if (basic === undefined) {
      form.set('client_id', options.clientId);
      form.set('client_secret', options.clientSecret);
    } else {
      headers.authorization = `Basic ${basic}`;
    }
    for (const [name, value] of Object.entries(options.extraParams ?? {})) form.set(name, value);
    return { headers, body: form.toString() };
  };

  const fetchToken = async (ctx: UpstreamContext): Promise<Credential> => {
    const { headers, body } = requestParts();
    const response = await sendCredentialRequest(
      { upstream, url, method: 'POST', headers, body, dispatcher: options.dispatcher, timeoutMs, now, secrets },
      ctx,
    );
    const { status } = response;
    if (status >= 200 && status < 300) {
      // An answer that is no token (a login page behind a wrong tokenUrl, a cut-off body) is `malformed`: a 502.
      const token = readAnswer(tokenResponse, response, { upstream, call: `POST ${url.pathname}`, secrets });
      const lifeMs = (token.expires_in ?? DEFAULT_EXPIRES_IN_SECONDS) * 1000;
      return { headers: { authorization: `Bearer ${token.access_token}` }, refreshAt: now() + Math.max(lifeMs - skewMs, lifeMs / 2) };
    }
    const detail = describeErrorBody(response);
    const said = `HTTP ${status}${detail.message === undefined ? '' : `: ${detail.message}`}`;
    if (status === 429) {
      const waitMs = parseRetryAfter(firstHeader(response, 'retry-after'), now());
      const retryAfterSeconds = waitMs === undefined ? undefined : Math.ceil(waitMs / 1000);
      throw fail('rateLimited', said, { status, code: detail.code, retryAfterSeconds });
    }
    // RFC 6749 §5.2: invalid_client / unauthorized_client / invalid_grant come as 400 or 401.
    const kind = status >= 500 ? 'unavailable' : status === 408 ? 'timeout' : 'unauthorized';
    throw fail(kind, said, { status, code: detail.code });
  };

  const credentials = cachedCredentials(fetchToken, now);
  return { authorize: credentials.authorize, invalidate: credentials.invalidate };
};
