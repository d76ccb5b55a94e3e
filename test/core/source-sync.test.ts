import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';
import { hashToken } from '../../src/core/idp-credentials.js';
import { createBridge, type Bridge } from '../../src/runtime.js';
import { createZuoraRestSimulator, type ZuoraRestSimulator } from '@scim-bridge/simulators/zuora-rest';
import type { SourceUser } from '../../src/sources/identity-source.js';
import { fakeDirectory, type FakeDirectory } from '../support/fakes/fake-source.js';
import { TEST_REGISTRY } from '../support/test-registry.js';
import { scimClient } from '../support/scim-client.js';
import { PROFILES, TOKEN } from '../support/zuora-rest-harness.js';

/*
 * Issue 12: an identity source reads a directory and drives the provisioning core. Proved with the test-only fake
 * directory, registered like a real source, over a Zuora REST simulator seeded like a live tenant: the sync writes
 * only the people the source manages, only what changed, and never deactivates on an empty read.
 */

let bridge: Bridge | undefined;
let sim: ZuoraRestSimulator | undefined;
afterEach(async () => {
  await bridge?.close();
  await sim?.close();
  bridge = sim = undefined;
});

const person = (sourceId: string, login: string, given = 'Given', family = 'Family'): SourceUser => ({
  sourceId,
  user: {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName: login,
    name: { givenName: given, familyName: family },
    emails: [{ value: login, type: 'work', primary: true }],
    active: true,
  },
});

let directoryCount = 0;
async function start(
  source: Record<string, unknown> = {},
  tenant: Record<string, unknown> = {},
): Promise<{ bridge: Bridge; sim: ZuoraRestSimulator; directory: FakeDirectory }> {
  sim = createZuoraRestSimulator({ seedProfile: 'live' });
  const url = await sim.listen(0);
  const name = `sync-${++directoryCount}`;
  const config = parseConfig(
    {
      store: { type: 'sqlite', path: ':memory:' },
      tenants: [
        {
          id: 'default',
          idpTokens: [{ label: 'test-idp', sha256: hashToken(TOKEN) }],
          upstream: { type: 'zuora-rest', baseUrlOverride: url, clientId: sim.clientId, clientSecret: sim.clientSecret, profiles: PROFILES },
          source: { type: 'fake-directory', directory: name, ...source },
          reconcile: { onStart: true, intervalSeconds: 0 },
          ...tenant,
        },
      ],
    },
    {},
    undefined,
    TEST_REGISTRY,
  );
  bridge = await createBridge(config, { logger: false, registry: TEST_REGISTRY });
  await bridge.reconcileAll();
  await bridge.app.ready();
  return { bridge, sim, directory: fakeDirectory(name) };
}

const upstreamUser = (s: ZuoraRestSimulator, login: string) => s.users().find((u) => u.username.toLowerCase() === login.toLowerCase());
const tenantWrites = (s: ZuoraRestSimulator) => s.writes().filter((w) => !w.route.startsWith('/oauth'));

