import { getGlobalDispatcher, type Dispatcher } from 'undici';
import type { UpstreamContext } from '../call-record.js';
import { UpstreamError, type UpstreamErrorKind } from '../upstream-error.js';
import { classifyNetworkError } from './network-failure.js';
import { redactSecrets } from './redact.js';
import { readResponse } from './response-body.js';
import type { UpstreamResponse } from './upstream-request.js';

export interface CredentialRequest {
  upstream: string;
  url: URL;
  method: 'POST' | 'DELETE' | 'GET';
  headers: Record<string, string>;
  body?: string;
  dispatcher?: Dispatcher;
  timeoutMs: number;
  now: () => number;
  /** Values never to appear in an error message (the secret, an encoded form of it). */
  secrets: readonly string[];
}

/**
 * One request to a credential endpoint (token, session login or logout), recorded in `ctx.calls` like any upstream
 * call. Network failures become UpstreamErrors; the response, whatever its status, is the caller's to read.
 */
export async function sendCredentialRequest(r: CredentialRequest, ctx: UpstreamContext): Promise<UpstreamResponse> {
  const entry = { upstream: r.upstream, method: r.method, path: r.url.pathname, attempt: 1 };
  const started = r.now();
  try {
    const data = await (r.dispatcher ?? getGlobalDispatcher()).request({
      origin: r.url.origin,
      path: `${r.url.pathname}${r.url.search}`,
      method: r.method,
      headers: r.headers,
      ...(r.body === undefined ? {} : { body: r.body }),
      headersTimeout: r.timeoutMs,
      bodyTimeout: r.timeoutMs,
    });
    const response = await readResponse(data);
    ctx.calls.push({ ...entry, status: response.status, durationMs: r.now() - started });
    return response;
  } catch (error) {
    const net = classifyNetworkError(error);
    ctx.calls.push({ ...entry, status: 0, durationMs: r.now() - started, error: net.code });
    throw credentialError(r, net.kind, `no response (${net.code})`, { code: net.code, cause: error });
  }
}

export const credentialError = (
  r: Pick<CredentialRequest, 'upstream' | 'secrets'>,
  kind: UpstreamErrorKind,
  message: string,
  extra: ConstructorParameters<typeof UpstreamError>[3],
  what = 'token request',
): UpstreamError => new UpstreamError(kind, r.upstream, redactSecrets(`${r.upstream} ${what} failed: ${message}`, r.secrets), extra);
