import { afterEach, describe, expect, it } from 'vitest';
import { planTenant } from '../../src/core/reconcile/plan.js';
import type { TenantRuntime } from '../../src/core/tenant.js';
import type { ZuoraOneIdSimulator } from '@scim-bridge/simulators/zuora-oneid';
import { newUpstreamContext } from '../../src/upstreams/call-record.js';
import { group, membership, patchOp } from '../support/scim-requests.js';
import { seedOneId } from '../support/zuora-oneid-seed.js';
import { startZuoraOneIdHarness, type OneIdHarness } from '../support/zuora-oneid-harness.js';

/*
 * A OneID organization that existed before the bridge (issue 10, "Ownership"): its users and groups are adopted
 * (indexed, readable, found by filters) and left exactly as they were until an IdP request targets one of them; a
 * userName reads back exactly as the IdP sent it.
 */

let h: OneIdHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const REBECCA = 'rebecca.lindqvist@example.com';
const SAMUEL = 'samuel.adeyemi@example.com';
const MEI = 'mei.tanaka@example.com';
const ids = { users: {} as Record<string, string>, groups: {} as Record<string, string> };
/** The simulator's records as seeded, before the bridge started. */
let seeded: { users: ReturnType<ZuoraOneIdSimulator['users']>; groups: ReturnType<ZuoraOneIdSimulator['groups']> };

async function seedLive(sim: ZuoraOneIdSimulator): Promise<void> {
  Object.assign(
    ids,
    await seedOneId(
      sim,
      [
        { userName: REBECCA, givenName: 'Rebecca', familyName: 'Lindqvist', displayName: 'Becky L.', role: 'ADMIN', preferredLanguage: 'sv', locale: 'sv-SE' },
        { userName: SAMUEL, givenName: 'Samuel', familyName: 'Adeyemi', role: 'ADMIN', locale: 'en-GB' },
        { userName: MEI, givenName: 'Mei', familyName: 'Tanaka', role: 'USER', preferredLanguage: 'ja', locale: 'ja-JP' },
      ],
      [
        { displayName: 'Tenant Administrators', description: 'Organization admins with every tenant permission', members: [REBECCA, SAMUEL] },
        { displayName: 'Finance Read-Only', description: 'Read-only access to the Finance tenant', members: [MEI] },
        { displayName: 'Contractors 2025', members: [] },
      ],
    ),
  );
  seeded = { users: sim.users(), groups: sim.groups() };
}

/** The upstream ids each write in the simulator's call log targeted (`POST …` creates none). */
const writeTargets = (sim: ZuoraOneIdSimulator): string[] =>
  sim
    .calls()
    .filter((c) => c.method !== 'GET' && c.route.includes(':id'))
    .map((c) => decodeURIComponent(c.url.split('/').pop()?.split('?')[0] ?? ''));
const writes = (sim: ZuoraOneIdSimulator) =>
  sim
    .calls()
    .filter((c) => c.method !== 'GET' && c.route.startsWith('/scim/v2/'))
    .map((c) => `${c.method} ${c.route}`);

