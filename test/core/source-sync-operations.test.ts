import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createZuoraRestSimulator, type ZuoraRestSimulator } from '@scim-bridge/simulators/zuora-rest';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';
import { hashToken } from '../../src/core/idp-credentials.js';
import { createBridge, type Bridge } from '../../src/runtime.js';
import type { SourceUser } from '../../src/sources/identity-source.js';
import { loadDocument, objectAt } from '../openapi/openapi-document.js';
import { parseExposition, valueOf } from '../support/exposition.js';
import { fakeDirectory } from '../support/fakes/fake-source.js';
import { readinessAdminTokens, readyz } from '../support/readiness.js';
import { scimClient } from '../support/scim-client.js';
import { TEST_REGISTRY } from '../support/test-registry.js';
import { PROFILES, TOKEN } from '../support/zuora-rest-harness.js';

/*
 * Issue 13 "Operations": what an operator sees of a tenant's identity source. Real syncs from the fake directory
 * (registered like Google Workspace) into a Zuora REST simulator; `/metrics` and `/readyz` are read as a scraper and
 * an admin read them. A sync that fails or is refused is reported, and never makes the bridge unready.
 */

const bridges: Bridge[] = [];
let sim: ZuoraRestSimulator | undefined;
let simUrl = '';
let dir: string | undefined;
afterEach(async () => {
  for (const b of bridges.splice(0)) await b.close();
  await sim?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  sim = dir = undefined;
});

const person = (sourceId: string, login: string, given = 'Given'): SourceUser => ({
  sourceId,
  user: {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName: login,
    name: { givenName: given, familyName: 'Family' },
    emails: [{ value: login, type: 'work', primary: true }],
    active: true,
  },
});

let directoryCount = 0;
async function start(source: Record<string, unknown> = {}, storePath = ':memory:') {
  if (!sim) {
    sim = createZuoraRestSimulator({ seedProfile: 'live' });
    simUrl = await sim.listen(0);
  }
  const url = simUrl;
  const name = (source.directory as string | undefined) ?? `operations-${process.pid}-${++directoryCount}`;
  const config = parseConfig(
    {
      store: { type: 'sqlite', path: storePath },
      adminTokens: readinessAdminTokens,
      tenants: [
        {
          id: 'default',
          idpTokens: [{ label: 'test-idp', sha256: hashToken(TOKEN) }],
          upstream: { type: 'zuora-rest', baseUrlOverride: url, clientId: sim.clientId, clientSecret: sim.clientSecret, profiles: PROFILES },
          source: { type: 'fake-directory', directory: name, ...source },
          reconcile: { onStart: true, intervalSeconds: 0 },
        },
      ],
    },
    {},
    undefined,
    TEST_REGISTRY,
  );
  const bridge = await createBridge(config, { logger: false, registry: TEST_REGISTRY });
  bridges.push(bridge);
  await bridge.reconcileAll();
  await bridge.app.ready();
  return { bridge, directory: fakeDirectory(name), name };
}

async function scrape(bridge: Bridge) {
  const res = await bridge.app.inject({ method: 'GET', url: '/metrics' });
  expect(res.statusCode).toBe(200);
  const { samples } = parseExposition(res.body);
  const at = { tenant: 'default', source: 'fake-directory' };
  return {
    text: res.body,
    runs: (outcome: string) => valueOf(samples, 'scim_bridge_source_syncs_total', { ...at, outcome }),
    changes: (resource: string, change: string) => valueOf(samples, 'scim_bridge_source_changes_total', { ...at, resource, change }),
    failures: (reason: string) => valueOf(samples, 'scim_bridge_source_sync_failures_total', { ...at, reason }),
    gauge: (name: string) => valueOf(samples, `scim_bridge_source_${name}`, at),
  };
}

/** The tenant's `source` in `/readyz` as an admin reads it; the bridge stays ready whatever the source did. */
async function sourceReadiness(bridge: Bridge) {
  const ready = await readyz(bridge.app);
  expect(ready.status).toBe(200);
  expect(ready.body.status).toBe('ready');
  return ready.body.tenants?.['default']?.['source'] as Record<string, unknown> & { lastSync: Record<string, unknown> | null };
}

