import { afterEach, describe, expect, it } from 'vitest';
import type { ZiaUserRecord } from '@scim-bridge/simulators/zscaler-zia';
import { startZscalerZiaHarness, type ZiaBridgeHarness } from '../support/zscaler-zia-harness.js';

let h: ZiaBridgeHarness | undefined;
afterEach(async () => h?.close());

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** A tenant as it was before the bridge: users in an administrator's groups and in `Disabled Users`, with comments. */
async function liveTenant({ sim, asAdmin }: Pick<ZiaBridgeHarness, 'sim' | 'asAdmin'>): Promise<void> {
  const contractors = sim.addGroup('Contractors');
  const group = (name: string) => ({ id: sim.groups().find((g) => g.name === name)?.id });
  const department = (name: string) => ({ id: sim.departments().find((d) => d.name === name)?.id });
  const seed = [
    {
      name: 'Alice Admin',
      email: 'alice@example.com',
      department: department('Finance'),
      groups: [group('Sales'), { id: contractors.id }],
      comments: 'contractor until June',
      tempAuthEmail: 'alice@temp.example.com',
    },
    {
      name: 'Bob Leaver',
      email: 'bob@example.com',
      department: department('Sales'),
      groups: [group('Disabled Users')],
      comments: 'disabled by HR',
      adminUser: true,
    },
    { name: 'Cy Auditor', email: 'cy@example.com', department: department('Marketing'), groups: [], type: 'AUDITOR' },
  ];
  for (const user of seed) await asAdmin('POST', '/users', { ...user, password: 'Seeded-Passw0rd!' });
  await asAdmin('POST', '/status/activate');
}

const writes = (sim: ZiaBridgeHarness['sim']) => sim.calls().filter((c) => c.method !== 'GET' && c.route.includes('/users'));
const byEmail = (users: ZiaUserRecord[]) => new Map(users.map((u) => [u.email, u]));

describe('ZIA: a tenant with users is adopted, not rewritten (issue 10)', () => {
  it('start-up and reconciles write nothing; an IdP write changes only what it asked', { timeout: 60_000 }, async () => {
    let seeded = new Map<string, ZiaUserRecord>();
    h = await startZscalerZiaHarness({
      seed: async (s) => {
        await liveTenant(s);
        seeded = byEmail(s.sim.users());
        s.sim.resetCalls();
      },
    });
    await h.bridge.reconcileAll();
    await h.bridge.reconcileAll();
    expect(writes(h.sim)).toEqual([]);
    expect(byEmail(h.sim.users())).toEqual(seeded);

    // The IdP finds the adopted user by userName and reads it as ZIA holds it.
    const found = await h.http.get(`/Users?filter=${encodeURIComponent('userName eq "alice@example.com"')}`).expect(200);
    expect(found.body.Resources).toHaveLength(1);
    const alice = found.body.Resources[0] as { id: string; displayName: string; active: boolean };
    expect(alice).toMatchObject({ displayName: 'Alice Admin', active: true });

    // An attribute ZIA does not hold: no write. An Okta-style PUT of the user as read: no write.
    await h.http
      .patch(`/Users/${alice.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: 'CFO' }] })
      .expect((r) => expect(r.status).toBeLessThan(300));
    const { id: _id, meta: _meta, ...asRead } = (await h.http.get(`/Users/${alice.id}`).expect(200)).body as Record<string, unknown>;
    await h.http.put(`/Users/${alice.id}`, asRead).expect(200);
    expect(writes(h.sim)).toEqual([]);

    // A name change: one PUT, and everything else ZIA held of Alice stays.
    await h.http
      .patch(`/Users/${alice.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'displayName', value: 'Alice A. Admin' }] })
      .expect((r) => expect(r.status).toBeLessThan(300));
    expect(writes(h.sim).map((c) => c.method)).toEqual(['PUT']);
    const after = byEmail(h.sim.users());
    expect(after.get('alice@example.com')).toEqual({ ...seeded.get('alice@example.com'), name: 'Alice A. Admin' });
    expect(after.get('bob@example.com')).toEqual(seeded.get('bob@example.com'));
    expect(after.get('cy@example.com')).toEqual(seeded.get('cy@example.com'));

    // A group the IdP creates with Alice in it: ZIA's Sales, which she is already in; her other groups stay.
    await h.http
      .post('/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Sales', members: [{ value: alice.id }] })
      .expect(201);
    expect(
      h.sim
        .getUser(after.get('alice@example.com')?.id ?? 0)
        ?.groups.map((g) => g.name)
        .sort(),
    ).toEqual(['Contractors', 'Sales']);
    expect(byEmail(h.sim.users()).get('bob@example.com')).toEqual(seeded.get('bob@example.com'));
  });
});
