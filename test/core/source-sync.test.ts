import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';
import { hashToken } from '../../src/core/idp-credentials.js';
import { createBridge, type Bridge } from '../../src/runtime.js';
import { createZuoraRestSimulator, type ZuoraRestSimulator } from '@scim-bridge/simulators/zuora-rest';
import type { SourceUser } from '../../src/sources/identity-source.js';
import { fakeDirectory, type FakeDirectory } from '../support/fakes/fake-source.js';
import { TEST_REGISTRY } from '../support/test-registry.js';
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
async function start(): Promise<{ bridge: Bridge; sim: ZuoraRestSimulator; directory: FakeDirectory }> {
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
          source: { type: 'fake-directory', directory: name },
          reconcile: { onStart: true, intervalSeconds: 0 },
        },
      ],
    },
    {},
    undefined,
    TEST_REGISTRY,
  );
  bridge = await createBridge(config, { logger: false, registry: TEST_REGISTRY });
  await bridge.reconcileAll();
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
    expect(report).toMatchObject({ read: 3, created: 3, updated: 0, deactivated: 0, unchanged: 0, failed: [] });
    expect(sim.users()).toHaveLength(before + 3);
    expect(upstreamUser(sim, 'ada@example.com')).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', status: 'Active' });
    const indexed = await bridge.store.users.findByExternalId('default', 'fake-directory:101');
    expect(indexed.map((u) => u.userName)).toEqual(['ada@example.com']);
    const audit = await bridge.store.audit.query({ tenant: 'default', limit: 100 });
    expect(audit.filter((e) => e.operation === 'createUser').map((e) => [e.actor, e.status])).toEqual([
      ['source:fake-directory', 201],
      ['source:fake-directory', 201],
      ['source:fake-directory', 201],
    ]);
  });

  it('a sync with nothing changed writes nothing upstream', async () => {
    const { bridge, sim, directory } = await start();
    directory.users = [person('201', 'one@example.com'), person('202', 'two@example.com')];
    await bridge.syncSources();
    sim.resetCalls();
    const report = (await bridge.syncSources()).get('default');
    expect(report).toMatchObject({ read: 2, created: 0, updated: 0, unchanged: 2 });
    expect(tenantWrites(sim)).toEqual([]);
  });

  it('a change in the directory is one write of that user, and only of what changed', async () => {
    const { bridge, sim, directory } = await start();
    directory.users = [person('301', 'kim@example.com', 'Kim', 'Old'), person('302', 'lee@example.com')];
    await bridge.syncSources();
    const lee = upstreamUser(sim, 'lee@example.com');
    sim.resetCalls();
    directory.users = [person('301', 'kim@example.com', 'Kim', 'New'), person('302', 'lee@example.com')];

    expect((await bridge.syncSources()).get('default')).toMatchObject({ updated: 1, unchanged: 1 });
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

    expect((await bridge.syncSources()).get('default')).toMatchObject({ deactivated: 1, unchanged: 1 });
    expect(upstreamUser(sim, 'leave@example.com')).toMatchObject({ status: 'Inactive' });
    for (const u of seeded) expect(sim.users().find((x) => x.id === u.id)).toEqual(u);
  });

  it('never takes over a person the tenant already had under the same login: the create is refused and reported', async () => {
    const { bridge, sim, directory } = await start();
    const existing = sim.users()[0];
    if (!existing) throw new Error('the live seed has users');
    directory.users = [person('501', existing.username)];
    sim.resetCalls();

    const report = (await bridge.syncSources()).get('default');
    expect(report?.created).toBe(0);
    expect(report?.failed).toEqual([expect.objectContaining({ sourceId: '501', userName: existing.username, status: 409 })]);
    expect(tenantWrites(sim)).toEqual([]);
    expect(sim.users().find((u) => u.id === existing.id)).toEqual(existing);
  });

  it('an empty or unreadable directory deactivates no one, and says so', async () => {
    const { bridge, sim, directory } = await start();
    directory.users = [person('601', 'kept@example.com')];
    await bridge.syncSources();
    sim.resetCalls();

    directory.users = [];
    await expect(bridge.syncSources()).rejects.toThrow(/listed no users while the bridge holds 1 from it: nobody was deactivated/);
    directory.users = [person('601', 'kept@example.com')];
    directory.unreachable = true;
    await expect(bridge.syncSources()).rejects.toMatchObject({ kind: 'unavailable' });
    expect(tenantWrites(sim)).toEqual([]);
    expect(upstreamUser(sim, 'kept@example.com')).toMatchObject({ status: 'Active' });
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