describe("an identity source's syncs in /metrics and /readyz", () => {
  it('before the first sync: none reported, the lag counts from start, the next scheduled sync is named', async () => {
    const onDemand = await start();
    expect(await sourceReadiness(onDemand.bridge)).toEqual({
      name: 'fake-directory',
      lastSync: null,
      lastSuccessAt: null,
      lastError: null,
      nextSyncAt: null,
    });
    const m = await scrape(onDemand.bridge);
    expect(m.gauge('sync_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(m.gauge('last_success_timestamp_seconds')).toBeUndefined();
    expect(m.gauge('last_sync_duration_seconds')).toBeUndefined();
    expect(m.runs('applied')).toBeUndefined();

    const before = Date.now();
    const scheduled = await start({ intervalSeconds: 3600 });
    const next = Date.parse(String((await sourceReadiness(scheduled.bridge)).nextSyncAt));
    // The first tick of this replica's hour-long schedule, set while the bridge was made.
    expect(next).toBeGreaterThanOrEqual(before + 3600_000);
    expect(next).toBeLessThanOrEqual(Date.now() + 3600_000);
  });

  it('a sync that applies: its counts and time, no error', async () => {
    const { bridge, directory } = await start();
    directory.users = [person('1', 'ada@example.com'), person('2', 'alan@example.com'), person('3', 'grace@example.com')];
    directory.groups = [
      { sourceId: 'g1', displayName: 'Engineering', memberSourceIds: ['1', '2'] },
      { sourceId: 'g2', displayName: 'Finance', memberSourceIds: ['3'] },
    ];
    const before = Date.now();
    await bridge.syncSources();

    const m = await scrape(bridge);
    expect(m.runs('applied')).toBe(1);
    expect(m.changes('user', 'created')).toBe(3);
    expect(m.changes('group', 'written')).toBe(2);
    expect(m.changes('user', 'removed')).toBeUndefined();
    expect(m.failures('error')).toBeUndefined();
    expect(m.gauge('last_success_timestamp_seconds')).toBeGreaterThanOrEqual(Math.floor(before / 1000));
    expect(m.gauge('sync_lag_seconds')).toBeLessThan(60);
    expect(m.gauge('last_sync_duration_seconds')).toBeGreaterThan(0);

    const source = await sourceReadiness(bridge);
    expect(source).toMatchObject({
      name: 'fake-directory',
      lastSync: { source: 'fake-directory', outcome: 'applied', created: 3, updated: 0, removed: 0, groupsWritten: 2, groupsRemoved: 0, failedWrites: 0 },
      lastError: null,
      nextSyncAt: null,
    });
    expect(source.lastSuccessAt).toBe(source.lastSync?.finishedAt);
    expect(Date.parse(String(source.lastSync?.finishedAt))).toBeGreaterThanOrEqual(before);

    // Later runs add to the counters: a person's change is one update, a group gone from the directory one removal.
    directory.users = [person('1', 'ada@example.com', 'Augusta'), ...directory.users.slice(1)];
    directory.groups = directory.groups.slice(0, 1);
    await bridge.syncSources();
    const again = await scrape(bridge);
    expect(again.runs('applied')).toBe(2);
    expect(again.changes('user', 'updated')).toBe(1);
    expect(again.changes('user', 'created')).toBe(3);
    expect(again.changes('group', 'removed')).toBe(1);
    expect((await sourceReadiness(bridge)).lastSync).toMatchObject({ outcome: 'applied', created: 0, updated: 1, groupsRemoved: 1 });
  });

  it('a sync over the removal caps: refused, counted as such, its reason shown; the last success stays', async () => {
    const { bridge, directory } = await start({ caps: { maxPercent: 20, maxCount: 100 } });
    directory.users = Array.from({ length: 10 }, (_, i) => person(`8${i}`, `p${i}@example.com`));
    await bridge.syncSources();
    const success = (await sourceReadiness(bridge)).lastSuccessAt;
    directory.users = directory.users.slice(0, 7);
    await bridge.syncSources();

    const m = await scrape(bridge);
    expect(m.runs('refused')).toBe(1);
    expect(m.failures('refused')).toBe(1);
    expect(m.changes('user', 'removed')).toBeUndefined();
    expect(m.gauge('last_success_timestamp_seconds')).toBe(Date.parse(String(success)) / 1000);

    const source = await sourceReadiness(bridge);
    expect(source.lastSync).toMatchObject({ outcome: 'refused', removed: 0, created: 0 });
    expect(source.lastSuccessAt).toBe(success);
    expect(source.lastError).toEqual({
      at: source.lastSync?.finishedAt,
      outcome: 'refused',
      message: expect.stringMatching(/would deactivate 3 of 10 users the source manages/),
    });

    // A dry run is counted, but changes nothing and so leaves the last sync and the last error as they were.
    await bridge.syncSources({ dryRun: true });
    const dry = await sourceReadiness(bridge);
    expect(dry.lastSync).toEqual(source.lastSync);
    expect(dry.lastError).toEqual(source.lastError);
    expect((await scrape(bridge)).runs('dry_run')).toBe(1);
  });

  it('a directory that cannot be read: failed, the error message shown, the bridge still ready', async () => {
    const { bridge, directory } = await start();
    directory.users = [person('601', 'kept@example.com')];
    await bridge.syncSources();
    directory.unreachable = true;
    await expect(bridge.syncSources()).rejects.toMatchObject({ kind: 'unavailable' });

    const m = await scrape(bridge);
    expect(m.runs('failed')).toBe(1);
    expect(m.failures('error')).toBe(1);
    expect(m.runs('applied')).toBe(1);

    const source = await sourceReadiness(bridge);
    expect(source.lastSync).toMatchObject({ outcome: 'failed', created: 0, updated: 0, removed: 0 });
    expect(source.lastError).toEqual({ at: source.lastSync?.finishedAt, outcome: 'failed', message: 'the fake directory is unreachable' });
    expect(source.lastSuccessAt).not.toBeNull();

    // A page that fails part-way is the same: nothing applied, the directory's message.
    directory.unreachable = false;
    directory.users = Array.from({ length: 6 }, (_, i) => person(`61${i}`, `new${i}@example.com`));
    directory.failAtPage = 2;
    await expect(bridge.syncSources()).rejects.toMatchObject({ kind: 'rateLimited' });
    expect((await sourceReadiness(bridge)).lastError).toMatchObject({ outcome: 'failed', message: 'page 2: quota exceeded' });
    expect((await scrape(bridge)).failures('error')).toBe(2);
  });

  it('writes that fail: each counted, the run applied, the first one named in the last error', async () => {
    const { bridge, directory } = await start();
    await scimClient(bridge)
      .post('/Users', { ...person('x', 'pushed@example.com').user, externalId: 'okta-00u1' })
      .expect(201);
    directory.users = [person('502', 'pushed@example.com', 'Other'), person('503', 'fresh@example.com')];
    await bridge.syncSources();

    const m = await scrape(bridge);
    expect(m.runs('applied')).toBe(1);
    expect(m.failures('write')).toBe(1);
    expect(m.changes('user', 'created')).toBe(1);
    const source = await sourceReadiness(bridge);
    expect(source.lastSync).toMatchObject({ outcome: 'applied', created: 1, failedWrites: 1 });
    expect(source.lastError).toMatchObject({ outcome: 'applied', message: expect.stringMatching(/^1 write failed; first: pushed@example\.com \(HTTP 409\)/) });
    // Every member is one the OpenAPI document names (and requires): the answer is the documented one.
    const schemas = objectAt(objectAt(loadDocument(), 'components'), 'schemas');
    const members = (name: string) => (objectAt(schemas, name).required as string[]).sort();
    expect(Object.keys(source).sort()).toEqual(members('SourceReadiness'));
    expect(Object.keys(source.lastSync ?? {}).sort()).toEqual(members('SourceSyncStatus'));
    expect(Object.keys(source.lastError as object).sort()).toEqual(members('SourceSyncError'));
  });

  it('every replica sharing the store shows the last sync, whichever ran it', async () => {
    dir = mkdtempSync(join(tmpdir(), 'scim-bridge-operations-'));
    const path = join(dir, 'store.db');
    const a = await start({}, path);
    const b = await start({ directory: a.name }, path);
    a.directory.users = [person('701', 'shared@example.com')];
    await a.bridge.syncSources();

    const seenByB = await sourceReadiness(b.bridge);
    expect(seenByB).toMatchObject({ lastSync: { outcome: 'applied', created: 1 }, lastError: null });
    expect(seenByB).toEqual(await sourceReadiness(a.bridge));
    // The gauges read the store too; the counters are each process's own.
    const m = await scrape(b.bridge);
    expect(m.gauge('last_success_timestamp_seconds')).toBe(Date.parse(String(seenByB.lastSuccessAt)) / 1000);
    expect(m.runs('applied')).toBeUndefined();
  });
});
