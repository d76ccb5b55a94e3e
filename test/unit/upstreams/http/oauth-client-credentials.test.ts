import { MockAgent, type MockPool } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newUpstreamContext } from '../../../../src/upstreams/call-record.js';
import { createClientCredentialsAuth, type ClientCredentialsAuthOptions } from '../../../../src/upstreams/http/index.js';
import { UpstreamError } from '../../../../src/upstreams/upstream-error.js';
import { fakeClock, headerOf, type MockedRequest } from './test-doubles.js';

const CLIENT_ID = '8b5a1e4c-3f1d-4c2b-9a7e-5d6f7a8b9c0d';
const CLIENT_SECRET = 's3cr3t-Zu0ra-client-secret-value';

let mock: MockAgent;
let zuora: MockPool;
let clock: ReturnType<typeof fakeClock>;
let tokenRequests: MockedRequest[];

beforeEach(() => {
  mock = new MockAgent();
  mock.disableNetConnect();
  zuora = mock.get('https://rest.zuora.com');
  clock = fakeClock();
  tokenRequests = [];
});

afterEach(async () => {
  await mock.close();
});

/** Zuora REST's token endpoint (docs/upstreams/zuora-rest.md §1): a new opaque token per request, lower-case `bearer`, 3599 s. */
const issueTokens = (expiresIn = 3599) =>
  zuora
    .intercept({ path: '/oauth/token', method: 'POST' })
    .reply((opts) => {
      tokenRequests.push(opts);
      return {
        statusCode: 200,
        data: { access_token: `tok-${tokenRequests.length}`, token_type: 'bearer', expires_in: expiresIn },
      };
    })
    .persist();

const auth = (overrides: Partial<ClientCredentialsAuthOptions> = {}) =>
  createClientCredentialsAuth({
    tokenUrl: 'https://rest.zuora.com/oauth/token',
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    dispatcher: mock,
    now: clock.now,
    upstream: 'zuora-rest',
    ...overrides,
  });

const ctx = () => newUpstreamContext('req-1');

describe('token request', () => {
  it('posts the client credentials in a form body without any authentication header (Zuora docs/upstreams/zuora-rest.md §1)', async () => {
    issueTokens();
    const c = ctx();

    const headers = await auth().authorize(c);

    expect(headers).toEqual({ authorization: 'Bearer tok-1' });
    const [sent] = tokenRequests;
    expect(headerOf(sent!, 'content-type')).toBe('application/x-www-form-urlencoded');
    expect(headerOf(sent!, 'authorization')).toBeUndefined();
    expect(Object.fromEntries(new URLSearchParams(String(sent!.body)))).toEqual({
      grant_type: 'client_credentials',
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
    });
    expect(c.calls).toEqual([expect.objectContaining({ method: 'POST', path: '/oauth/token', status: 200 })]);
  });

  it('can authenticate with HTTP Basic and send extra parameters (Zscaler OneAPI audience, docs/upstreams/zscaler-zia.md §8)', async () => {
    const zslogin = mock.get('https://acme.zslogin.net');
    let sent: MockedRequest | undefined;
    zslogin.intercept({ path: '/oauth2/v1/token', method: 'POST' }).reply((opts) => {
      sent = opts;
      return { statusCode: 200, data: { access_token: 'eyJ.zs', token_type: 'Bearer', expires_in: 3600 } };
    });

    const headers = await auth({
      tokenUrl: 'https://acme.zslogin.net/oauth2/v1/token',
      clientAuth: 'basic',
      extraParams: { audience: 'https://api.zscaler.com' },
    }).authorize(ctx());

    expect(headers).toEqual({ authorization: 'Bearer eyJ.zs' });
    const basic = Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64');
    expect(headerOf(sent!, 'authorization')).toBe(`Basic ${basic}`);
    expect(Object.fromEntries(new URLSearchParams(String(sent!.body)))).toEqual({
      grant_type: 'client_credentials',
      audience: 'https://api.zscaler.com',
    });
  });
});

