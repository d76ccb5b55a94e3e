import { inspect } from 'node:util';
import { MockAgent, type MockPool } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newUpstreamContext } from '../../../../src/upstreams/call-record.js';
import { createClientCredentialsAuth, createUpstreamHttpClient } from '../../../../src/upstreams/http/index.js';
import { UpstreamError } from '../../../../src/upstreams/upstream-error.js';
import { fakeClock, headerOf } from './test-doubles.js';

const CLIENT_SECRET = 'client-secret-9f8e7d6c5b4a';
const TOKEN = 'c652cbc0ea384b9f81856a93a2a74538';

let mock: MockAgent;
let zuora: MockPool;

beforeEach(() => {
  mock = new MockAgent();
  mock.disableNetConnect();
  zuora = mock.get('https://rest.zuora.com');
});

afterEach(async () => {
  await mock.close();
});

const issueToken = () =>
  zuora.intercept({ path: '/oauth/token', method: 'POST' }).reply(200, { access_token: TOKEN, token_type: 'bearer', expires_in: 3599 }).persist();

const zuoraClient = () => {
  const clock = fakeClock();
  const auth = createClientCredentialsAuth({
    tokenUrl: 'https://rest.zuora.com/oauth/token',
    clientId: 'client-id',
    clientSecret: CLIENT_SECRET,
    dispatcher: mock,
    now: clock.now,
  });
  return createUpstreamHttpClient({
    upstream: 'zuora-rest',
    baseUrl: 'https://rest.zuora.com',
    dispatcher: mock,
    auth,
    ...clock,
    retry: { maxAttempts: 2 },
  });
};

/** Everything an error could expose through a log line: message, fields, stack and cause chain. */
const everythingIn = async (promise: Promise<unknown>): Promise<string> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UpstreamError);
  return `${inspect(error, { depth: 10 })} ${JSON.stringify(error)}`;
};

describe('errors never carry credentials', () => {
  it('scrubs a token the upstream echoes back in its error body', async () => {
    issueToken();
    zuora.intercept({ path: '/v1/users', method: 'GET' }).reply((opts) => ({
      statusCode: 403,
      data: { message: `token ${headerOf(opts, 'authorization')} lacks permission`, code: 'FORBIDDEN' },
    }));

    const text = await everythingIn(zuoraClient().request({ method: 'GET', path: '/v1/users' }, newUpstreamContext('r')));

    expect(text).toContain('lacks permission');
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(CLIENT_SECRET);
  });

  it('scrubs a plain-text error page that dumps the request headers', async () => {
    issueToken();
    zuora
      .intercept({ path: '/v1/users', method: 'POST' })
      .reply((opts) => ({ statusCode: 500, data: `Internal error. Request headers: ${JSON.stringify(opts.headers)}` }));

    const text = await everythingIn(zuoraClient().request({ method: 'POST', path: '/v1/users', json: {} }, newUpstreamContext('r')));

    expect(text).toContain('Internal error');
    expect(text).not.toContain(TOKEN);
  });

  it('keeps the client secret out of a token failure that reaches the caller', async () => {
    zuora
      .intercept({ path: '/oauth/token', method: 'POST' })
      .reply((opts) => ({ statusCode: 400, data: { error: 'invalid_client', error_description: String(opts.body) } }));

    const text = await everythingIn(zuoraClient().request({ method: 'GET', path: '/v1/users' }, newUpstreamContext('r')));

    expect(text).toContain('invalid_client');
    expect(text).not.toContain(CLIENT_SECRET);
  });

  it('keeps the token out of a transport failure', async () => {
    issueToken();
    const reset = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
    zuora.intercept({ path: '/v1/users', method: 'POST' }).replyWithError(reset);

    const text = await everythingIn(zuoraClient().request({ method: 'POST', path: '/v1/users', json: {} }, newUpstreamContext('r')));

    expect(text).toContain('UND_ERR_SOCKET');
    expect(text).not.toContain(TOKEN);
  });
});

describe('client and OAuth together', () => {
  it('fetches a new token after a 401 and retries with it', async () => {
    const tokens: string[] = [];
    zuora
      .intercept({ path: '/oauth/token', method: 'POST' })
      .reply(() => {
        tokens.push(`tok-${tokens.length + 1}`);
        return { statusCode: 200, data: { access_token: tokens.at(-1), token_type: 'bearer', expires_in: 3599 } };
      })
      .persist();
    zuora.intercept({ path: '/v1/users', method: 'GET' }).reply(401, { message: 'Authentication error' });
    zuora.intercept({ path: '/v1/users', method: 'GET' }).reply((opts) => ({ statusCode: 200, data: { used: headerOf(opts, 'authorization') } }));
    const ctx = newUpstreamContext('r');

    const res = await zuoraClient().request({ method: 'GET', path: '/v1/users' }, ctx);

    expect(res.body).toEqual({ used: 'Bearer tok-2' });
    expect(ctx.calls.map((c) => `${c.path} ${c.status}`)).toEqual(['/oauth/token 200', '/v1/users 401', '/oauth/token 200', '/v1/users 200']);
  });

  it('retries a request whose token could not be fetched because the token endpoint was briefly down', async () => {
    zuora.intercept({ path: '/oauth/token', method: 'POST' }).reply(503, '');
    issueToken();
    zuora.intercept({ path: '/v1/users', method: 'POST' }).reply(201, { id: 'u1' });
    const ctx = newUpstreamContext('r');

    const res = await zuoraClient().request({ method: 'POST', path: '/v1/users', json: {} }, ctx);

    expect(res.status).toBe(201);
    expect(ctx.calls.map((c) => `${c.path} ${c.status}`)).toEqual(['/oauth/token 503', '/oauth/token 200', '/v1/users 201']);
  });
});
