import { createZuoraRestSimulator, type ZuoraRestSimulator } from '@scim-bridge/simulators/zuora-rest';
import { afterEach, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';
import { hashToken } from '../../src/core/idp-credentials.js';
import { createBridge, type Bridge } from '../../src/runtime.js';
import { readinessAdminTokens, readyz } from '../support/readiness.js';
import { PROFILES, TOKEN } from '../support/zuora-rest-harness.js';

/*
 * Issue 14's health view: each tenant's last reconcile (from the store, the same on every replica) and this replica's
 * next, in `/readyz` for an admin token, which the console's health view shows as it is.
 */

let bridge: Bridge | undefined;
let sim: ZuoraRestSimulator | undefined;
afterEach(async () => {
  await bridge?.close();
  await sim?.close();
  bridge = sim = undefined;
});

async function start(intervalSeconds: number): Promise<{ bridge: Bridge; sim: ZuoraRestSimulator }> {
  sim = createZuoraRestSimulator({ seedProfile: 'live' });
  const url = await sim.listen(0);
  const config = parseConfig(
    {
      store: { type: 'sqlite', path: ':memory:' },
      adminTokens: readinessAdminTokens,
      tenants: [
        {
          id: 'default',
          idpTokens: [{ label: 'test-idp', sha256: hashToken(TOKEN) }],
          upstream: { type: 'zuora-rest', baseUrlOverride: url, clientId: sim.clientId, clientSecret: sim.clientSecret, profiles: PROFILES },
          reconcile: { onStart: true, intervalSeconds },
        },
      ],
    },
    {},
  );
  bridge = await createBridge(config, { logger: false });
  return { bridge, sim };
}

const reconcileOf = async (b: Bridge) => (await readyz(b.app)).body.tenants?.['default']?.['reconcile'];

it('names no last reconcile before the first, then the last one with its counts; no next one when only at start', async () => {
  const { bridge, sim } = await start(0);
  expect(await reconcileOf(bridge)).toEqual({ lastRun: null, nextReconcileAt: null });
  await bridge.reconcileAll();
  const reconcile = (await reconcileOf(bridge)) as { lastRun: Record<string, unknown> };
  expect(reconcile.lastRun).toMatchObject({ seen: sim.users().length, added: sim.users().length, updated: 0, removed: 0, drift: 0, owedFailed: 0 });
  expect(Date.parse(String(reconcile.lastRun['finishedAt']))).toBeGreaterThanOrEqual(Date.parse(String(reconcile.lastRun['startedAt'])));
});

it("names this replica's next scheduled reconcile", async () => {
  const before = Date.now();
  const { bridge } = await start(900);
  const after = Date.now();
  const next = Date.parse(String(((await reconcileOf(bridge)) as { nextReconcileAt: string }).nextReconcileAt));
  expect(next).toBeGreaterThanOrEqual(before + 900_000);
  expect(next).toBeLessThanOrEqual(after + 900_000);
});
