import { setTimeout as delay } from 'node:timers/promises';
import { Agent, type Dispatcher } from 'undici';
import type { z } from 'zod';
import type { UpstreamCallRecord, UpstreamContext } from '../call-record.js';
import { UpstreamError } from '../upstream-error.js';
import type { AuthProvider } from './auth-provider.js';
import { defaultClassification, isRetryableStatus } from './default-classification.js';
import { describeErrorBody } from './error-body.js';
import { classifyNetworkError, type NetworkFailure } from './network-failure.js';
import { redactSecrets, secretsOfHeaders } from './redact.js';
import { compressBody, type WireBody } from './request-compression.js';
import { encodeBody, resolveTarget, sensitiveHeaderValues, type RequestTarget } from './request-target.js';
import { firstHeader, readResponse } from './response-body.js';
import { parseRetryAfter } from './retry-after.js';
import { nextDelayMs, retryPolicy, type RetryOptions } from './retry-policy.js';
import { sanitiseTrackingId } from './tracking-id.js';
import type { UpstreamClassifier, UpstreamFailure, UpstreamRequest, UpstreamResponse } from './upstream-request.js';
import { readAnswer } from './wire-answer.js';

export interface UpstreamHttpClientOptions {
  /** Upstream name for errors and call records, e.g. `zuora-rest`. */
  upstream: string;
  /** Origin plus optional path prefix, e.g. `https://zsapi.zscaler.net/api/v1`. */
  baseUrl: string;
  /** Injected transport (tests: undici `MockAgent`). Without it the client owns a keep-alive `Agent`. */
  dispatcher?: Dispatcher;
  auth?: AuthProvider;
  /** Headers on every request (e.g. `Accept: application/scim+json`). */
  headers?: Record<string, string>;
  /** Header that carries `ctx.requestId` upstream, e.g. `Zuora-Track-Id` (docs/upstreams/zuora-oneid.md §2). */
  trackingHeader?: string;
  /** Gzip request bodies larger than this many bytes and send `Content-Encoding: gzip` (Zuora OneID, docs/upstreams/zuora-oneid.md §2). */
  compressRequestsOverBytes?: number;
  timeouts?: { connectMs?: number; headersMs?: number; bodyMs?: number };
  /** Sockets per origin for the owned Agent (Zuora's default concurrency limit is 40, docs/upstreams/zuora-rest.md §4). */
  connections?: number;
  retry?: RetryOptions;
  /** Reads a retry delay (ms) from an error body when no `Retry-After` header came (ZIA, docs/upstreams/zscaler-zia.md §7). */
  retryAfterFromBody?: (body: unknown, nowMs: number) => number | undefined;
  classify?: UpstreamClassifier;
  /**
   * Runs before every attempt (retries included), e.g. a client-side budget's `acquire`. An UpstreamError it throws
   * ends the request without sending anything.
   */
  beforeAttempt?: (req: UpstreamRequest) => Promise<void>;
  /** Told about every attempt (metrics). Exceptions it throws are ignored. */
  onCall?: (record: UpstreamCallRecord) => void;
  sleep?: (ms: number) => Promise<void>;
  /** Uniform in [0, 1), for backoff jitter. */
  random?: () => number;
  /** Epoch milliseconds; also the reference for HTTP-date `Retry-After` values. */
  now?: () => number;
}

export interface UpstreamHttpClient {
  /**
   * Sends a request, retrying within the time budget, and resolves with a response the classification accepted.
   * Rejects with an `UpstreamError` otherwise. Every attempt is appended to `ctx.calls`. With `req.answer`, the body
   * is checked against that schema (and typed by it); a body it refuses is a `malformed` error, never retried.
   */
  request<S extends z.ZodType>(req: UpstreamRequest & { answer: S }, ctx: UpstreamContext): Promise<UpstreamResponse<z.output<S>>>;
  request<T = unknown>(req: UpstreamRequest, ctx: UpstreamContext): Promise<UpstreamResponse<T>>;
  /** Closes the owned connection pool; an injected dispatcher is left to its owner. */
  close(): Promise<void>;
}

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);

type AttemptOutcome = { response: UpstreamResponse; failure?: undefined; secrets: string[] } | { failure: AttemptFailure; authHeaders: Record<string, string> };

/** One failed attempt, reduced to what the retry decision and the final error need. */
interface AttemptFailure {
  error: UpstreamError;
  retryable: boolean;
  retryAfterMs?: number;
  /** The upstream refused our credentials (HTTP 401). */
  credentialsRefused?: boolean;
}

/**
 * Creates the shared HTTP layer every adapter uses (docs/architecture.md "The flow of one request"): undici keep-alive pool,
 * credentials from an `AuthProvider` with one refresh on 401, retries with exponential backoff and full jitter inside
 * a time budget, `Retry-After` honoured (RFC 9110 §10.2.3), and failures classified into `UpstreamError` kinds.
 */
