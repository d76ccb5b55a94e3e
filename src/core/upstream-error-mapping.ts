import { ScimError } from '../scim/errors.js';
import type { UpstreamError } from '../upstreams/upstream-error.js';

/**
 * The one place where upstream failures become SCIM errors (docs/architecture.md, "Upstream failures are a closed set of
 * kinds"). An outage is never a 404 and an upstream conflict is never a 500. The bridge's own credentials being
 * refused is a 502: the IdP's request was fine, the gateway's upstream side is not; so is an answer the bridge cannot
 * read (an HTML page, cut-off JSON, wrong types), whose body is logged by the HTTP layer and never shown to the IdP.
 */
/** Which call, its status and why: enough for an operator to find the logged line, nothing of the body itself. */
const unreadable = (e: UpstreamError): string => {
  if (!e.answer) return '';
  const status = e.status === undefined ? '' : `, HTTP ${e.status}`;
  return ` (${e.answer.call}${status}: ${e.answer.reason})`;
};

export function scimErrorFromUpstream(e: UpstreamError): ScimError {
  const detail = `${e.upstream}: ${e.message}`;
  switch (e.kind) {
    case 'notFound':
      return new ScimError(404, detail, undefined, { cause: e });
    case 'conflict':
      return new ScimError(409, detail, 'uniqueness', { cause: e });
    case 'invalid':
      return new ScimError(400, detail, 'invalidValue', { cause: e });
    case 'unauthorized':
      return new ScimError(502, `${e.upstream}: the upstream refused the bridge's credentials`, undefined, { cause: e });
    case 'rateLimited':
      return new ScimError(429, detail, undefined, { retryAfterSeconds: Math.max(1, Math.ceil(e.retryAfterSeconds ?? 30)), cause: e });
    case 'unavailable':
      return new ScimError(503, detail, undefined, { retryAfterSeconds: Math.max(1, Math.ceil(e.retryAfterSeconds ?? 30)), cause: e });
    case 'timeout':
      return new ScimError(504, detail, undefined, { cause: e });
    case 'malformed':
      return new ScimError(502, `${e.upstream}: the upstream's answer could not be read${unreadable(e)}`, undefined, { cause: e });
  }
}
