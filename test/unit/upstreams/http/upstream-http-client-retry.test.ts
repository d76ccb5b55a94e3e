import { MockAgent, type MockPool } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newUpstreamContext } from '../../../../src/upstreams/call-record.js';
import { createUpstreamHttpClient, retryAfterInJsonBody, type UpstreamHttpClientOptions } from '../../../../src/upstreams/http/index.js';
import { countingAuth, failure, fakeClock, headerOf } from './test-doubles.js';

const ZUORA = 'https://rest.zuora.com';
const json = { headers: { 'content-type': 'application/json' } };

let mock: MockAgent;
let zuora: MockPool;
let clock: ReturnType<typeof fakeClock>;

beforeEach(() => {
  mock = new MockAgent();
  mock.disableNetConnect();
  zuora = mock.get(ZUORA);
  clock = fakeClock();
});

afterEach(async () => {
  await mock.close();
});

const client = (overrides: Partial<UpstreamHttpClientOptions> = {}) =>
  createUpstreamHttpClient({
    upstream: 'zuora-rest',
    baseUrl: ZUORA,
    dispatcher: mock,
    sleep: clock.sleep,
    now: clock.now,
    random: () => 0.5,
    retry: { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1_000, budgetMs: 60_000 },
    ...overrides,
  });

describe('retries', () => {
  it('retries a 429 and returns the success that follows', async () => {
    zuora.intercept({ path: '/v1/users/u1', method: 'GET' }).reply(429, { message: 'slow down' }, json).times(2);
    zuora.intercept({ path: '/v1/users/u1', method: 'GET' }).reply(200, { id: 'u1' }, json);
    const ctx = newUpstreamContext('req-1');

    const res = await client().request<{ id: string }>({ method: 'GET', path: '/v1/users/u1' }, ctx);

    expect(res.body).toEqual({ id: 'u1' });
    expect(ctx.calls.map((c) => [c.attempt, c.status])).toEqual([
      [1, 429],
      [2, 429],
      [3, 200],
    ]);
    // full jitter with random 0.5: half of 100·2^0, then half of 100·2^1
    expect(clock.sleeps).toEqual([50, 100]);
  });

  it('waits as long as Retry-After says in seconds', async () => {
    zuora.intercept({ path: '/v1/users', method: 'GET' }).reply(429, '', { headers: { 'retry-after': '7' } });
    zuora.intercept({ path: '/v1/users', method: 'GET' }).reply(200, [], json);

    await client().request({ method: 'GET', path: '/v1/users' }, newUpstreamContext('r'));

    expect(clock.sleeps).toEqual([7_000]);
  });

  it('waits until the HTTP date Retry-After names', async () => {
    zuora.intercept({ path: '/v1/users', method: 'GET' }).reply(503, '', { headers: { 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' } });
    zuora.intercept({ path: '/v1/users', method: 'GET' }).reply(200, [], json);

    await client().request({ method: 'GET', path: '/v1/users' }, newUpstreamContext('r'));

    expect(clock.sleeps).toEqual([5_000]);
  });

  it('reads ZIA’s Retry-After from the body when the adapter asks it to', async () => {
    const zia = mock.get('https://zsapi.zscaler.net');
    zia.intercept({ path: '/api/v1/users', method: 'POST' }).reply(429, { message: 'Rate Limit (1/SECOND) exceeded', 'Retry-After': '3 seconds' }, json);
    zia.intercept({ path: '/api/v1/users', method: 'POST' }).reply(200, { id: 7 }, json);
    const zscaler = client({
      upstream: 'zscaler-zia',
      baseUrl: 'https://zsapi.zscaler.net/api/v1',
      retryAfterFromBody: retryAfterInJsonBody,
    });

    await zscaler.request({ method: 'POST', path: '/users', json: { name: 'a' } }, newUpstreamContext('r'));

    expect(clock.sleeps).toEqual([3_000]);
  });

  it('gives up as rate limited, with the wait, when Retry-After exceeds the budget', async () => {
    zuora.intercept({ path: '/v1/users', method: 'GET' }).reply(429, '', { headers: { 'retry-after': '120' } });
    const ctx = newUpstreamContext('r');

    const error = await failure(client({ retry: { budgetMs: 10_000 } }).request({ method: 'GET', path: '/v1/users' }, ctx));

    expect(error.kind).toBe('rateLimited');
    expect(error.retryAfterSeconds).toBe(120);
    expect(ctx.calls).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('stops when the next backoff would overrun the budget, and still tells the caller how long to wait', async () => {
    // Zuora REST answers 429 without Retry-After (docs/upstreams/zuora-rest.md).
    zuora.intercept({ path: '/v1/users', method: 'GET' }).reply(429, '').persist();
    const ctx = newUpstreamContext('r');
    const zuoraClient = client({
      random: () => 0.999,
      retry: { maxAttempts: 10, baseDelayMs: 1_000, maxDelayMs: 10_000, budgetMs: 2_500 },
    });

    const error = await failure(zuoraClient.request({ method: 'GET', path: '/v1/users' }, ctx));

    // waits 999 ms, then would wait 1998 ms: 999 + 1998 > 2500
    expect(clock.sleeps).toEqual([999]);
    expect(ctx.calls).toHaveLength(2);
    expect(error.kind).toBe('rateLimited');
    expect(error.retryAfterSeconds).toBe(2);
  });

  it('stops after maxAttempts', async () => {
    zuora.intercept({ path: '/v1/users', method: 'GET' }).reply(502, '').persist();
    const ctx = newUpstreamContext('r');

    const error = await failure(client({ retry: { maxAttempts: 3 } }).request({ method: 'GET', path: '/v1/users' }, ctx));

    expect(error.kind).toBe('unavailable');
    expect(ctx.calls.map((c) => c.attempt)).toEqual([1, 2, 3]);
  });

  it('retries a 503 for a POST: the upstream did not process it', async () => {
    zuora.intercept({ path: '/v1/users', method: 'POST' }).reply(503, '');
    zuora.intercept({ path: '/v1/users', method: 'POST' }).reply(200, { id: 'u1' }, json);
    const ctx = newUpstreamContext('r');

    const res = await client().request({ method: 'POST', path: '/v1/users', json: {} }, ctx);

    expect(res.status).toBe(200);
    expect(ctx.calls).toHaveLength(2);
  });

  it('does not retry a 500 or 502 for a POST, but does for a GET', async () => {
    zuora.intercept({ path: '/v1/users', method: 'POST' }).reply(500, { reasons: [{ code: 'SystemError' }] }, json);
    zuora.intercept({ path: '/v1/users/u1', method: 'GET' }).reply(500, '');
    zuora.intercept({ path: '/v1/users/u1', method: 'GET' }).reply(200, {}, json);
    const post = newUpstreamContext('p');
    const get = newUpstreamContext('g');

    const error = await failure(client().request({ method: 'POST', path: '/v1/users', json: {} }, post));
    await client().request({ method: 'GET', path: '/v1/users/u1' }, get);

    expect(error.kind).toBe('unavailable');
    expect(post.calls).toHaveLength(1);
    expect(get.calls).toHaveLength(2);
  });

  it('retries a POST the caller marks idempotent (Idempotency-Key) after a 502', async () => {
    zuora.intercept({ path: '/v1/users', method: 'POST' }).reply(502, '');
    zuora.intercept({ path: '/v1/users', method: 'POST' }).reply(201, {}, json);
    const ctx = newUpstreamContext('r');

    await client().request({ method: 'POST', path: '/v1/users', json: {}, idempotent: true, headers: { 'Idempotency-Key': 'k1' } }, ctx);

    expect(ctx.calls).toHaveLength(2);
  });

  it('resends a POST whose connection was refused: nothing was sent', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), { code: 'ECONNREFUSED' });
    zuora.intercept({ path: '/v1/users', method: 'POST' }).replyWithError(refused);
    zuora.intercept({ path: '/v1/users', method: 'POST' }).reply(201, { id: 'u1' }, json);
    const ctx = newUpstreamContext('r');

    await client().request({ method: 'POST', path: '/v1/users', json: {} }, ctx);

    expect(ctx.calls.map((c) => [c.status, c.error])).toEqual([
      [0, 'ECONNREFUSED'],
      [201, undefined],
    ]);
  });

  it('lets the classify hook make a failure retryable (ZIA edit lock)', async () => {
    const zia = mock.get('https://zsapi.zscaler.net');
    zia.intercept({ path: '/api/v1/users', method: 'POST' }).reply(409, { code: 'EDIT_LOCK_NOT_AVAILABLE', message: 'Edit lock not available' }, json);
    zia.intercept({ path: '/api/v1/users', method: 'POST' }).reply(200, { id: 7 }, json);
    const ctx = newUpstreamContext('r');
    const zscaler = client({
      baseUrl: 'https://zsapi.zscaler.net/api/v1',
      classify: (res) =>
        (res.body as { code?: string } | undefined)?.code === 'EDIT_LOCK_NOT_AVAILABLE'
          ? { kind: 'conflict', code: 'EDIT_LOCK_NOT_AVAILABLE', retryable: true }
          : undefined,
    });

    await zscaler.request({ method: 'POST', path: '/users', json: {} }, ctx);

    expect(ctx.calls.map((c) => c.status)).toEqual([409, 200]);
  });
});

describe('credentials', () => {
  it('on a 401 invalidates the credentials and retries exactly once with fresh ones', async () => {
    const auth = countingAuth();
    const seen: (string | undefined)[] = [];
    zuora
      .intercept({ path: '/v1/users/u1', method: 'PUT' })
      .reply((opts) => {
        seen.push(headerOf(opts, 'authorization'));
        return { statusCode: seen.length === 1 ? 401 : 200, data: {} };
      })
      .times(2);
    const ctx = newUpstreamContext('r');

    await client({ auth }).request({ method: 'PUT', path: '/v1/users/u1', json: {} }, ctx);

    expect(seen).toEqual(['Bearer token-1', 'Bearer token-2']);
    expect(auth.invalidations).toBe(1);
    expect(ctx.calls.map((c) => c.attempt)).toEqual([1, 2]);
  });

  it('fails as unauthorized when fresh credentials are refused too, without a third try', async () => {
    const auth = countingAuth();
    zuora
      .intercept({ path: '/v1/users', method: 'POST' })
      .reply(401, { reasons: [{ code: '90000011', message: 'invalid credential' }] }, json)
      .persist();
    const ctx = newUpstreamContext('r');

    const error = await failure(client({ auth }).request({ method: 'POST', path: '/v1/users', json: {} }, ctx));

    expect(error.kind).toBe('unauthorized');
    expect(error.code).toBe('90000011');
    expect(ctx.calls).toHaveLength(2);
    expect(auth.invalidations).toBe(1);
  });
});
