import { isUpstreamError } from '../../upstreams/upstream-error.js';

/**
 * An upstream's failure as one plain sentence for a console page: which upstream, its HTTP status when it answered,
 * the kind and the adapter's message (written to be shown to an IdP, so never a secret). No stack. Anything that is
 * not an upstream failure is not described here: it is rethrown, for the console's error page and the log.
 */
export function upstreamFailureOf(e: unknown): { status: number; message: string } {
  if (!isUpstreamError(e)) throw e;
  const answered = e.status === undefined ? 'did not answer' : `answered HTTP ${e.status}`;
  const retry = e.retryAfterSeconds === undefined ? '' : ` Retry in ${e.retryAfterSeconds} s.`;
  // A refusal of what was asked (a profile or department the upstream lacks) is the input's fault: 422; else 502.
  return { status: e.kind === 'invalid' ? 422 : 502, message: `${e.upstream} ${answered} (${e.kind}): ${e.message}${retry}` };
}