export const createUpstreamHttpClient = (options: UpstreamHttpClientOptions): UpstreamHttpClient => {
  const { upstream, auth, classify, onCall } = options;
  const baseUrl = new URL(options.baseUrl);
  const policy = retryPolicy(options.retry);
  const sleep = options.sleep ?? ((ms: number) => delay(ms).then(() => undefined));
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const headersTimeout = options.timeouts?.headersMs ?? 30_000;
  const bodyTimeout = options.timeouts?.bodyMs ?? 30_000;
  const ownDispatcher = options.dispatcher
    ? undefined
    : new Agent({
        connectTimeout: options.timeouts?.connectMs ?? 5_000,
        headersTimeout,
        bodyTimeout,
        keepAliveTimeout: 4_000,
        connections: options.connections ?? 10,
      });
  const dispatcher: Dispatcher = options.dispatcher ?? (ownDispatcher as Dispatcher);

  const record = (ctx: UpstreamContext, entry: UpstreamCallRecord): void => {
    ctx.calls.push(entry);
    try {
      onCall?.(entry);
    } catch {
      // metrics must never fail a provisioning request
    }
  };

  const buildHeaders = (req: UpstreamRequest, ctx: UpstreamContext, contentType?: string, contentEncoding?: string) => {
    const headers: Record<string, string> = { accept: 'application/json' };
    for (const source of [options.headers, req.headers]) {
      for (const [name, value] of Object.entries(source ?? {})) headers[name.toLowerCase()] = value;
    }
    if (contentType !== undefined) headers['content-type'] = contentType;
    if (contentEncoding !== undefined) headers['content-encoding'] = contentEncoding;
    const trackingId = options.trackingHeader ? sanitiseTrackingId(ctx.requestId) : undefined;
    if (options.trackingHeader && trackingId !== undefined) headers[options.trackingHeader.toLowerCase()] = trackingId;
    return headers;
  };

  const failureOfResponse = (
    req: UpstreamRequest,
    label: string,
    response: UpstreamResponse,
    idempotent: boolean,
    secrets: string[],
  ): AttemptFailure | undefined => {
    const verdict = classify?.(response, req) ?? defaultClassification(response);
    if (verdict === 'ok') return undefined;
    // An adapter that only names the kind still gets the upstream's own message and code into the error.
    const detail = describeErrorBody(response);
    const failure: UpstreamFailure = {
      ...verdict,
      message: verdict.message ?? detail.message,
      code: verdict.code ?? detail.code,
    };
    const retryAfterMs = parseRetryAfter(firstHeader(response, 'retry-after'), now()) ?? options.retryAfterFromBody?.(response.body, now());
    const said = failure.message === undefined ? '' : `: ${failure.message}`;
    const code = failure.code === undefined ? '' : ` (code ${failure.code})`;
    const message = redactSecrets(`${upstream} ${label} failed with HTTP ${response.status}${said}${code}`, secrets);
    return {
      error: new UpstreamError(failure.kind, upstream, message, {
        status: response.status,
        code: failure.code,
        retryAfterSeconds: retryAfterMs === undefined ? undefined : Math.ceil(retryAfterMs / 1000),
      }),
      retryable: failure.retryable ?? isRetryableStatus(response.status, idempotent),
      retryAfterMs,
      credentialsRefused: response.status === 401,
    };
  };

  const failureOfNetwork = (label: string, net: NetworkFailure, cause: unknown, idempotent: boolean) => {
    const maybeDone = net.notSent || idempotent ? '' : '; the upstream may have processed it';
    const message = `${upstream} ${label} failed without a response (${net.code})${maybeDone}`;
    return {
      error: new UpstreamError(net.kind, upstream, message, { code: net.code, cause }),
      retryable: idempotent || net.notSent,
    };
  };

  /** Sends once. Resolves with the accepted response, or with the failure to decide on. */
  const attemptOnce = async (
    req: UpstreamRequest,
    ctx: UpstreamContext,
    target: RequestTarget,
    wire: WireBody & { contentType?: string },
    attempt: number,
    idempotent: boolean,
  ): Promise<AttemptOutcome> => {
    const label = `${req.method} ${req.route ?? target.pathOnly}`;
    if (options.beforeAttempt) {
      try {
        await options.beforeAttempt(req);
      } catch (error) {
        if (!(error instanceof UpstreamError)) throw error;
        return { failure: { error, retryable: false }, authHeaders: {} };
      }
    }
    let authHeaders: Record<string, string> = {};
    // Credential requests (a token, a session login) record themselves in ctx.calls; listeners hear of them too.
    const callsBefore = ctx.calls.length;
    const reportCredentialCalls = () => {
      for (const c of ctx.calls.slice(callsBefore)) {
        try {
          onCall?.(c);
        } catch {
          // metrics must never fail a provisioning request
        }
      }
    };
    try {
      authHeaders = auth ? await auth.authorize(ctx) : {};
      reportCredentialCalls();
    } catch (error) {
      reportCredentialCalls();
      // No request went out, so failing to get credentials transiently is as retryable as a 503.
      if (!(error instanceof UpstreamError)) throw error;
      const transient = error.kind === 'unavailable' || error.kind === 'timeout' || error.kind === 'rateLimited';
      const retryAfterMs = error.retryAfterSeconds === undefined ? undefined : error.retryAfterSeconds * 1000;
      return { failure: { error, retryable: transient, retryAfterMs }, authHeaders };
    }
    const { body, contentType, contentEncoding } = wire;
    const headers = { ...buildHeaders(req, ctx, contentType, contentEncoding), ...lowerCaseKeys(authHeaders) };
    const secrets = [...secretsOfHeaders(authHeaders), ...sensitiveHeaderValues(headers)];
    const entry = { upstream, method: req.method, path: req.route ?? target.pathOnly, attempt };
    const started = now();
    let response: UpstreamResponse;
    try {
      const data = await dispatcher.request({
        origin: target.origin,
        path: target.pathAndQuery,
        method: req.method,
        headers,
        body: body ?? null,
        headersTimeout,
        bodyTimeout,
      });
      response = await readResponse(data);
    } catch (error) {
      const net = classifyNetworkError(error);
      record(ctx, { ...entry, status: 0, durationMs: now() - started, error: net.code });
      return { failure: failureOfNetwork(label, net, error, idempotent), authHeaders };
    }
    record(ctx, { ...entry, status: response.status, durationMs: now() - started });
    const failure = failureOfResponse(req, label, response, idempotent, secrets);
    return failure ? { failure, authHeaders } : { response, secrets };
  };

  const request = async <T>(req: UpstreamRequest, ctx: UpstreamContext): Promise<UpstreamResponse<T>> => {
    // A plan promises to write nothing; an adapter that forgot to honour it fails here rather than writes.
    if (ctx.readOnly && req.method !== 'GET' && req.method !== 'HEAD') {
      throw new Error(`${upstream}: ${req.method} ${req.route ?? req.path} refused in a read-only context (a plan writes nothing)`);
    }
    const target = resolveTarget(baseUrl, req);
    const encoded = encodeBody(req);
    // Encoded (and compressed) once: every attempt sends the same bytes.
    const wire = { ...(await compressBody(encoded.body, options.compressRequestsOverBytes)), contentType: encoded.contentType };
    const idempotent = req.idempotent ?? IDEMPOTENT_METHODS.has(req.method);
    const started = now();
    let failures = 0;
    let refreshedCredentials = false;
    for (let attempt = 1; ; attempt++) {
      const outcome = await attemptOnce(req, ctx, target, wire, attempt, idempotent);
      if (outcome.failure === undefined) return checkedAnswer<T>(req, target, outcome.response, outcome.secrets);
      const { error, retryable, retryAfterMs, credentialsRefused } = outcome.failure;
      if (credentialsRefused && auth && !refreshedCredentials) {
        refreshedCredentials = true;
        auth.invalidate(outcome.authHeaders);
        continue;
      }
      failures++;
      if (!retryable) throw error;
      const wait = nextDelayMs(policy, failures, random, retryAfterMs);
      if (failures >= policy.maxAttempts || now() - started + wait > policy.budgetMs) {
        throw giveUp(error, wait);
      }
      await sleep(wait);
    }
  };

  /** The answer as the request's schema reads it (a wrong shape is `malformed`: re-sending would not change it). */
  const checkedAnswer = <T>(req: UpstreamRequest, target: RequestTarget, response: UpstreamResponse, secrets: string[]): UpstreamResponse<T> => {
    if (req.answer === undefined) return response as UpstreamResponse<T>;
    const call = `${req.method} ${req.route ?? target.pathOnly}`;
    return { ...response, body: readAnswer(req.answer, response, { upstream, call, secrets }) as T };
  };

  return {
    request,
    close: async () => {
      await ownDispatcher?.close();
    },
  };
};

const lowerCaseKeys = (headers: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));

/** A rate-limited caller learns how long to wait even when the upstream did not say (Zuora REST, docs/upstreams/zuora-rest.md §4). */
const giveUp = (error: UpstreamError, waitMs: number): UpstreamError => {
  if (error.kind !== 'rateLimited' || error.retryAfterSeconds !== undefined) return error;
  return new UpstreamError(error.kind, error.upstream, error.message, {
    status: error.status,
    code: error.code,
    retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
  });
};
