import { gunzipSync } from 'node:zlib';
import { MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newUpstreamContext } from '../../../../src/upstreams/call-record.js';
import { createUpstreamHttpClient } from '../../../../src/upstreams/http/index.js';
import { fakeClock, headerOf } from './test-doubles.js';

const ONEID = 'https://one.zuora.com';

let mock: MockAgent;

beforeEach(() => {
  mock = new MockAgent();
  mock.disableNetConnect();
});

afterEach(async () => {
  await mock.close();
});

interface Sent {
  encoding: string | undefined;
  contentType: string | undefined;
  json: unknown;
}

/** Records each request body as the upstream would read it: inflated when it came gzipped. */
const recordBodies = (status = 201, times = 1) => {
  const sent: Sent[] = [];
  mock
    .get(ONEID)
    .intercept({ path: '/scim/v2/Users', method: 'POST' })
    .reply((opts) => {
      const encoding = headerOf(opts, 'content-encoding');
      const raw = Buffer.isBuffer(opts.body) ? opts.body : Buffer.from(String(opts.body));
      const text = encoding === 'gzip' ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
      sent.push({ encoding, contentType: headerOf(opts, 'content-type'), json: JSON.parse(text) });
      return { statusCode: status, data: {} };
    })
    .times(times);
  return sent;
};

const client = (compressRequestsOverBytes?: number) => {
  const clock = fakeClock();
  return createUpstreamHttpClient({
    upstream: 'zuora-oneid',
    baseUrl: ONEID,
    dispatcher: mock,
    sleep: clock.sleep,
    now: clock.now,
    random: () => 0.5,
    retry: { maxAttempts: 3, baseDelayMs: 10, budgetMs: 60_000 },
    ...(compressRequestsOverBytes === undefined ? {} : { compressRequestsOverBytes }),
  });
};

describe('request body compression (Content-Encoding: gzip, docs/upstreams/zuora-oneid.md §2)', () => {
  const big = { userName: 'amy@example.com', note: 'x'.repeat(1500) };
  const small = { userName: 'amy@example.com' };

  it('gzips a body over the threshold and leaves a small one plain', async () => {
    const sent = recordBodies(201, 2);
    const oneId = client(1000);

    await oneId.request({ method: 'POST', path: '/scim/v2/Users', json: big }, newUpstreamContext('r'));
    await oneId.request({ method: 'POST', path: '/scim/v2/Users', json: small }, newUpstreamContext('r'));

    expect(sent).toEqual([
      { encoding: 'gzip', contentType: 'application/json', json: big },
      { encoding: undefined, contentType: 'application/json', json: small },
    ]);
  });

  it('never compresses when the option is not set', async () => {
    const sent = recordBodies();

    await client().request({ method: 'POST', path: '/scim/v2/Users', json: big }, newUpstreamContext('r'));

    expect(sent).toEqual([{ encoding: undefined, contentType: 'application/json', json: big }]);
  });

  it('sends the same compressed body again on a retry', async () => {
    const sent = recordBodies(503);
    const after = recordBodies(201);

    await client(1000).request({ method: 'POST', path: '/scim/v2/Users', json: big }, newUpstreamContext('r'));

    expect([...sent, ...after]).toEqual([
      { encoding: 'gzip', contentType: 'application/json', json: big },
      { encoding: 'gzip', contentType: 'application/json', json: big },
    ]);
  });
});