describe('token cache', () => {
  it('reuses the token until refreshSkewSeconds before it expires, then fetches a new one', async () => {
    issueTokens(3600);
    const provider = auth({ refreshSkewSeconds: 60 });

    const first = await provider.authorize(ctx());
    clock.advance(3_539_000);
    const beforeSkew = await provider.authorize(ctx());
    clock.advance(2_000);
    const afterSkew = await provider.authorize(ctx());

    expect([first, beforeSkew, afterSkew].map((h) => h.authorization)).toEqual(['Bearer tok-1', 'Bearer tok-1', 'Bearer tok-2']);
    expect(tokenRequests).toHaveLength(2);
  });

  it('makes one token request for ten concurrent callers', async () => {
    issueTokens();
    const provider = auth();

    const all = await Promise.all(Array.from({ length: 10 }, () => provider.authorize(ctx())));

    expect(tokenRequests).toHaveLength(1);
    expect(new Set(all.map((h) => h.authorization))).toEqual(new Set(['Bearer tok-1']));
  });

  it('fetches a new token after invalidate()', async () => {
    issueTokens();
    const provider = auth();

    await provider.authorize(ctx());
    provider.invalidate();
    const after = await provider.authorize(ctx());

    expect(after.authorization).toBe('Bearer tok-2');
  });

  it('ignores the invalidation of a token it already replaced', async () => {
    issueTokens();
    const provider = auth();

    const stale = await provider.authorize(ctx());
    provider.invalidate(stale);
    const fresh = await provider.authorize(ctx());
    provider.invalidate(stale); // a second request that failed with the old token
    const again = await provider.authorize(ctx());

    expect([fresh.authorization, again.authorization]).toEqual(['Bearer tok-2', 'Bearer tok-2']);
    expect(tokenRequests).toHaveLength(2);
  });
});

describe('token endpoint failures', () => {
  const failureOf = async (provider = auth()): Promise<UpstreamError> => {
    const error = await provider.authorize(ctx()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UpstreamError);
    return error as UpstreamError;
  };

  it.each([
    [400, 'unauthorized'],
    [401, 'unauthorized'],
    [500, 'unavailable'],
    [503, 'unavailable'],
  ])('maps HTTP %i to %s', async (status, kind) => {
    zuora.intercept({ path: '/oauth/token', method: 'POST' }).reply(status, { error: 'invalid_client', error_description: 'Client authentication failed' });

    const error = await failureOf();

    expect([error.kind, error.status]).toEqual([kind, status]);
  });

  it('maps 429 to rateLimited with the Retry-After', async () => {
    zuora.intercept({ path: '/oauth/token', method: 'POST' }).reply(429, '', { headers: { 'retry-after': '30' } });

    const error = await failureOf();

    expect([error.kind, error.retryAfterSeconds]).toEqual(['rateLimited', 30]);
  });

  it('maps a network failure to unavailable and records it', async () => {
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    zuora.intercept({ path: '/oauth/token', method: 'POST' }).replyWithError(reset);
    const c = ctx();

    const error = await auth()
      .authorize(c)
      .catch((e: unknown) => e as UpstreamError);

    expect(error.kind).toBe('unavailable');
    expect(c.calls).toEqual([expect.objectContaining({ status: 0, error: 'ECONNRESET' })]);
  });

  it('rejects a token type other than bearer', async () => {
    zuora.intercept({ path: '/oauth/token', method: 'POST' }).reply(200, { access_token: 'abc', token_type: 'mac', expires_in: 60 });

    const error = await failureOf();

    expect(error.kind).toBe('malformed');
    expect(error.message).toContain('could not be read: token_type: token_type is not bearer');
  });

  it.each([
    ['an HTML page with 200', { 'content-type': 'text/html' }, '<!DOCTYPE html><html><body>Sign in</body></html>', 'an HTML page, not JSON'],
    ['cut-off JSON', { 'content-type': 'application/json' }, '{"access_token":"tok-cut-off-secret-value","token_ty', 'JSON that does not parse (cut off?)'],
    [
      'a token of the wrong type',
      { 'content-type': 'application/json' },
      '{"access_token":12345678,"token_type":"bearer"}',
      'access_token: Invalid input: expected string, received number',
    ],
  ])('%s is a malformed answer whose logged excerpt never shows a token', async (_what, headers, body, reason) => {
    zuora.intercept({ path: '/oauth/token', method: 'POST' }).reply(200, body, { headers });

    const error = await failureOf();

    expect(error.kind).toBe('malformed');
    expect(error.status).toBe(200);
    expect(error.answer).toMatchObject({ call: 'POST /oauth/token', reason });
    expect(error.answer?.excerpt).not.toContain('tok-cut-off-secret-value');
    expect(error.answer?.excerpt).not.toContain('12345678');
  });

  it('never puts the client secret in the error, even when the endpoint echoes it', async () => {
    zuora.intercept({ path: '/oauth/token', method: 'POST' }).reply(401, { error: 'invalid_client', error_description: `bad secret ${CLIENT_SECRET}` });

    const error = await failureOf();

    expect(error.message).toContain('bad secret');
    expect(error.message).not.toContain(CLIENT_SECRET);
  });
});
