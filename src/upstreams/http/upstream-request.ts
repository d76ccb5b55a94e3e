import type { z } from 'zod';
import type { UpstreamErrorKind } from '../upstream-error.js';

export type UpstreamMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type QueryValue = string | number | boolean | undefined | readonly (string | number | boolean)[];

/** One logical call to an upstream; the client may send it several times (retries). */
export interface UpstreamRequest {
  method: UpstreamMethod;
  /**
   * Path relative to the client's base URL (`/users/42` under `https://zsapi.zscaler.net/api/v1`), or an absolute URL
   * on the same origin (Zuora's `nextPage`, docs/upstreams/zuora-rest.md §5). Never a different origin: credentials would leak.
   */
  path: string;
  /** Path template recorded instead of `path`, e.g. `/v1/users/{id}`, so records and metrics do not carry ids. */
  route?: string;
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  /** Sent as `application/json`. */
  json?: unknown;
  /** Sent as `application/x-www-form-urlencoded`. */
  form?: Record<string, string>;
  /**
   * Whether sending the request twice has the effect of sending it once (RFC 9110 §9.2.2). Decides which failures
   * are retried. Default: true for GET, HEAD, PUT, DELETE; false for POST and PATCH. A POST carrying an
   * `Idempotency-Key` the upstream honours (docs/upstreams/zuora-oneid.md §2) may set it to true.
   */
  idempotent?: boolean;
  /**
   * The upstream's wire format for an accepted answer's body. With it, the client resolves only with a body that
   * matches (typed by the schema) and fails as `malformed` otherwise: an HTML page with 200, cut-off JSON, a missing
   * id, a field of the wrong type. Schemas tolerate members they do not name, so a new upstream field breaks nothing.
   */
  answer?: z.ZodType;
}

/** An HTTP response from the upstream, body already read. */
export interface UpstreamResponse<T = unknown> {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON; `undefined` when the body was empty or not JSON (see `text`). */
  body: T;
  /** The raw body text (decompressed). */
  text: string;
}

/**
 * What an adapter's `classify` hook says about a response: a failure of one `UpstreamError` kind, with the upstream's
 * own message and code. `retryable` overrides the client's default retry decision (e.g. ZIA's 409
 * `EDIT_LOCK_NOT_AVAILABLE`, "add a wait cycle of a few seconds and retry", docs/upstreams/zscaler-zia.md §3).
 */
export interface UpstreamFailure {
  kind: UpstreamErrorKind;
  message?: string;
  code?: string;
  retryable?: boolean;
}

/**
 * Adapter hook run on every response before the default status mapping. Return a failure to turn a response into an
 * error (Zuora's HTTP 200 `{"success":false}`, docs/upstreams/zuora-rest.md §2), `'ok'` to accept a non-2xx response as a result,
 * or `undefined` for the default mapping.
 */
export type UpstreamClassifier = (response: UpstreamResponse, request: UpstreamRequest) => UpstreamFailure | 'ok' | undefined;
