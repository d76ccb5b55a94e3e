import { afterEach, describe, expect, it } from 'vitest';
import type { Fault } from '@scim-bridge/simulators';
import type { BridgeHarness } from '../support/scim-client.js';
import { startZscalerZiaHarness } from '../support/zscaler-zia-harness.js';
import { startZuoraOneIdHarness } from '../support/zuora-oneid-harness.js';
import { startZuoraRestHarness, user } from '../support/zuora-rest-harness.js';

/*
 * A create whose answer is lost (the connection reset after the upstream made the user): the bridge finds out whether
 * the user exists before it answers, so the IdP's filter finds the user and its retry gets a 409 — never "0 found"
 * followed by a 409. When the upstream cannot say either (it is down for the look-up too), the create stays pending:
 * the IdP gets a 5xx, its filter 0 and its retry a 5xx until the upstream answers again, then the user is found.
 */

interface Faultable {
  faults: { failNext(count: number, fault: Fault, route?: string): void; clear(): void };
  users(): unknown[];
}

const UPSTREAMS: { name: string; start: () => Promise<BridgeHarness<Faultable>>; create: string; find: string; logins: (sim: Faultable) => string[] }[] = [
  {
    name: 'zuora-rest',
    start: () => startZuoraRestHarness({ upstream: { retry: { maxAttempts: 2, budgetMs: 1_000, baseDelayMs: 5, maxDelayMs: 10 } } }) as never,
    create: 'POST /v1/users',
    find: 'GET /v1/users',
    logins: (sim) => (sim.users() as { username: string }[]).map((u) => u.username),
  },
  {
    name: 'zuora-oneid',
    start: () => startZuoraOneIdHarness() as never,
    create: 'POST /scim/v2/Users',
    find: 'GET /scim/v2/Users',
    logins: (sim) => (sim.users() as { userName: string }[]).map((u) => u.userName),
  },
  {
    // One attempt per call: listing users is ZIA's scarcest budget (10 a minute), and each look-up lists.
    name: 'zscaler-zia',
    start: () => startZscalerZiaHarness({ upstream: { retry: { maxAttempts: 1, budgetMs: 1_000 } } }) as never,
    create: 'POST /api/v1/users',
    find: 'GET /api/v1/users',
    logins: (sim) => (sim.users() as { email: string }[]).map((u) => u.email),
  },
];

/** What an IdP retries: the upstream is down (5xx), or its documented budget is spent (429, ZIA). */
const RETRY_LATER = [429, 502, 503, 504];

let h: BridgeHarness<Faultable> | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const filterCount = async (userName: string): Promise<number> =>
  (await h!.http.get(`/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`).expect(200)).body.totalResults as number;

describe.each(UPSTREAMS)('a $name create whose answer is lost', ({ start, create, find, logins }) => {
  it('is found upstream before the bridge answers: 201, the filter finds it, a retry is a 409, one user upstream', async () => {
    h = await start();
    h.sim.faults.failNext(1, { kind: 'resetAfter' }, create);
    const userName = 'lost.answer@example.com';
    const res = await h.http.post('/Users', user(userName));
    expect(res.status, res.text).toBe(201);
    expect(await filterCount(userName)).toBe(1);
    await h.http.post('/Users', user(userName)).expect(409);
    expect(logins(h.sim).filter((l) => l.toLowerCase() === userName)).toHaveLength(1);
  });

  it('stays pending while the upstream cannot say: 5xx and 0 found, never a 409 nor a second user; then found', async () => {
    h = await start();
    const userName = 'pending.create@example.com';
    // Every attempt's answer is lost (OneID's client resends a create under its Idempotency-Key), and the look-up fails.
    h.sim.faults.failNext(10, { kind: 'resetAfter' }, create);
    h.sim.faults.failNext(1000, { kind: 'serverError', status: 503 }, find);
    const first = await h.http.post('/Users', user(userName));
    expect(RETRY_LATER, first.text).toContain(first.status);
    expect(await filterCount(userName)).toBe(0);
    const retry = await h.http.post('/Users', user(userName));
    expect(RETRY_LATER, retry.text).toContain(retry.status);
    h.sim.faults.clear();
    // The upstream answers again: the next request for the name settles the pending create.
    expect(await filterCount(userName)).toBe(1);
    await h.http.post('/Users', user(userName)).expect(409);
    expect(logins(h.sim).filter((l) => l.toLowerCase() === userName)).toHaveLength(1);
  });
});
