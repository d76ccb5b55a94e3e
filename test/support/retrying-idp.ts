import { setTimeout as delay } from 'node:timers/promises';
import type supertest from 'supertest';
import type { Harness } from './zuora-rest-harness.js';

/** One non-2xx answer the IdP received, kept so a test can check every failure was a proper SCIM error. */
export interface FailedAnswer {
  request: string;
  status: number;
  contentType: string | undefined;
  retryAfter: string | undefined;
  body: unknown;
}

export interface RetryingIdpOptions {
  /** Attempts per request, first included (Okta: at most 10, docs/idps.md §2). */
  maxAttempts?: number;
  /**
   * Test time per second of `Retry-After`: the IdP honours the header, on a compressed clock so a run of hundreds of
   * requests stays fast. The default, 1 ms per second, keeps the bridge's 30 s `Retry-After` at 30 ms.
   */
  msPerRetryAfterSecond?: number;
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * An IdP that, like Okta (docs/idps.md §2), retries a request that got a 429 or a 5xx after waiting what
 * `Retry-After` says (exponential back-off when there is none), and otherwise takes the answer it got.
 */
export function retryingIdp(h: Harness, options: RetryingIdpOptions = {}) {
  const maxAttempts = options.maxAttempts ?? 10;
  const scale = options.msPerRetryAfterSecond ?? 1;
  const failures: FailedAnswer[] = [];
  let retries = 0;

  const build = (method: Method, path: string, body?: object): supertest.Test => {
    if (method === 'get' || method === 'delete') return h.http[method](path);
    if (method === 'post') return h.http.post(path, body);
    return h.http[method](path, body ?? {});
  };

  /** Send until the answer is neither a 429 nor a 5xx, or the attempts run out; resolves with the last answer. */
  async function send(method: Method, path: string, body?: object): Promise<supertest.Response> {
    for (let attempt = 1; ; attempt++) {
      const res = await build(method, path, body);
      if (res.status < 400) return res;
      const retryAfter = res.headers['retry-after'] as string | undefined;
      failures.push({ request: `${method.toUpperCase()} ${path}`, status: res.status, contentType: res.headers['content-type'], retryAfter, body: res.body });
      const transient = res.status === 429 || res.status >= 500;
      if (!transient || attempt >= maxAttempts) return res;
      retries++;
      const seconds = retryAfter !== undefined && /^\d+$/.test(retryAfter) ? Number(retryAfter) : 2 ** (attempt - 1);
      await delay(seconds * scale);
    }
  }

  return {
    send,
    /** Every non-2xx answer received, retried or not. */
    failures: (): readonly FailedAnswer[] => failures,
    /** Requests sent again after a 429/5xx. */
    retries: (): number => retries,
  };
}

export type RetryingIdp = ReturnType<typeof retryingIdp>;
