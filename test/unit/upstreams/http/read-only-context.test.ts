import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { newUpstreamContext } from '../../../../src/upstreams/call-record.js';
import { createUpstreamHttpClient } from '../../../../src/upstreams/http/index.js';

const BASE = 'https://rest.zuora.com';
const mock = new MockAgent();
mock.disableNetConnect();
afterEach(async () => mock.assertNoPendingInterceptors());

describe('a read-only context (a plan)', () => {
  const http = createUpstreamHttpClient({
    upstream: 'zuora-rest',
    baseUrl: BASE,
    dispatcher: mock,
    retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, budgetMs: 1 },
  });

  it('lets reads through', async () => {
    mock
      .get(BASE)
      .intercept({ path: '/v1/users/1', method: 'GET' })
      .reply(200, { id: '1' }, { headers: { 'content-type': 'application/json' } });
    const ctx = { ...newUpstreamContext('plan'), readOnly: true };
    expect((await http.request<{ id: string }>({ method: 'GET', path: '/v1/users/1' }, ctx)).body).toEqual({ id: '1' });
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE'] as const)('refuses %s before anything is sent', async (method) => {
    const ctx = { ...newUpstreamContext('plan'), readOnly: true };
    await expect(http.request({ method, path: '/v1/users/1', json: {} }, ctx)).rejects.toThrow(/read-only context/);
    expect(ctx.calls).toEqual([]);
  });
});