describe('a OneID organization adopted by the bridge', () => {
  it('is read, never written, by the start-up and periodic reconciles', async () => {
    h = await startZuoraOneIdHarness({ seed: seedLive });
    await h.bridge.reconcileAll();
    await h.bridge.reconcileAll();
    expect(writes(h.sim)).toEqual([]);
    expect({ users: h.sim.users(), groups: h.sim.groups() }).toEqual(seeded);

    const found = await h.http.get(`/Users?filter=${encodeURIComponent(`userName eq "${REBECCA}"`)}`).expect(200);
    expect(found.body.totalResults).toBe(1);
    expect(found.body.Resources[0]).toMatchObject({
      userName: REBECCA,
      displayName: 'Becky L.',
      locale: 'sv-SE',
      roles: [expect.objectContaining({ value: 'ADMIN' })],
    });
    const groups = await h.http.get('/Groups').expect(200);
    expect(groups.body.Resources.map((g: { displayName: string }) => g.displayName).sort()).toEqual([
      'Contractors 2025',
      'Finance Read-Only',
      'Tenant Administrators',
    ]);
  });

  it('leaves the simulator’s live organization exactly as seeded through start-up, reconciles and a plan', async () => {
    h = await startZuoraOneIdHarness({ simulator: { seedProfile: 'live' } });
    const before = { users: h.sim.users(), groups: h.sim.groups() };
    await h.bridge.reconcileAll();
    const plan = await planTenant(h.bridge.tenants[0] as TenantRuntime, newUpstreamContext('plan'), { enforceDrift: true });
    expect(plan).toMatchObject({ items: [], problems: [] });
    expect(writes(h.sim)).toEqual([]);
    expect({ users: h.sim.users(), groups: h.sim.groups() }).toEqual(before);
    expect((await h.http.get('/Users').expect(200)).body.totalResults).toBe(before.users.length);
  });

  it('plans no change right after adoption', async () => {
    h = await startZuoraOneIdHarness({ seed: seedLive });
    const plan = await planTenant(h.bridge.tenants[0] as TenantRuntime, newUpstreamContext('plan'), { enforceDrift: true });
    expect(plan).toMatchObject({ items: [], problems: [] });
    expect(writes(h.sim)).toEqual([]);
  });

  it('changes an adopted admin only as the IdP asks: her role, locale, groups and the other users stay', async () => {
    h = await startZuoraOneIdHarness({ seed: seedLive });
    const rebeccaId = (await h.http.get(`/Users?filter=${encodeURIComponent(`userName eq "${REBECCA}"`)}`).expect(200)).body.Resources[0].id as string;
    const meiId = (await h.http.get(`/Users?filter=${encodeURIComponent(`userName eq "${MEI}"`)}`).expect(200)).body.Resources[0].id as string;
    h.sim.resetCalls();

    // Okta's first contact: a PUT of the profile it knows, without roles, locale or language. Nothing OneID holds changes.
    await h.http
      .put(`/Users/${rebeccaId}`, {
        schemas: [USER_SCHEMA],
        userName: REBECCA,
        name: { givenName: 'Rebecca', familyName: 'Lindqvist' },
        displayName: 'Becky L.',
        emails: [{ value: REBECCA, primary: true }],
        active: true,
      })
      .expect(200);
    // Only the bridge keeps a title.
    await h.http.patch(`/Users/${meiId}`, patchOp({ op: 'replace', path: 'title', value: 'Controller' })).expect(204);
    expect(writes(h.sim)).toEqual([]);

    await h.http.patch(`/Users/${rebeccaId}`, patchOp({ op: 'replace', path: 'displayName', value: 'Rebecca L.' })).expect(204);
    expect(writes(h.sim)).toEqual(['PUT /scim/v2/Users/:id']);
    const rebecca = seeded.users.find((u) => u.userName === REBECCA);
    expect(h.sim.getUser(ids.users[REBECCA] as string)).toEqual({ ...rebecca, displayName: 'Rebecca L.', lastModified: expect.any(String) });

    // A new user the IdP puts in the configured admin group becomes ADMIN; no group the IdP did not name is written.
    const zed = await h.http.post('/Users', { schemas: [USER_SCHEMA], userName: 'zed@example.com', emails: [{ value: 'zed@example.com' }] }).expect(201);
    const admins = await h.http.post('/Groups', group('Administrators', [zed.body.id])).expect(201);
    await h.http.patch(`/Groups/${admins.body.id}`, patchOp(membership.oktaAdd([{ id: meiId, userName: MEI }]))).expect(204);
    expect(h.sim.users().find((u) => u.userName === 'zed@example.com')?.roles).toEqual(['ADMIN']);
    expect(h.sim.getUser(ids.users[MEI] as string)?.roles).toEqual(['ADMIN']);
    await h.bridge.reconcileAll();

    const allowed = new Set([ids.users[REBECCA], ids.users[MEI], admins.body.id, h.sim.users().find((u) => u.userName === 'zed@example.com')?.id]);
    expect(writeTargets(h.sim).filter((id) => !allowed.has(id))).toEqual([]);
    expect(h.sim.groups().filter((g) => g.id !== admins.body.id)).toEqual(seeded.groups);
    for (const untouched of [SAMUEL]) expect(h.sim.users().find((u) => u.userName === untouched)).toEqual(seeded.users.find((u) => u.userName === untouched));
  });
});

