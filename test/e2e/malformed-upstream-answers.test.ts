import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_SCHEMA } from '../../src/scim/errors.js';
import type { Fault } from '@scim-bridge/simulators';
import type { ZscalerZiaSimulator } from '@scim-bridge/simulators/zscaler-zia';
import { startZscalerZiaHarness } from '../support/zscaler-zia-harness.js';
import { captureLogs } from '../support/captured-logs.js';
import type { BridgeHarness } from '../support/scim-client.js';
import { startZuoraOneIdHarness } from '../support/zuora-oneid-harness.js';
import { startZuoraRestHarness, user } from '../support/zuora-rest-harness.js';

/*
 * Each adapter, fed answers it cannot read (an HTML page with 200, cut-off JSON, every field of the wrong type) on a
 * read and on writes, answers the IdP 502 with a SCIM error saying so: never a 500, never the body itself. The
 * unreadable answer is logged once, with its call, status and a redacted excerpt.
 */

interface FaultableSimulator {
  faults: { failNext(count: number, fault: Fault, route?: string): void; pending(): unknown[]; clear(): void; expireAllTokens(): void };
  count(method: string, route: string): number;
  close(): Promise<void>;
}

/** Where each adapter reads a user, creates one, and writes a change to one, as simulator route selectors. */
interface AdapterUnderTest {
  name: string;
  start(logger: ReturnType<typeof captureLogs>['logger']): Promise<BridgeHarness<FaultableSimulator>>;
  read: string;
  create: string;
  update: string;
  /** Where the bridge gets its credentials: the OAuth token endpoint, or ZIA's session login. */
  credentials: string;
}

/** ZIA with legacy session auth; activation held back so that only the calls under test reach the simulator. */
const startZiaHarness = (logger: ReturnType<typeof captureLogs>['logger']): Promise<BridgeHarness<ZscalerZiaSimulator>> =>
  startZscalerZiaHarness({ logger, upstream: { activation: { debounceMs: 60_000, maxDelayMs: 600_000 } } });

const ADAPTERS: AdapterUnderTest[] = [
  {
    name: 'zuora-rest',
    start: (logger) => startZuoraRestHarness({ logger }),
    read: 'GET /v1/users/:id',
    create: 'POST /v1/users',
    update: 'PUT /v1/users/:id',
    credentials: 'POST /oauth/token',
  },
  {
    name: 'zuora-oneid',
    start: async (logger) => startZuoraOneIdHarness({ logger }),
    read: 'GET /scim/v2/Users/:id',
    create: 'POST /scim/v2/Users',
    update: 'PUT /scim/v2/Users/:id',
    credentials: 'POST /oauth2/token',
  },
  {
    name: 'zscaler-zia',
    start: startZiaHarness,
    read: 'GET /api/v1/users/:userId',
    create: 'POST /api/v1/users',
    update: 'PUT /api/v1/users/:userId',
    credentials: 'POST /api/v1/authenticatedSession',
  },
];

const FAULTS: Array<{ fault: Fault; reason: RegExp }> = [
  { fault: { kind: 'malformedHtml' }, reason: /an HTML page, not JSON/ },
  { fault: { kind: 'truncatedJson' }, reason: /JSON that does not parse/ },
  { fault: { kind: 'wrongTypes' }, reason: /expected (string|number|boolean), received (number|string)/ },
];