describe('provisioning from an identity source (the fake directory)', () => {
  it('creates the people the directory lists, each managed by its source id, audited as the source', async () => {
    const { bridge, sim, directory } = await start();
    const before = sim.users().length;
    directory.users = [
      person('101', 'ada@example.com', 'Ada', 'Lovelace'),
      person('102', 'alan@example.com', 'Alan', 'Turing'),
      person('103', 'grace@example.com'),
    ];

    const report = (await bridge.syncSources()).get('default');
    expect(report).toMatchObject({ applied: true, created: 3, updated: 0, removed: 0, failed: [] });
    expect(report?.plan).toMatchObject({ inScope: 3, unchanged: 0 });
    expect(sim.users()).toHaveLength(before + 3);
    expect(upstreamUser(sim, 'ada@example.com')).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', status: 'Active' });
    const indexed = await bridge.store.users.findByExternalId('default', 'fake-directory:101');
    expect(indexed.map((u) => u.userName)).toEqual(['ada@example.com']);
    const audit = await bridge.store.audit.query({ tenant: 'default', limit: 100 });
    expect(audit.filter((e) => e.operation === 'createUser').map((e) => [e.actor, e.status])).toEqual([
      ['fake-directory', 201],
      ['fake-directory', 201],
      ['fake-directory', 201],
    ]);
  });

  it('a sync with nothing changed writes nothing upstream', async () => {
    const { bridge, sim, directory } = await start();
    directory.users = [person('201', 'one@example.com'), person('202', 'two@example.com')];
    await bridge.syncSources();
    sim.resetCalls();
    const report = (await bridge.syncSources()).get('default');
    expect(report).toMatchObject({ created: 0, updated: 0, plan: { unchanged: 2 } });
    expect(tenantWrites(sim)).toEqual([]);
  });

  it('a change in the directory is one write of that user, and only of what changed', async () => {
    const { bridge, sim, directory } = await start();
    directory.users = [person('301', 'kim@example.com', 'Kim', 'Old'), person('302', 'lee@example.com')];
    await bridge.syncSources();
    const lee = upstreamUser(sim, 'lee@example.com');
    sim.resetCalls();
    directory.users = [person('301', 'kim@example.com', 'Kim', 'New'), person('302', 'lee@example.com')];

    expect((await bridge.syncSources()).get('default')).toMatchObject({ updated: 1, plan: { unchanged: 1 } });
    const kim = upstreamUser(sim, 'kim@example.com');
    expect(kim).toMatchObject({ lastName: 'New' });
    expect(tenantWrites(sim).flatMap((w) => w.objectIds)).toEqual([kim?.id]);
    expect(upstreamUser(sim, 'lee@example.com')).toEqual(lee);
  });

  it('a person gone from the directory is deactivated, never deleted; people it never managed are not touched', async () => {
    const { bridge, sim, directory } = await start();
    const seeded = sim.users().map((u) => ({ ...u }));
    directory.users = [person('401', 'stay@example.com'), person('402', 'leave@example.com')];
    await bridge.syncSources();
    directory.users = [person('401', 'stay@example.com')];

    expect((await bridge.syncSources({ allowMassRemoval: true })).get('default')).toMatchObject({ removed: 1, plan: { unchanged: 1 } });
    expect(upstreamUser(sim, 'leave@example.com')).toMatchObject({ status: 'Inactive' });
    for (const u of seeded) expect(sim.users().find((x) => x.id === u.id)).toEqual(u);
  });

  it('takes on a person the tenant already had under the same login, rewriting only what differs', async () => {
    const { bridge, sim, directory } = await start();
    const existing = sim.users().find((u) => u.status === 'Active');
    if (!existing) throw new Error('the live seed has active users');
    directory.users = [person('501', existing.username, existing.firstName, existing.lastName)];
    directory.users[0]!.user.emails = [{ value: existing.email, type: 'work', primary: true }];
    const count = sim.users().length;
    sim.resetCalls();

    const report = (await bridge.syncSources()).get('default');
    expect(report).toMatchObject({ created: 0, plan: { adoptions: [expect.objectContaining({ sourceId: '501', userName: existing.username })] }, failed: [] });
    expect(sim.users()).toHaveLength(count);
    expect((await bridge.store.users.findByExternalId('default', 'fake-directory:501')).map((u) => u.upstreamId)).toEqual([existing.id]);
    // Nothing it holds differs from the directory: taking it on writes nothing upstream.
    expect(tenantWrites(sim)).toEqual([]);
  });

  it('never takes over a person an IdP manages: reported as a conflict, not written', async () => {
    const { bridge, sim, directory } = await start();
    const idp = scimClient(bridge);
    await idp.post('/Users', { ...person('x', 'pushed@example.com').user, externalId: 'okta-00u1' }).expect(201);
    directory.users = [person('502', 'pushed@example.com', 'Other', 'Name')];
    sim.resetCalls();

    const report = (await bridge.syncSources()).get('default');
    expect(report?.failed).toEqual([expect.objectContaining({ sourceId: '502', name: 'pushed@example.com', status: 409 })]);
    expect(tenantWrites(sim)).toEqual([]);
  });

  it('groups in the directory become SCIM groups with their members, so the mapping derives profiles from them', async () => {
    const { bridge, sim, directory } = await start();
    directory.users = [person('701', 'admin1@example.com'), person('702', 'clerk@example.com')];
    directory.groups = [{ sourceId: 'g1', displayName: 'Administrators', memberSourceIds: ['701'] }];
    await bridge.syncSources();
    // PROFILES maps the group Administrators to the Administrator profile.
    const profiles = Object.fromEntries(sim.profiles().map((p) => [p.id, p.name]));
    expect(profiles[upstreamUser(sim, 'admin1@example.com')?.profileId ?? '']).toBe('Administrator');
    expect(profiles[upstreamUser(sim, 'clerk@example.com')?.profileId ?? '']).toBe('Standard User');

    // A group new to the directory whose members the bridge already holds (unchanged) has them from its creation.
    directory.groups = [
      { sourceId: 'g1', displayName: 'Administrators', memberSourceIds: ['701'] },
      { sourceId: 'g2', displayName: 'Billing Team', memberSourceIds: ['702'] },
    ];
    expect((await bridge.syncSources()).get('default')).toMatchObject({ groupsWritten: 1, failed: [] });
    expect(profiles[upstreamUser(sim, 'clerk@example.com')?.profileId ?? '']).toBe('Billing Clerk');

    // A membership change is one write of the user whose profile it moves.
    directory.groups = [{ sourceId: 'g1', displayName: 'Administrators', memberSourceIds: ['702'] }];
    sim.resetCalls();
    await bridge.syncSources();
    expect(profiles[upstreamUser(sim, 'clerk@example.com')?.profileId ?? '']).toBe('Administrator');
    expect(profiles[upstreamUser(sim, 'admin1@example.com')?.profileId ?? '']).toBe('Standard User');
    const clerk = upstreamUser(sim, 'clerk@example.com')?.id;
    const admin = upstreamUser(sim, 'admin1@example.com')?.id;
    expect(
      tenantWrites(sim)
        .flatMap((w) => w.objectIds)
        .sort(),
    ).toEqual([clerk, admin].sort());
  });

  it("plans against what it last applied: an admin's edit stays until the directory changes it, and a failed write is made again", async () => {
    const { bridge, sim, directory } = await start();
    directory.users = [person('951', 'ed@example.com', 'Ed', 'Old')];
    await bridge.syncSources();
    const [ed] = await bridge.store.users.findByExternalId('default', 'fake-directory:951');
    await scimClient(bridge)
      .patch(`/Users/${ed?.id}`, {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'replace', path: 'name.familyName', value: 'ByAdmin' }],
      })
      .expect(204);
    sim.resetCalls();

    // The directory still says what it said: nothing to write, and the admin's edit stands.
    expect((await bridge.syncSources()).get('default')).toMatchObject({ updated: 0, plan: { updates: [], unchanged: 1 } });
    expect(tenantWrites(sim)).toEqual([]);
    expect(upstreamUser(sim, 'ed@example.com')).toMatchObject({ lastName: 'ByAdmin' });

    // The directory changes the name. The upstream refuses the first write: the next sync makes it, then nothing more.
    directory.users = [person('951', 'ed@example.com', 'Ed', 'New')];
    sim.faults.failNext(1, { kind: 'respond', status: 400, body: { success: false, reasons: [{ code: 50000040, message: 'refused' }] } }, 'PUT /v1/users/:id');
    expect((await bridge.syncSources()).get('default')?.failed).toEqual([expect.objectContaining({ kind: 'user', sourceId: '951' })]);
    expect(upstreamUser(sim, 'ed@example.com')).toMatchObject({ lastName: 'ByAdmin' });
    expect((await bridge.syncSources()).get('default')).toMatchObject({ updated: 1, failed: [] });
    expect(upstreamUser(sim, 'ed@example.com')).toMatchObject({ lastName: 'New' });
    sim.resetCalls();
    expect((await bridge.syncSources()).get('default')).toMatchObject({ updated: 0 });
    expect(tenantWrites(sim)).toEqual([]);
  });

  it('a group deleted in the directory is deleted in the bridge, and the profile it gave is derived again', async () => {
    const { bridge, sim, directory } = await start();
    directory.users = [person('961', 'boss@example.com')];
    directory.groups = [
      { sourceId: 'g1', displayName: 'Administrators', memberSourceIds: ['961'] },
      { sourceId: 'g2', displayName: 'Billing Team', memberSourceIds: [] },
    ];
    await bridge.syncSources();
    const profiles = Object.fromEntries(sim.profiles().map((p) => [p.id, p.name]));
    expect(profiles[upstreamUser(sim, 'boss@example.com')?.profileId ?? '']).toBe('Administrator');

    directory.groups = [{ sourceId: 'g2', displayName: 'Billing Team', memberSourceIds: [] }];
    expect((await bridge.syncSources()).get('default')).toMatchObject({ groupsRemoved: 1, failed: [] });
    expect((await scimClient(bridge).get('/Groups?filter=displayName eq "Administrators"').expect(200)).body.totalResults).toBe(0);
    expect(profiles[upstreamUser(sim, 'boss@example.com')?.profileId ?? '']).toBe('Standard User');

    // A group the tenant had before the directory named it is let go, not deleted: its members from the directory leave.
    const idp = scimClient(bridge);
    const before = (await idp.post('/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Auditors', members: [] }).expect(201))
      .body;
    directory.groups = [
      { sourceId: 'g2', displayName: 'Billing Team', memberSourceIds: [] },
      { sourceId: 'g3', displayName: 'Auditors', memberSourceIds: ['961'] },
    ];
    await bridge.syncSources();
    expect(profiles[upstreamUser(sim, 'boss@example.com')?.profileId ?? '']).toBe('Read Only');
    directory.groups = [{ sourceId: 'g2', displayName: 'Billing Team', memberSourceIds: [] }];
    expect((await bridge.syncSources()).get('default')).toMatchObject({ groupsRemoved: 0, groupsWritten: 1, failed: [] });
    const kept = (await idp.get(`/Groups/${before.id}`).expect(200)).body;
    expect(kept.externalId).toBeUndefined();
    expect(kept.members ?? []).toEqual([]);
    expect(profiles[upstreamUser(sim, 'boss@example.com')?.profileId ?? '']).toBe('Standard User');

    // A directory that lists no groups while the bridge holds some from it is an outage until the operator says not.
    directory.groups = [];
    expect((await bridge.syncSources()).get('default')?.refused).toMatch(/listed no groups while the bridge holds 1 from it/);
    expect((await scimClient(bridge).get('/Groups?filter=displayName eq "Billing Team"').expect(200)).body.totalResults).toBe(1);
  });

  it('a tenant fed by its source alone needs no IdP token, and then no token opens its SCIM endpoint', async () => {
    const { bridge, sim, directory } = await start({}, { idpTokens: [] });
    directory.users = [person('971', 'only-source@example.com')];
    expect((await bridge.syncSources()).get('default')).toMatchObject({ created: 1, failed: [] });
    expect(upstreamUser(sim, 'only-source@example.com')).toMatchObject({ status: 'Active' });
    await scimClient(bridge).get('/Users').expect(401);
  });

  it('a removal over the caps applies nothing until the operator confirms it; a dry run writes nothing', async () => {
    const { bridge, sim, directory } = await start({ caps: { maxPercent: 20, maxCount: 100 } });
    directory.users = Array.from({ length: 10 }, (_, i) => person(`8${i}`, `p${i}@example.com`));
    await bridge.syncSources();
    directory.users = directory.users.slice(0, 7);
    sim.resetCalls();

    const dry = (await bridge.syncSources({ dryRun: true })).get('default');
    expect(dry?.applied).toBe(false);
    // The index lists users created in one millisecond in id order, so the plan's order is not the directory's.
    expect(dry?.plan.removals.map((r) => r.sourceId).sort()).toEqual(['87', '88', '89']);
    const refused = (await bridge.syncSources()).get('default');
    expect(refused?.refused).toMatch(/would deactivate 3 of 10 users the source manages \(30\.0%; caps: 20% and 100\): nothing was applied/);
    expect(tenantWrites(sim)).toEqual([]);

    const confirmed = (await bridge.syncSources({ allowMassRemoval: true })).get('default');
    expect(confirmed).toMatchObject({ applied: true, removed: 3 });
    expect(['p7@example.com', 'p8@example.com', 'p9@example.com'].map((l) => upstreamUser(sim, l)?.status)).toEqual(['Inactive', 'Inactive', 'Inactive']);
  });

  it('an empty or unreadable directory deactivates no one, and says so', async () => {
    const { bridge, sim, directory } = await start();
    directory.users = [person('601', 'kept@example.com')];
    await bridge.syncSources();
    sim.resetCalls();

    directory.users = [];
    const empty = (await bridge.syncSources({ allowMassRemoval: true })).get('default');
    expect(empty?.refused).toMatch(/listed no users while the bridge holds 1 from it: nobody was deactivated/);
    directory.users = [person('601', 'kept@example.com', 'Renamed')];
    directory.unreachable = true;
    await expect(bridge.syncSources()).rejects.toMatchObject({ kind: 'unavailable' });
    directory.unreachable = false;
    directory.users = [...Array.from({ length: 6 }, (_, i) => person(`61${i}`, `new${i}@example.com`)), person('601', 'kept@example.com', 'Renamed')];
    directory.failAtPage = 3;
    await expect(bridge.syncSources()).rejects.toMatchObject({ kind: 'rateLimited' });
    expect(tenantWrites(sim)).toEqual([]);
    expect(upstreamUser(sim, 'kept@example.com')).toMatchObject({ status: 'Active', firstName: 'Given' });
  });

  it('serve syncs on its own every intervalSeconds, without an operator', async () => {
    const { sim, directory } = await start({ intervalSeconds: 1 });
    directory.users = [person('901', 'scheduled@example.com')];
    // Waits for the schedule (one second), with room for a loaded machine; nothing asks for the sync.
    await vi.waitFor(() => expect(upstreamUser(sim, 'scheduled@example.com')).toMatchObject({ status: 'Active' }), { timeout: 10_000, interval: 100 });
  });

  it('the bridge as it ships registers the real sources only, and refuses the test-only one', () => {
    const raw = {
      tenants: [
        {
          id: 'default',
          idpTokens: [{ label: 'x', sha256: hashToken(TOKEN) }],
          upstream: { type: 'zuora-rest', baseUrlOverride: 'https://zuora.example.com', clientId: 'c', clientSecret: 's'.repeat(16), profiles: PROFILES },
          source: { type: 'fake-directory', directory: 'x' },
        },
      ],
    };
    expect(() => parseConfig(raw, {})).toThrow(/tenants\[0\]\.source\.type: .*'google-workspace'/s);
    expect(parseConfig(raw, {}, undefined, TEST_REGISTRY).tenants[0]?.source).toMatchObject({ type: 'fake-directory', directory: 'x' });
  });
});
