import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/core/idp-credentials.js';
import type { TenantRuntime } from '../../src/core/tenant.js';
import { previewMapping, type MappingInput } from '../../src/http/admin-console/mapping-preview.js';
import { consoleClient, type ConsoleClient } from '../support/admin-console-client.js';
import { tenantWrites, wireOf, type SimulatorWrite } from '../support/audit-coverage.js';
import { compact } from '../support/console-page-checks.js';
import { startZscalerZiaHarness, type ZiaBridgeHarness } from '../support/zscaler-zia-harness.js';
import { startZuoraOneIdHarness, type OneIdHarness } from '../support/zuora-oneid-harness.js';
import { startZuoraRestHarness, user, type Harness } from '../support/zuora-rest-harness.js';

/*
 * The console's mapping preview and plan against the real adapters over their simulators: the preview is each
 * adapter's own create in a read-only context, so it shows the Zuora profile, the OneID role and the ZIA department
 * and groups the bridge would really write, and no simulator records a write.
 */

const ADMIN_TOKEN = 'admin-token-for-the-upstream-pages-e2e-0123456789';
const input = (fields: Partial<MappingInput>): MappingInput => ({ roles: '', groups: '', department: '', ...fields });
const tenantOf = (h: { bridge: { tenants: readonly TenantRuntime[] } }): TenantRuntime => h.bridge.tenants[0] as TenantRuntime;
const stateOf = async (h: { bridge: { tenants: readonly TenantRuntime[] } }, fields: Partial<MappingInput>) =>
  Object.fromEntries((await previewMapping(tenantOf(h), input(fields), 'test-preview')).rows.map((r) => [r.attribute, r.value]));
/** Writes that could change the tenant (a token or a session changes nothing). */
const writesOf = (sim: { writes(): SimulatorWrite[] }, upstream: string) => tenantWrites(sim.writes(), wireOf(upstream)).length;

describe('zuora-rest: the console over HTTP', () => {
  let h: Harness;
  let c: ConsoleClient;
  let csrf: string;
  const MAPPING = '/admin/console/tenants/default/mapping';
  const PLAN = '/admin/console/tenants/default/plan';
  beforeAll(async () => {
    h = await startZuoraRestHarness({ adminTokens: [{ label: 'ops-e2e', sha256: hashToken(ADMIN_TOKEN) }] });
    c = consoleClient(h.bridge.app);
    await c.signIn(ADMIN_TOKEN);
    csrf = c.csrfOf((await c.get('/admin/console')).body);
  });
  afterAll(async () => h.close());

  it('previews the Zuora profile a group or a role maps to, else the default, writing nothing', async () => {
    const writes = writesOf(h.sim, 'zuora-rest');
    const row = (body: string) => /<th scope="row"><code>profile<\/code><\/th><td>([^<]*)<\/td>/.exec(compact(body))?.[1];
    expect(row((await c.post(MAPPING, { _csrf: csrf, groups: 'Billing Team' })).body)).toBe('Billing Clerk');
    expect(row((await c.post(MAPPING, { _csrf: csrf, roles: 'admin', groups: 'Auditors' })).body)).toBe('Administrator');
    expect(row((await c.post(MAPPING, { _csrf: csrf, groups: 'Nobody maps this' })).body)).toBe('Standard User');
    expect(writesOf(h.sim, 'zuora-rest')).toBe(writes);
  });

  it("plans a profile changed in Zuora's console as drift (Read Only → Administrator), writing nothing", async () => {
    await h.http.post('/Users', user('drift.e2e@example.com', { roles: [{ value: 'admin' }] })).expect(201);
    const held = h.sim.users().find((u) => u.username === 'drift.e2e@example.com')!;
    h.sim.consoleEditUser(held.id, { profileId: 'p-readonly' });
    const writes = writesOf(h.sim, 'zuora-rest');
    const res = await c.post(PLAN, { _csrf: csrf, enforceDrift: 'on' });
    expect(res.statusCode).toBe(200);
    expect(compact(res.body)).toMatch(
      /<td>Write<\/td><td>drift<\/td><th scope="row"> ?drift\.e2e@example\.com<br \/>.*<code>upstream\.profile<\/code>: Read Only → Administrator/,
    );
    expect(writesOf(h.sim, 'zuora-rest')).toBe(writes);
    expect(h.sim.users().find((u) => u.id === held.id)?.profileId).toBe('p-readonly');
  });
  it('runs one plan per tenant at a time: a second request while one runs waits for it, no second full read', async () => {
    const reads = () => h.sim.count('GET', '/v1/users');
    const before = reads();
    await c.post(PLAN, { _csrf: csrf });
    const perPlan = reads() - before;
    expect(perPlan).toBeGreaterThan(0);
    // The first page held back, so that the second request arrives while the first plan runs.
    h.sim.faults.failNext(1, { kind: 'latency', ms: 300 }, 'GET /v1/users');
    const during = reads();
    const [a, b] = await Promise.all([c.post(PLAN, { _csrf: csrf }), c.post(PLAN, { _csrf: csrf })]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(reads() - during).toBe(perPlan);
  });
});

describe('zscaler-zia: the preview', () => {
  let h: ZiaBridgeHarness;
  beforeAll(async () => {
    h = await startZscalerZiaHarness({ unlimitedBudgets: true });
  });
  afterAll(async () => h.close());

  it('shows the department sent (else the default) and the ZIA groups, writing nothing; an unknown department is refused', async () => {
    const writes = writesOf(h.sim, 'zscaler-zia');
    expect(await stateOf(h, { groups: 'Sales\nFinance', department: 'Marketing' })).toEqual({ department: 'Marketing', groups: 'Finance, Sales' });
    expect(await stateOf(h, {})).toEqual({ department: 'Engineering', groups: '(none)' });
    await expect(stateOf(h, { department: 'Nowhere' })).rejects.toThrow(/ZIA has no department named "Nowhere"/);
    expect(writesOf(h.sim, 'zscaler-zia')).toBe(writes);
  });
});

describe('zuora-oneid: the preview', () => {
  let h: OneIdHarness;
  beforeAll(async () => {
    h = await startZuoraOneIdHarness();
  });
  afterAll(async () => h.close());

  it('shows the role an admin group or role gives (else USER) and the OneID groups joined, writing nothing', async () => {
    const writes = writesOf(h.sim, 'zuora-oneid');
    expect(await stateOf(h, { groups: 'Administrators\nSupport' })).toMatchObject({ role: 'ADMIN', 'member of (upstream groups)': 'Administrators, Support' });
    expect(await stateOf(h, { roles: 'admin' })).toMatchObject({ role: 'ADMIN' });
    expect(await stateOf(h, { groups: 'Support' })).toMatchObject({ role: 'USER', active: 'yes' });
    expect(writesOf(h.sim, 'zuora-oneid')).toBe(writes);
  });
});
