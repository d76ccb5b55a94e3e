import type { Dispatcher } from 'undici';
import { z } from 'zod';
import type { UpstreamContext } from '../call-record.js';
import type { AuthProvider } from '../http/auth-provider.js';
import { cachedCredentials, type Credential } from '../http/cached-credentials.js';
import { credentialError, sendCredentialRequest } from '../http/credential-request.js';
import { describeErrorBody } from '../http/error-body.js';
import { firstHeader } from '../http/response-body.js';
import { retryAfterInJsonBody } from '../http/retry-after.js';
import { nullMeansAbsent } from '../http/wire-schema.js';
import { readAnswer, unreadableAnswer } from '../http/wire-answer.js';
import { obfuscateApiKey } from './obfuscate-api-key.js';

export interface ZiaSessionOptions {
  /** `https://zsapi.<cloud>.net/api/v1`. */
  baseUrl: string;
  username: string;
  password: string;
  apiKey: string;
  /** "By default, the JSESSIONID expires in 5 minutes" (docs/upstreams/zscaler-zia.md §3). */
  sessionMinutes: number;
  /** Log in again this long before the session would expire (ZSDK: one minute). */
  refreshSkewSeconds: number;
  dispatcher?: Dispatcher;
  now?: () => number;
  timeoutMs?: number;
}

export interface ZiaSessionAuth extends AuthProvider {
  /** `DELETE /authenticatedSession` when a session is open (at shutdown). */
  logout(ctx: UpstreamContext): Promise<void>;
}

const JSESSIONID = /(?:^|[;,]\s*)JSESSIONID=([^;,\s]+)/;

/** The SessionInfo a login answers with (docs/upstreams/zscaler-zia.md §3): `{"authType": "ADMIN_LOGIN", "obfuscateApiKey": true, …}`. */
const sessionInfoSchema = nullMeansAbsent(
  z.looseObject({
    authType: z.string().optional(),
    obfuscateApiKey: z.boolean().optional(),
    passwordExpiryTime: z.number().optional(),
    passwordExpiryDays: z.number().optional(),
  }),
);

/**
 * ZIA's legacy session authentication (docs/upstreams/zscaler-zia.md §2–§3): `POST /authenticatedSession` with the obfuscated API
 * key and its timestamp, then the `JSESSIONID` cookie on every call. The session is renewed before its 5 minutes run
 * out and, through the shared client, after a 401 (`SESSION_NOT_VALID`). Credentials never reach an error message.
 */
export function createZiaSessionAuth(o: ZiaSessionOptions): ZiaSessionAuth {
  const now = o.now ?? Date.now;
  const base = o.baseUrl.replace(/\/+$/, '');
  const url = new URL(`${base}/authenticatedSession`);
  const timeoutMs = o.timeoutMs ?? 10_000;
  const common = { upstream: 'zscaler-zia', url, dispatcher: o.dispatcher, timeoutMs, now, secrets: [o.password, o.apiKey] };

  const login = async (ctx: UpstreamContext): Promise<Credential> => {
    const timestamp = String(now());
    const body = JSON.stringify({ apiKey: obfuscateApiKey(o.apiKey, timestamp), username: o.username, password: o.password, timestamp });
    const headers = { 'content-type': 'application/json', accept: 'application/json' };
    const response = await sendCredentialRequest({ ...common, method: 'POST', headers, body }, ctx);
    const fail = (kind: Parameters<typeof credentialError>[1], extra: Parameters<typeof credentialError>[3] = {}) => {
      const detail = describeErrorBody(response);
      return credentialError(
        common,
        kind,
        `HTTP ${response.status}${detail.message ? `: ${detail.message}` : ''}`,
        { status: response.status, code: detail.code, ...extra },
        'login',
      );
    };
    if (response.status === 429) {
      const waitMs = retryAfterInJsonBody(response.body, now());
      throw fail('rateLimited', waitMs === undefined ? {} : { retryAfterSeconds: Math.ceil(waitMs / 1000) });
    }
    if (response.status >= 500) throw fail('unavailable');
    if (response.status < 200 || response.status >= 300) throw fail('unauthorized');
    // A login page or a proxy's answer may set a JSESSIONID too: only ZIA's SessionInfo with the cookie is a session.
    const source = { upstream: common.upstream, call: `POST ${url.pathname}`, secrets: common.secrets };
    readAnswer(sessionInfoSchema, response, source);
    const setCookie = response.headers['set-cookie'];
    const cookies = Array.isArray(setCookie) ? setCookie.join(', ') : (setCookie ?? '');
    const session = JSESSIONID.exec(cookies)?.[1] ?? firstHeader(response, 'jsessionid');
    if (!session) throw unreadableAnswer(source, response, 'no JSESSIONID cookie');
    const lifeMs = o.sessionMinutes * 60_000;
    return { headers: { cookie: `JSESSIONID=${session}` }, refreshAt: now() + Math.max(lifeMs - o.refreshSkewSeconds * 1000, lifeMs / 2) };
  };

  const credentials = cachedCredentials(login, now);
  return {
    authorize: credentials.authorize,
    invalidate: credentials.invalidate,
    async logout(ctx) {
      const open = credentials.current();
      if (!open) return;
      credentials.forget();
      await sendCredentialRequest({ ...common, method: 'DELETE', headers: { ...open.headers, accept: 'application/json' } }, ctx).catch(() => undefined);
    },
  };
}
