import { afterEach, describe, expect, it } from 'vitest';
import { ziaFaults } from '@scim-bridge/simulators/zscaler-zia';
import { createZscalerZiaAdapter, zscalerZiaConfigSchema } from '../../../../src/upstreams/zscaler-zia/index.js';
import { ctx, expectWithinBudgets, idpUser, unsupportedMediaTypes, ziaHarness, type ZiaHarness } from './harness.js';

let h: ZiaHarness;
// Whatever a test does, no documented budget is ever exceeded (docs/upstreams/zscaler-zia.md §7).
afterEach(async () => {
  expectWithinBudgets(h.sim);
  await h.close();
});

const logins = () => h.count('POST', '/authenticatedSession');
const statuses = () => h.sim.calls().map((c) => c.status);

describe('ZIA session authentication (docs/upstreams/zscaler-zia.md §2, §3)', () => {
  it('logs in once with the obfuscated key and reuses the JSESSIONID', async () => {
    h = await ziaHarness();
    const a = await h.adapter.users.create({ user: idpUser('s1@example.com'), groupNames: [] }, ctx());
    await h.adapter.users.get(a.upstreamId, ctx());
    expect(logins()).toBe(1);
    expect(statuses().every((s) => s === 200)).toBe(true);
  });

  it('logs in again before the 5-minute session runs out, without meeting a 401', async () => {
    h = await ziaHarness();
    const a = await h.adapter.users.create({ user: idpUser('s2@example.com'), groupNames: [] }, ctx());
    await h.clock.advance(4.5 * 60_000);
    expect(await h.adapter.users.get(a.upstreamId, ctx())).toBeDefined();
    expect(logins()).toBe(2);
    expect(statuses()).not.toContain(401);
  });

  it('after a 401 SESSION_NOT_VALID logs in once and sends the request again', async () => {
    h = await ziaHarness();
    const a = await h.adapter.users.create({ user: idpUser('s3@example.com'), groupNames: [] }, ctx());
    h.sim.expireAllSessions();
    h.sim.resetCalls();
    expect((await h.adapter.users.get(a.upstreamId, ctx()))?.user.userName).toBe('s3@example.com');
    expect(h.sim.calls().map((c) => `${c.method} ${c.route} ${c.status}`)).toEqual([
      'GET /api/v1/users/:userId 401',
      'POST /api/v1/authenticatedSession 200',
      'GET /api/v1/users/:userId 200',
    ]);
  });

  it('rides out a 401 "Resource Access Blocked" (ZIA under load)', async () => {
    h = await ziaHarness();
    const a = await h.adapter.users.create({ user: idpUser('s4@example.com'), groupNames: [] }, ctx());
    h.sim.faults.failNext(2, ziaFaults.resourceAccessBlocked(), 'GET /api/v1/users/:userId');
    expect(await h.adapter.users.get(a.upstreamId, ctx())).toBeDefined();
    expect(h.count('GET', '/users/:userId')).toBe(3);
  });

  it('at close activates what is owed through the API, then logs out', async () => {
    h = await ziaHarness({ config: { activation: { debounceMs: 60_000, maxDelayMs: 600_000 } } });
    await h.adapter.users.create({ user: idpUser('s5@example.com'), groupNames: [] }, ctx());
    expect(h.sim.status()).toBe('PENDING');
    await h.adapter.close();
    expect(h.sim.activations().map((a) => a.trigger)).toEqual(['api']);
    expect(h.count('DELETE', '/authenticatedSession')).toBe(1);
    expect(h.sim.liveSessions()).toBe(0);
  });

  it('never sends a body ZIA would refuse with 415', async () => {
    h = await ziaHarness();
    const a = await h.adapter.users.create({ user: idpUser('s6@example.com'), groupNames: [] }, ctx());
    await h.adapter.users.replace(a.upstreamId, { user: idpUser('s6@example.com', { displayName: 'Other' }), groupNames: [] }, ctx(), a);
    await h.adapter.users.delete(a.upstreamId, ctx());
    await h.adapter.close();
    expect(h.count('POST', '/status/activate')).toBeGreaterThan(0);
    expect(unsupportedMediaTypes(h.sim)).toBe(0);
  });

  it('a refused login is an unauthorized error that names neither the password nor the API key', async () => {
    h = await ziaHarness({
      config: { auth: { mode: 'legacy', username: 'admin@example.com', password: 'Wrong-Secret-123', apiKey: 'WrongApiKey0123', sessionMinutes: 5 } },
    });
    const failed = h.adapter.users.get('10000001', ctx());
    await expect(failed).rejects.toMatchObject({ kind: 'unauthorized' });
    const message = String(await failed.catch((e: Error) => e.message));
    expect(message).not.toContain('Wrong-Secret-123');
    expect(message).not.toContain('WrongApiKey0123');
  });
});

describe('ZIA through OneAPI (docs/upstreams/zscaler-zia.md §8)', () => {
  it('gets a ZIdentity token with the API audience and sends it as a Bearer on /zia/api/v1', async () => {
    h = await ziaHarness({ sim: { oneApi: true } });
    const oneApi = h.sim.oneApi;
    if (!oneApi) throw new Error('OneAPI is on');
    const adapter = createOneApiAdapter(h, oneApi);
    const created = await adapter.users.create({ user: idpUser('one@example.com'), groupNames: [] }, ctx());
    expect(h.sim.getUser(Number(created.upstreamId))?.email).toBe('one@example.com');
    expect(h.sim.count('POST', oneApi.tokenPath)).toBe(1);
    expect(h.sim.count('POST', `${oneApi.prefix}/users`)).toBe(1);
    expect(logins()).toBe(0);
    await adapter.close();
  });
});

function createOneApiAdapter(harness: ZiaHarness, oneApi: NonNullable<ZiaHarness['sim']['oneApi']>) {
  const config = zscalerZiaConfigSchema.parse({
    ...harness.config,
    baseUrlOverride: `${harness.url}${oneApi.prefix}`,
    auth: { mode: 'oneapi', tokenUrl: `${harness.url}${oneApi.tokenPath}`, clientId: oneApi.clientId, clientSecret: oneApi.clientSecret },
  });
  return createZscalerZiaAdapter(config, { clock: harness.clock });
}
