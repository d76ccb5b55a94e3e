import { createGoogleWorkspaceSimulator, DIRECTORY_PREFIX, type GoogleWorkspaceSimulator } from '@scim-bridge/simulators/google-workspace';
import { createZuoraRestSimulator, type ZuoraRestSimulator } from '@scim-bridge/simulators/zuora-rest';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';
import { hashToken } from '../../src/core/idp-credentials.js';
import { createBridge, type Bridge } from '../../src/runtime.js';
import { PROFILES, TOKEN } from '../support/zuora-rest-harness.js';

/*
 * Issue 13: a Google Workspace directory (its simulator, checking the service account's signed assertions) provisions
 * a Zuora REST tenant through the bridge as it ships (no test registry): the real source, the real sync, the real
 * adapter. One create per person, nothing on an unchanged second sync, one write per change, and nothing applied
 * when a page of the directory fails.
 */

let google: GoogleWorkspaceSimulator | undefined;
let zuora: ZuoraRestSimulator | undefined;
let bridge: Bridge | undefined;
afterEach(async () => {
  await bridge?.close();
  await google?.close();
  await zuora?.close();
  bridge = google = zuora = undefined;
});

async function start(seed: { users: number; groups: number }, source: Record<string, unknown> = { maxDeactivationPercent: 100 }) {
  google = createGoogleWorkspaceSimulator({ seed });
  const googleUrl = await google.listen(0, '127.0.0.1');
  zuora = createZuoraRestSimulator({ seedProfile: 'live' });
  const zuoraUrl = await zuora.listen(0);
  const config = parseConfig(
    {
      store: { type: 'sqlite', path: ':memory:' },
      tenants: [
        {
          id: 'default',
          idpTokens: [{ label: 'test-idp', sha256: hashToken(TOKEN) }],
          upstream: { type: 'zuora-rest', baseUrlOverride: zuoraUrl, clientId: zuora.clientId, clientSecret: zuora.clientSecret, profiles: PROFILES },
          source: {
            type: 'google-workspace',
            key: JSON.stringify(google.serviceAccountKey()),
            subject: google.adminEmail(),
            baseUrlOverride: googleUrl,
            retry: { baseDelayMs: 1, maxDelayMs: 5 },
            ...source,
          },
          reconcile: { onStart: true, intervalSeconds: 0 },
        },
      ],
    },
    {},
  );
  bridge = await createBridge(config, { logger: false });
  await bridge.reconcileAll();
  return { google, zuora, bridge };
}

const tenantWrites = (z: ZuoraRestSimulator) => z.writes().filter((w) => !w.route.startsWith('/oauth'));
const creates = (z: ZuoraRestSimulator) => tenantWrites(z).filter((w) => w.method === 'POST').length;
const byLogin = (z: ZuoraRestSimulator, login: string) => z.users().find((u) => u.username.toLowerCase() === login.toLowerCase());

describe('Google Workspace into Zuora REST', () => {
  it('one create per person, then nothing on an unchanged sync, then one write per change', async () => {
    const { google, zuora, bridge } = await start({ users: 60, groups: 4 });
    const people = google.users().filter((u) => !u.deletionTime);
    zuora.resetCalls();

    const first = (await bridge.syncSources()).get('default');
    expect(first?.failed).toEqual([]);
    expect(first?.created).toBe(people.length);
    expect(creates(zuora)).toBe(people.length);
    const suspended = people.filter((u) => u.suspended || u.archived);
    for (const u of suspended) expect(byLogin(zuora, u.primaryEmail)?.status).toBe('Inactive');

    zuora.resetCalls();
    const googleCalls = google.calls().length;
    const second = (await bridge.syncSources()).get('default');
    expect(second).toMatchObject({ created: 0, updated: 0, removed: 0, failed: [] });
    expect(tenantWrites(zuora)).toEqual([]);
    // Directory API calls: one users page, one groups page, one members page per group (token cached).
    expect(google.calls().length - googleCalls).toBe(1 + 1 + google.groups().length);

    const someone = people.find((u) => !u.suspended && !u.archived && !u.isAdmin);
    if (!someone) throw new Error('the seed has ordinary active people');
    google.suspendUser(someone.primaryEmail);
    zuora.resetCalls();
    expect((await bridge.syncSources()).get('default')).toMatchObject({ updated: 1, failed: [] });
    expect(tenantWrites(zuora).flatMap((w) => w.objectIds)).toEqual([byLogin(zuora, someone.primaryEmail)?.id]);
    expect(byLogin(zuora, someone.primaryEmail)?.status).toBe('Inactive');

    const audit = await bridge.store.audit.query({ tenant: 'default', limit: 1000 });
    expect(audit.filter((e) => e.actor === 'google-workspace' && e.operation === 'patchUser').map((e) => e.resourceName)).toEqual([someone.primaryEmail]);
  });

  it('30% of the people gone: the default cap (10%) stops the sync with nothing written; a dry run lists them; the operator confirms', async () => {
    const { google, zuora, bridge } = await start({ users: 40, groups: 2 }, {});
    await bridge.syncSources();
    const managed = (await bridge.store.users.pageLive('default', { limit: 1000 })).filter((u) => u.externalId?.startsWith('google-workspace:'));
    // Active people (a suspended one is inactive already), not the admin the bridge reads as (its delegation would go).
    const gone = google
      .users()
      .filter((u) => u.primaryEmail !== google?.adminEmail() && !u.suspended && !u.archived)
      .slice(0, Math.round(managed.length * 0.3));
    for (const u of gone) google.deleteUser(u.primaryEmail);
    zuora.resetCalls();

    const dry = (await bridge.syncSources({ dryRun: true })).get('default');
    expect(dry?.plan.removals.map((r) => r.userName.toLowerCase()).sort()).toEqual(gone.map((u) => u.primaryEmail.toLowerCase()).sort());
    const refused = (await bridge.syncSources()).get('default');
    expect(refused).toMatchObject({ applied: false, removed: 0 });
    expect(refused?.refused).toContain(`would deactivate ${gone.length} of ${managed.length} users`);
    expect(refused?.refused).toContain('caps: 10% and 100');
    expect(tenantWrites(zuora)).toEqual([]);

    const confirmed = (await bridge.syncSources({ allowMassRemoval: true })).get('default');
    expect(confirmed).toMatchObject({ applied: true, removed: gone.length, failed: [] });
    for (const u of gone) expect(byLogin(zuora, u.primaryEmail)?.status).toBe('Inactive');
  });

  it('a directory page that fails applies nothing', async () => {
    const { google, zuora, bridge } = await start({ users: 1_200, groups: 2 });
    zuora.resetCalls();
    google.failPage(`GET ${DIRECTORY_PREFIX}/users`, 3, 400);
    await expect(bridge.syncSources()).rejects.toThrow();
    expect(tenantWrites(zuora)).toEqual([]);
  });
});