describe('a user changed in OneID’s console after the bridge wrote it (drift)', () => {
  async function drifted(drift: 'report' | 'enforce') {
    h = await startZuoraOneIdHarness({ tenant: { drift } });
    const created = await h.http
      .post('/Users', {
        schemas: [USER_SCHEMA],
        userName: 'ines@example.com',
        name: { givenName: 'Ines', familyName: 'Costa' },
        emails: [{ value: 'ines@example.com' }],
      })
      .expect(201);
    const upstreamId = h.sim.users()[0]?.id as string;
    h.sim.consoleEditUser(upstreamId, { roles: ['ADMIN'], locale: 'pt-PT' });
    h.sim.resetCalls();
    await h.bridge.reconcileAll();
    return { id: created.body.id as string, upstreamId };
  }

  it('is reported and left as the console made it under `drift: report`', async () => {
    const { upstreamId } = await drifted('report');
    expect(writes(h?.sim as ZuoraOneIdSimulator)).toEqual([]);
    expect(h?.sim.getUser(upstreamId)).toMatchObject({ roles: ['ADMIN'], locale: 'pt-PT' });
  });

  it('shows in a plan, which writes nothing', async () => {
    const { upstreamId } = await drifted('report');
    const plan = await planTenant(h?.bridge.tenants[0] as TenantRuntime, newUpstreamContext('plan'), { enforceDrift: true });
    expect(plan.items).toHaveLength(1);
    expect(JSON.stringify(plan.items[0])).toMatch(/pt-PT/);
    expect(writes(h?.sim as ZuoraOneIdSimulator)).toEqual([]);
    expect(h?.sim.getUser(upstreamId)).toMatchObject({ roles: ['ADMIN'], locale: 'pt-PT' });
  });

  it('is written back with exactly one PUT under `drift: enforce`', async () => {
    const { upstreamId } = await drifted('enforce');
    expect(writes(h?.sim as ZuoraOneIdSimulator)).toEqual(['PUT /scim/v2/Users/:id']);
    expect(h?.sim.getUser(upstreamId)).toMatchObject({ roles: ['USER'], locale: 'en-US', name: { givenName: 'Ines', familyName: 'Costa' } });
    await h?.bridge.reconcileAll();
    expect(writes(h?.sim as ZuoraOneIdSimulator)).toEqual(['PUT /scim/v2/Users/:id']);
  });
});

describe('userName round trip', () => {
  it.each(['carol', 'Carol.Smith@Example.COM', 'DOMAIN\\carol'])(
    '%s reads back as sent, is found by filter, and a second create is a 409',
    async (userName) => {
      h = await startZuoraOneIdHarness();
      const body = { schemas: [USER_SCHEMA], userName, emails: [{ value: 'carol@example.com', type: 'work', primary: true }] };
      const created = await h.http.post('/Users', body).expect(201);
      expect(created.body.userName).toBe(userName);
      expect((await h.http.get(`/Users/${created.body.id}`).expect(200)).body.userName).toBe(userName);
      const filter = `userName eq "${userName.replace(/\\/g, '\\\\')}"`;
      const found = await h.http.get(`/Users?filter=${encodeURIComponent(filter)}`).expect(200);
      expect(found.body.Resources.map((u: { id: string; userName: string }) => [u.id, u.userName])).toEqual([[created.body.id, userName]]);
      const again = await h.http.post('/Users', body).expect(409);
      expect(again.body.scimType).toBe('uniqueness');
      expect(h.sim.users().map((u) => u.userName)).toEqual([userName]);
    },
  );
});