describe.each(ADAPTERS)('$name fed answers it cannot read', (adapter) => {
  const logs = captureLogs('info');
  let h: BridgeHarness<FaultableSimulator>;
  let made = 0;
  beforeAll(async () => {
    h = await adapter.start(logs.logger);
  }, 30_000);
  afterAll(async () => h.close());

  const newUserId = async (): Promise<string> => (await h.http.post('/Users', user(`${adapter.name}.${++made}@example.com`)).expect(201)).body.id;

  /** The IdP's request under one queued fault: a 502 SCIM error saying why, the fault consumed, one log line. */
  async function expect502(
    route: string,
    fault: Fault,
    reason: RegExp,
    send: (requestId: string) => Promise<{ status: number; body: unknown; text: string; headers: Record<string, string> }>,
  ) {
    const requestId = `${adapter.name}-${fault.kind}-${route.replace(/\W+/g, '-')}`;
    h.sim.faults.clear();
    h.sim.faults.failNext(1, fault, route);
    const res = await send(requestId);
    expect(h.sim.faults.pending(), 'the fault reached the simulator').toEqual([]);
    expect(res.status, res.text).toBe(502);
    expect(res.headers['content-type']).toMatch(/application\/scim\+json/);
    expect(res.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '502' });
    const detail = (res.body as { detail: string }).detail;
    expect(detail).toMatch(new RegExp(`^${adapter.name}: the upstream's answer could not be read \\(.+, HTTP 20\\d: `));
    expect(detail).toMatch(reason);
    expect(res.text).not.toContain('Your session has expired');

    const reported = logs.of(requestId).filter((l) => (l.upstream as { body?: string } | undefined)?.body !== undefined);
    expect(reported, 'the unreadable answer is logged once').toHaveLength(1);
    expect(reported[0]?.upstream).toMatchObject({
      name: adapter.name,
      kind: 'malformed',
      status: expect.any(Number),
      call: expect.any(String),
      reason: expect.stringMatching(reason),
    });
    // A cut-off token answer still has its token's start: the excerpt hides it.
    expect(JSON.stringify(reported[0]?.upstream)).not.toMatch(/access_token\\":\s*\\"(?!\[redacted\])/);
  }

  describe.each(FAULTS)('$fault.kind', ({ fault, reason }) => {
    it('on a read (GET /Users/{id} reads the upstream)', async () => {
      const id = await newUserId();
      await expect502(adapter.read, fault, reason, (rid) => h.http.get(`/Users/${id}`).set('x-request-id', rid));
    });

    it('on a create: 502 when nothing was made; when the upstream made the user, it is found and the create succeeds', async () => {
      const userName = `${adapter.name}.new.${++made}@example.com`;
      const send = (rid: string) => h.http.post('/Users', user(userName)).set('x-request-id', rid);
      if (fault.kind === 'malformedHtml') {
        // Answered before the route ran: nothing was created, and the bridge looked before saying so.
        await expect502(adapter.create, fault, reason, send);
        expect((await h.http.get(`/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`).expect(200)).body.totalResults).toBe(0);
        return;
      }
      // The route ran and its answer was spoiled: the user exists upstream, so the bridge finds it rather than report
      // a failure the IdP would retry into a 409.
      h.sim.faults.clear();
      h.sim.faults.failNext(1, fault, adapter.create);
      const res = await send(`${adapter.name}-${fault.kind}-create-found`);
      expect(res.status, res.text).toBe(201);
      expect(
        (await h.http.get(`/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`).expect(200)).body.Resources.map((r: { id: string }) => r.id),
      ).toEqual([res.body.id]);
      await h.http.post('/Users', user(userName)).expect(409);
      const [entry] = await h.bridge.store.audit.query({ tenant: 'default', resourceId: res.body.id as string, limit: 1 });
      expect(entry?.detail).toMatch(/the create's answer was lost .* found upstream/);
    });

    it('on the credential answer (a new token or session, after the old one expired)', async () => {
      const id = await newUserId();
      h.sim.faults.expireAllTokens();
      await expect502(adapter.credentials, fault, reason, (rid) => h.http.get(`/Users/${id}`).set('x-request-id', rid));
    });

    it('on an update', async () => {
      const id = await newUserId();
      // A name every upstream holds (Zuora's firstName, OneID's name, ZIA's name), so every adapter writes.
      const patch = {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'replace', path: 'name.givenName', value: `Renamed${++made}` }],
      };
      await expect502(adapter.update, fault, reason, (rid) => h.http.patch(`/Users/${id}`, patch).set('x-request-id', rid));
    });
  });
});
