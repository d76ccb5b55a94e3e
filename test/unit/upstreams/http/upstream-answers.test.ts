import { MockAgent, type MockPool } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { newUpstreamContext } from '../../../../src/upstreams/call-record.js';
import { createUpstreamHttpClient } from '../../../../src/upstreams/http/index.js';
import { answerExcerpt, EXCERPT_CHARS, readAnswer } from '../../../../src/upstreams/http/wire-answer.js';
import { failure, fakeClock } from './test-doubles.js';

const ZUORA = 'https://rest.zuora.com';
const json = { headers: { 'content-type': 'application/json' } };
const user = z.looseObject({ id: z.string().min(1), username: z.string() });

let mock: MockAgent;
let zuora: MockPool;

beforeEach(() => {
  mock = new MockAgent();
  mock.disableNetConnect();
  zuora = mock.get(ZUORA);
});
afterEach(async () => mock.close());

const client = () => {
  const clock = fakeClock();
  return createUpstreamHttpClient({
    upstream: 'zuora-rest',
    baseUrl: ZUORA,
    dispatcher: mock,
    sleep: clock.sleep,
    now: clock.now,
    auth: { authorize: async () => ({ authorization: 'Bearer live-bearer-token-123' }), invalidate: () => undefined },
    retry: { maxAttempts: 4, baseDelayMs: 1, budgetMs: 60_000 },
  });
};

const getUser = () => client().request({ method: 'GET', path: '/v1/users/u1', route: '/v1/users/{id}', answer: user }, newUpstreamContext('r'));

describe('the upstream HTTP client reads answers through the wire schema', () => {
  it('a matching answer resolves with its body, members the schema does not name kept', async () => {
    zuora.intercept({ path: '/v1/users/u1', method: 'GET' }).reply(200, { id: 'u1', username: 'jane@example.com', newField: 1 }, json);
    const res = await getUser();
    expect(res.body).toEqual({ id: 'u1', username: 'jane@example.com', newField: 1 });
  });

  it.each([
    ['an HTML page with 200', '<!doctype html><html><body>Please sign in</body></html>', { 'content-type': 'text/html' }, 'an HTML page, not JSON'],
    ['cut-off JSON', '{"id":"u1","userna', json.headers, 'JSON that does not parse (cut off?)'],
    ['a missing id', '{"username":"jane@example.com"}', json.headers, 'id: Invalid input: expected string, received undefined'],
    ['an id of the wrong type', '{"id":{"value":"u1"},"username":"x"}', json.headers, 'id: Invalid input: expected string, received object'],
    ['an empty body', '', json.headers, 'the body: Invalid input: expected object, received undefined'],
  ])('%s is malformed, sent once (re-sending would not change it)', async (_what, body, headers, reason) => {
    let sent = 0;
    zuora
      .intercept({ path: '/v1/users/u1', method: 'GET' })
      .reply(() => {
        sent++;
        return { statusCode: 200, data: body, responseOptions: { headers } };
      })
      .persist();
    const error = await failure(getUser());
    expect(error).toMatchObject({ kind: 'malformed', upstream: 'zuora-rest', status: 200 });
    expect(error.answer).toMatchObject({ call: 'GET /v1/users/{id}', reason });
    expect(error.message).toBe(`zuora-rest GET /v1/users/{id} answered HTTP 200 with a body that could not be read: ${reason}`);
    expect(sent).toBe(1);
  });

  it("the logged excerpt never quotes the bridge's credentials, even when the answer echoes them", async () => {
    zuora
      .intercept({ path: '/v1/users/u1', method: 'GET' })
      .reply(200, '<html>Your token live-bearer-token-123 is not welcome</html>', { headers: { 'content-type': 'text/html' } });
    const error = await failure(getUser());
    expect(error.answer?.excerpt).toBe('<html>Your token [redacted] is not welcome</html>');
  });
});

describe('excerpts of unreadable answers', () => {
  it('are one line of at most a few hundred characters', () => {
    const excerpt = answerExcerpt(`<html>\n  <body>${'x'.repeat(5_000)}</body>\n</html>`, []);
    expect(excerpt).not.toContain('\n');
    expect(excerpt.length).toBe(EXCERPT_CHARS + 1);
    expect(excerpt.endsWith('…')).toBe(true);
  });

  it.each([
    ['{"access_token":"eyJhbGciOi.secret.value","token_type":"bearer"}', '{"access_token":"[redacted]","token_type":"bearer"}'],
    ['{"expires_in":3599,"jti":"c652cbc0ea384b9f81856a93a2a74539"}', '{"expires_in":3599,"jti":"[redacted]"}'],
    ['{"users":[{"id":1,"password":"hunter2-password"}]}', '{"users":[{"id":1,"password":"[redacted]"}]}'],
    ['{"apiKey": 1234567890123, "name": "x"}', '{"apiKey": "[redacted]", "name": "x"}'],
    ['{"client_secret":"cut-off-secr', '{"client_secret":"[redacted]"'],
    ['Set-Cookie: JSESSIONID=ABCDEF0123456789; Path=/', 'Set-Cookie: JSESSIONID=[redacted]; Path=/'],
    ['Authorization: Bearer abc.def.ghi', 'Authorization: Bearer [redacted]'],
  ])('hide credential-looking values: %s', (text, expected) => {
    expect(answerExcerpt(text, [])).toBe(expected);
  });

  it('a secret the excerpt would cut in half is still redacted whole', () => {
    const secret = 's'.repeat(400);
    const excerpt = answerExcerpt(`{"note":"${'n'.repeat(250)}","echo":"${secret}"}`, [secret]);
    expect(excerpt).not.toMatch(/s{6}/);
  });
});

describe('readAnswer', () => {
  const response = (body: unknown, text = JSON.stringify(body)) => ({ status: 201, headers: {}, body, text });
  const source = { upstream: 'zuora-oneid', call: 'POST /scim/v2/Users', secrets: [] };

  it('an empty answer is checked as undefined, so a schema says whether a call may answer nothing', () => {
    expect(readAnswer(user.optional(), response(undefined, ''), source)).toBeUndefined();
    expect(() => readAnswer(user, response(undefined, ''), source)).toThrow(/expected object, received undefined/);
  });

  it('names the first problem and counts the others', () => {
    expect(() => readAnswer(user, response({ id: 7, username: 8 }), source)).toThrow(/id: Invalid input: expected string, received number \(and 1 more\)$/);
    expect(() => readAnswer(z.array(user), response([{ id: 'a', username: 'b' }, { id: 'c' }]), source)).toThrow(/\[1\]\.username: /);
  });
});
