import { createGoogleWorkspaceSimulator, DIRECTORY_PREFIX, type GoogleWorkspaceSimulator } from '@scim-bridge/simulators/google-workspace';
import { createZuoraRestSimulator, type ZuoraRestSimulator } from '@scim-bridge/simulators/zuora-rest';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';
import { hashToken } from '../../src/core/idp-credentials.js';
import { createBridge, type Bridge } from '../../src/runtime.js';
import { parseExposition, valueOf } from '../support/exposition.js';
import { readinessAdminTokens, readyz } from '../support/readiness.js';
import { PROFILES, TOKEN } from '../support/zuora-rest-harness.js';

/*
 * Issue 13 "Operations" with the real Google Workspace source against its simulator: each Directory API call is
 * counted by route and status in /metrics, and a page the directory fails shows in /readyz as a failed sync with
 * Google's message, never the service account's key.
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

async function start(seed: { users: number; groups: number }) {
  google = createGoogleWorkspaceSimulator({ seed });
  const googleUrl = await google.listen(0, '127.0.0.1');
  zuora = createZuoraRestSimulator({ seedProfile: 'live' });
  const zuoraUrl = await zuora.listen(0);
  const key = JSON.stringify(google.serviceAccountKey());
  const config = parseConfig(
    {
      store: { type: 'sqlite', path: ':memory:' },
      adminTokens: readinessAdminTokens,
      tenants: [
        {
          id: 'default',
          idpTokens: [{ label: 'test-idp', sha256: hashToken(TOKEN) }],
          upstream: { type: 'zuora-rest', baseUrlOverride: zuoraUrl, clientId: zuora.clientId, clientSecret: zuora.clientSecret, profiles: PROFILES },
          source: { type: 'google-workspace', key, subject: google.adminEmail(), baseUrlOverride: googleUrl, retry: { baseDelayMs: 1, maxDelayMs: 5 } },
          reconcile: { onStart: true, intervalSeconds: 0 },
        },
      ],
    },
    {},
  );
  bridge = await createBridge(config, { logger: false });
  await bridge.reconcileAll();
  return { google, bridge, privateKey: (JSON.parse(key) as { private_key: string }).private_key };
}

const directoryCalls = async (b: Bridge) => {
  const { samples } = parseExposition((await b.app.inject({ method: 'GET', url: '/metrics' })).body);
  return (route: string, status: string) =>
    valueOf(samples, 'scim_bridge_source_requests_total', { tenant: 'default', source: 'google-workspace', method: 'GET', route, status });
};

describe('Google Workspace syncs in /metrics and /readyz', () => {
  it('counts each Directory API call by route and status, as the directory received them', async () => {
    const { google, bridge } = await start({ users: 30, groups: 3 });
    await bridge.syncSources();

    const calls = await directoryCalls(bridge);
    expect(calls(`${DIRECTORY_PREFIX}/users`, '200')).toBe(1);
    expect(calls(`${DIRECTORY_PREFIX}/groups`, '200')).toBe(1);
    expect(calls(`${DIRECTORY_PREFIX}/groups/{groupKey}/members`, '200')).toBe(google.groups().length);
    // No more and no fewer than the Directory API requests the simulator answered (the token exchange is not one).
    expect(google.calls().filter((c) => c.url.startsWith(DIRECTORY_PREFIX))).toHaveLength(1 + 1 + google.groups().length);
    const source = (await readyz(bridge.app)).body.tenants?.['default']?.['source'];
    expect(source).toMatchObject({ name: 'google-workspace', lastSync: { outcome: 'applied', failedWrites: 0 }, lastError: null });
  });

  it('a page the directory fails: the call counted by its status, the sync failed with Google’s message, the bridge ready', async () => {
    const { google, bridge, privateKey } = await start({ users: 1_200, groups: 2 });
    google.failPage(`GET ${DIRECTORY_PREFIX}/users`, 3, 400);
    await expect(bridge.syncSources()).rejects.toThrow();

    const calls = await directoryCalls(bridge);
    expect(calls(`${DIRECTORY_PREFIX}/users`, '200')).toBe(2);
    expect(calls(`${DIRECTORY_PREFIX}/users`, '400')).toBe(1);
    const ready = await readyz(bridge.app);
    expect(ready).toMatchObject({ status: 200, body: { status: 'ready' } });
    const source = ready.body.tenants?.['default']?.['source'] as { lastSync: unknown; lastError: { message: string } };
    expect(source).toMatchObject({
      lastSync: { outcome: 'failed' },
      lastError: { outcome: 'failed', message: expect.stringContaining('The request failed.') },
    });
    expect(ready.text).not.toContain(privateKey.slice(40, 80));
  });
});
