import type { QueryValue, UpstreamRequest } from './upstream-request.js';

/** Where one request goes, split the way undici's `dispatch` wants it. */
export interface RequestTarget {
  origin: string;
  /** Path and query string, as sent. */
  pathAndQuery: string;
  /** Path without the query string, for call records when no route template is given. */
  pathOnly: string;
}

const appendQuery = (search: URLSearchParams, query: Record<string, QueryValue> | undefined): void => {
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) search.append(name, String(v));
  }
};

/**
 * Joins the client's base URL (which may carry a path prefix such as `/api/v1`) with a request's path and query.
 * An absolute URL is accepted only on the base URL's origin, so a `nextPage` link cannot send our credentials to
 * another host.
 */
export const resolveTarget = (baseUrl: URL, req: UpstreamRequest): RequestTarget => {
  let url: URL;
  if (/^https?:\/\//i.test(req.path)) {
    url = new URL(req.path);
    if (url.origin !== baseUrl.origin) {
      throw new Error(`refusing to call ${url.origin}: not the configured upstream origin ${baseUrl.origin}`);
    }
  } else {
    const prefix = baseUrl.pathname.replace(/\/+$/, '');
    url = new URL(`${prefix}${req.path.startsWith('/') ? '' : '/'}${req.path}`, baseUrl.origin);
  }
  appendQuery(url.searchParams, req.query);
  return { origin: url.origin, pathAndQuery: `${url.pathname}${url.search}`, pathOnly: url.pathname };
};

/** Encodes the request body and names its media type. */
export const encodeBody = (req: UpstreamRequest): { body?: string; contentType?: string } => {
  if (req.json !== undefined) return { body: JSON.stringify(req.json), contentType: 'application/json' };
  if (req.form !== undefined) {
    return { body: new URLSearchParams(req.form).toString(), contentType: 'application/x-www-form-urlencoded' };
  }
  return {};
};

const SENSITIVE_HEADER = /authorization|cookie|token|secret|key|session|password/i;

/** Values of request headers that may carry credentials, so error messages can be scrubbed of them. */
export const sensitiveHeaderValues = (headers: Record<string, string>): string[] =>
  Object.entries(headers)
    .filter(([name]) => SENSITIVE_HEADER.test(name))
    .map(([, value]) => value);
