import { setTimeout as delay } from 'node:timers/promises';
import type supertest from 'supertest';
import type { ScimClient } from '../support/scim-client.js';

/** One non-2xx answer the IdP received, kept so the soak can check each was a SCIM error it would retry. */
export interface IdpFailure {
  request: string;
  status: number;
  contentType: string | undefined;
  retryAfter: string | undefined;
  body: unknown;
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * An IdP that, like Okta (docs/idps.md §2), sends a request again after a 429 or a 5xx, waiting what
 * `Retry-After` says on a compressed clock (1 ms per second), up to `maxAttempts`. The same as
 * test/support/retrying-idp.ts, over a bare {@link ScimClient} instead of a Zuora REST harness.
 */
export function soakIdp(http: ScimClient, maxAttempts = 10) {
  const failures: IdpFailure[] = [];
  let retries = 0;

  const build = (method: Method, path: string, body?: object): supertest.Test => {
    if (method === 'get' || method === 'delete') return http[method](path);
    return http[method](path, body ?? {});
  };

  async function send(method: Method, path: string, body?: object): Promise<supertest.Response> {
    for (let attempt = 1; ; attempt++) {
      const res = await build(method, path, body);
      if (res.status < 400) return res;
      const retryAfter = res.headers['retry-after'] as string | undefined;
      failures.push({ request: `${method.toUpperCase()} ${path}`, status: res.status, contentType: res.headers['content-type'], retryAfter, body: res.body });
      if ((res.status !== 429 && res.status < 500) || attempt >= maxAttempts) return res;
      retries++;
      await delay(retryAfter !== undefined && /^\d+$/.test(retryAfter) ? Number(retryAfter) : 2 ** (attempt - 1));
    }
  }

  return {
    send,
    failures: (): readonly IdpFailure[] => failures,
    retries: (): number => retries,
  };
}

export type SoakIdp = ReturnType<typeof soakIdp>;
