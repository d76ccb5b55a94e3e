import supertest from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/core/idp-credentials.js';
import { captureLogs, type LogLine } from '../support/captured-logs.js';
import { SCIM, startZuoraRestHarness, TOKEN, user, type Harness } from '../support/zuora-rest-harness.js';

/*
 * Every request the HTTP layer refuses before the core leaves exactly one log line: the status, the reason and the
 * credential's label when it is known, never the token, never a stack. A refusal by the core is told by the request's
 * summary line, which carries the answer's scimType and detail.
 */

const ADMIN_TOKEN = 'admin-token-for-refusals-0123456789';
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function bridgeWithLogs(rateLimit = { max: 1_000, timeWindowMs: 60_000 }) {
  const logs = captureLogs('info');
  h = await startZuoraRestHarness({
    logger: logs.logger,
    rateLimit,
    server: { bodyLimitBytes: 2_048 },
    adminTokens: [{ label: 'ops-console', sha256: hashToken(ADMIN_TOKEN) }],
  });
  return { h, logs, agent: supertest(h.bridge.app.server) };
}

let counter = 0;
const nextId = () => `refused-${++counter}`;

/** The request's one line, checked for what every refusal line must and must not say. */
function onlyLineOf(lines: LogLine[], text: string): LogLine {
  expect(lines, JSON.stringify(lines)).toHaveLength(1);
  const [line] = lines as [LogLine];
  expect(line).not.toHaveProperty('err');
  expect(JSON.stringify(line)).not.toMatch(/\bat .+\.(ts|js):\d+/);
  for (const secret of [TOKEN, 'not-the-token-at-all', ADMIN_TOKEN, 'hunter2']) expect(text).not.toContain(secret);
  return line;
}

describe('refused requests are logged once each, with the reason and never the token', () => {
  it('401 without a token, and 401 with a wrong one (a warning, no label: nobody is known)', async () => {
    const { logs, agent } = await bridgeWithLogs();
    const missing = nextId();
    await agent.get(`${SCIM}/Users`).set('x-request-id', missing).expect(401);
    const wrong = nextId();
    await agent.get(`${SCIM}/Users`).set('x-request-id', wrong).set('Authorization', 'Bearer not-the-token-at-all').expect(401);

    const first = onlyLineOf(logs.of(missing), logs.text());
    expect(first).toMatchObject({
      level: 40,
      msg: 'request refused: Authorization: Bearer <token> is required',
      status: 401,
      method: 'GET',
      path: `${SCIM}/Users`,
    });
    expect(first).not.toHaveProperty('idp');
    expect(onlyLineOf(logs.of(wrong), logs.text())).toMatchObject({ level: 40, status: 401, detail: 'The bearer token is not valid' });
  });

  it('415, 413 and an unparseable body name the IdP credential that sent them, and quote nothing of the body', async () => {
    const { logs, agent } = await bridgeWithLogs();
    const auth = { Authorization: `Bearer ${TOKEN}` };
    const media = nextId();
    await agent.post(`${SCIM}/Users`).set(auth).set('x-request-id', media).set('Content-Type', 'text/plain').send('userName=x').expect(415);
    const large = nextId();
    const big = JSON.stringify(user('big@example.com', { title: 'x'.repeat(4_000) }));
    await agent.post(`${SCIM}/Users`).set(auth).set('x-request-id', large).set('Content-Type', 'application/scim+json').send(big).expect(413);
    const broken = nextId();
    const body = '{"userName":"a@example.com","password": hunter2-in-a-broken-body}';
    const res = await agent.post(`${SCIM}/Users`).set(auth).set('x-request-id', broken).set('Content-Type', 'application/scim+json').send(body).expect(400);
    expect(res.text).not.toContain('hunter2');

    const credential = { tenant: 'default', idp: 'test-idp' };
    expect(onlyLineOf(logs.of(media), logs.text())).toMatchObject({
      level: 30,
      status: 415,
      ...credential,
      detail: expect.stringMatching(/^Unsupported Content-Type/),
    });
    expect(onlyLineOf(logs.of(large), logs.text())).toMatchObject({
      level: 30,
      status: 413,
      ...credential,
      detail: 'Request body is larger than this service accepts',
    });
    expect(onlyLineOf(logs.of(broken), logs.text())).toMatchObject({
      level: 30,
      status: 400,
      ...credential,
      scimType: 'invalidSyntax',
      detail: expect.stringMatching(/^Request body is not valid JSON/),
    });
  });

  it('429 from the rate limit, and an unknown endpoint, are one line each', async () => {
    const { logs, agent } = await bridgeWithLogs({ max: 1, timeWindowMs: 60_000 });
    const auth = { Authorization: `Bearer ${TOKEN}` };
    await agent.get(`${SCIM}/Users`).set(auth).expect(200);
    const limited = nextId();
    await agent.get(`${SCIM}/Users`).set(auth).set('x-request-id', limited).expect(429);
    const unknown = nextId();
    await agent.get('/nothing-here').set('x-request-id', unknown).expect(404);

    expect(onlyLineOf(logs.of(limited), logs.text())).toMatchObject({ status: 429, idp: 'test-idp', detail: expect.stringMatching(/^Too many requests/) });
    expect(onlyLineOf(logs.of(unknown), logs.text())).toMatchObject({ status: 404, detail: 'No endpoint GET /nothing-here' });
  });

  it("the admin API's refusals too, with the operator's label once the token is known", async () => {
    const { logs, agent } = await bridgeWithLogs();
    const anonymous = nextId();
    await agent.get('/admin/audit').set('x-request-id', anonymous).expect(401);
    const badQuery = nextId();
    await agent.get('/admin/audit?limit=-4').set('x-request-id', badQuery).set('Authorization', `Bearer ${ADMIN_TOKEN}`).expect(400);

    expect(onlyLineOf(logs.of(anonymous), logs.text())).toMatchObject({ level: 40, status: 401, path: '/admin/audit' });
    expect(onlyLineOf(logs.of(badQuery), logs.text())).toMatchObject({ status: 400, credential: 'ops-console' });
  });

  it("a refusal by the core is the request's summary line, carrying scimType and detail", async () => {
    const { logs, h: harness } = await bridgeWithLogs();
    const id = nextId();
    const filter = encodeURIComponent('userName eq');
    await supertest(harness.bridge.app.server)
      .get(`${SCIM}/Users?filter=${filter}`)
      .set('Authorization', `Bearer ${TOKEN}`)
      .set('x-request-id', id)
      .expect(400);
    const line = onlyLineOf(logs.of(id), logs.text());
    expect(line).toMatchObject({ msg: 'scim request', status: 400, idp: 'test-idp', scimType: 'invalidFilter', detail: expect.any(String) });
  });
});
