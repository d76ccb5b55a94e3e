import { gzipSync } from 'node:zlib';
import { MockAgent, type MockPool } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newUpstreamContext } from '../../../../src/upstreams/call-record.js';
import { createUpstreamHttpClient, type UpstreamHttpClientOptions } from '../../../../src/upstreams/http/index.js';
import { failure, fakeClock, headerOf } from './test-doubles.js';

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

describe('classification', () => {
  it.each([
    [404, 'notFound'],
    [409, 'conflict'],
    [400, 'invalid'],
    [422, 'invalid'],
    [401, 'unauthorized'],
    [403, 'unauthorized'],
    [429, 'rateLimited'],
    [500, 'unavailable'],
    [502, 'unavailable'],
    [503, 'unavailable'],
    [504, 'timeout'],
  ])('maps HTTP %i to %s', async (status, kind) => {
    zuora.intercept({ path: '/v1/users/u1', method: 'GET' }).reply(status, '');

    const error = await failure(client({ retry: { maxAttempts: 1 } }).request({ method: 'GET', path: '/v1/users/u1' }, newUpstreamContext('r')));

    expect(error.kind).toBe(kind);
    expect(error.status).toBe(status);
  });

  it('lets the adapter turn Zuora’s HTTP 200 success:false into an error with the upstream code', async () => {
    zuora.intercept({ path: '/v1/users', method: 'POST' }).reply(200, { success: false, reasons: [{ code: 53100320, message: "'status' is invalid" }] }, json);
    const ctx = newUpstreamContext('r');
    const zuoraClient = client({
      classify: (res) => ((res.body as { success?: boolean } | undefined)?.success === false ? { kind: 'invalid' } : undefined),
    });

    const error = await failure(zuoraClient.request({ method: 'POST', path: '/v1/users', json: {} }, ctx));

    expect(error.kind).toBe('invalid');
    expect(error.status).toBe(200);
    expect(error.code).toBe('53100320');
    expect(error.message).toContain("'status' is invalid");
    expect(ctx.calls).toHaveLength(1);
  });

  it('keeps the adapter’s own message and code over the body’s', async () => {
    zuora.intercept({ path: '/v1/users', method: 'POST' }).reply(200, { success: false }, json);

    const error = await failure(
      client({ classify: () => ({ kind: 'conflict', message: 'user exists', code: 'DUP' }) }).request(
        { method: 'POST', path: '/v1/users', json: {} },
        newUpstreamContext('r'),
      ),
    );

    expect([error.kind, error.code]).toEqual(['conflict', 'DUP']);
    expect(error.message).toContain('user exists');
  });

  it('tolerates a plain-text error page and an empty success body', async () => {
    zuora.intercept({ path: '/v1/users', method: 'GET' }).reply(403, 'API key disabled', { headers: { 'content-type': 'text/plain' } });
    zuora.intercept({ path: '/v1/users/u1', method: 'DELETE' }).reply(204, '');

    const error = await failure(client().request({ method: 'GET', path: '/v1/users' }, newUpstreamContext('r')));
    const deleted = await client().request({ method: 'DELETE', path: '/v1/users/u1' }, newUpstreamContext('r'));

    expect(error.message).toContain('API key disabled');
    expect(deleted.body).toBeUndefined();
    expect(deleted.text).toBe('');
  });
});

describe('requests as sent', () => {
  it('joins the base path, path and query, and records the route template instead of the id', async () => {
    const zia = mock.get('https://zsapi.zscaler.net');
    zia.intercept({ path: '/api/v1/users/42?page=2&pageSize=100', method: 'GET' }).reply(200, {}, json);
    const records: unknown[] = [];
    const ctx = newUpstreamContext('r');

    await client({ baseUrl: 'https://zsapi.zscaler.net/api/v1', onCall: (r) => records.push(r) }).request(
      { method: 'GET', path: '/users/42', route: '/users/{id}', query: { page: 2, pageSize: 100, name: undefined } },
      ctx,
    );

    expect(ctx.calls).toEqual([{ upstream: 'zuora-rest', method: 'GET', path: '/users/{id}', status: 200, durationMs: 0, attempt: 1 }]);
    expect(records).toEqual(ctx.calls);
  });

  it('follows an absolute next-page link on its own origin only', async () => {
    zuora.intercept({ path: '/v1/users?page=2', method: 'GET' }).reply(200, [], json);
    const zuoraClient = client();

    await zuoraClient.request({ method: 'GET', path: `${ZUORA}/v1/users?page=2` }, newUpstreamContext('r'));
    await expect(zuoraClient.request({ method: 'GET', path: 'https://evil.example/v1/users' }, newUpstreamContext('r'))).rejects.toThrow(
      /not the configured upstream origin/,
    );
  });

  it('sends JSON and form bodies with their media types', async () => {
    const sent: [string | undefined, unknown][] = [];
    zuora
      .intercept({ path: '/v1/things', method: 'POST' })
      .reply((opts) => {
        sent.push([headerOf(opts, 'content-type'), opts.body]);
        return { statusCode: 200, data: {} };
      })
      .times(2);

    await client().request({ method: 'POST', path: '/v1/things', json: { a: 1 } }, newUpstreamContext('r'));
    await client().request({ method: 'POST', path: '/v1/things', form: { a: 'x y' } }, newUpstreamContext('r'));

    expect(sent).toEqual([
      ['application/json', '{"a":1}'],
      ['application/x-www-form-urlencoded', 'a=x+y'],
    ]);
  });

  it('sends the request id as a sanitised tracking header', async () => {
    let tracking: string | undefined;
    zuora.intercept({ path: '/v1/users', method: 'GET' }).reply((opts) => {
      tracking = headerOf(opts, 'zuora-track-id');
      return { statusCode: 200, data: [] };
    });
    const requestId = `req:1;"a'b\u00e9-${'x'.repeat(80)}`;

    await client({ trackingHeader: 'Zuora-Track-Id' }).request({ method: 'GET', path: '/v1/users' }, newUpstreamContext(requestId));

    expect(tracking).toBe(`req1ab-${'x'.repeat(57)}`);
    expect(tracking).toHaveLength(64);
  });

  it('decodes a gzipped response', async () => {
    zuora.intercept({ path: '/v1/users', method: 'GET' }).reply(200, gzipSync(JSON.stringify([{ id: 'u1' }])), {
      headers: { 'content-encoding': 'gzip', 'content-type': 'application/json' },
    });

    const res = await client().request({ method: 'GET', path: '/v1/users' }, newUpstreamContext('r'));

    expect(res.body).toEqual([{ id: 'u1' }]);
  });
});
