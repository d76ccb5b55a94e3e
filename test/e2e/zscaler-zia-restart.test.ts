import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';
import { hashToken } from '../../src/core/idp-credentials.js';
import { createBridge, type Bridge } from '../../src/runtime.js';
import { createZscalerZiaSimulator, type ZscalerZiaSimulator } from '@scim-bridge/simulators/zscaler-zia';
import { scimClient, TOKEN } from '../support/scim-client.js';
import { user } from '../support/zuora-rest-harness.js';
import { readinessAdminTokens, readyz } from '../support/readiness.js';

let sim: ZscalerZiaSimulator | undefined;
let dir: string | undefined;
const bridges: Bridge[] = [];
afterEach(async () => {
  for (const b of bridges.splice(0)) await b.close().catch(() => undefined);
  await sim?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function bridgeOn(storePath: string, simUrl: string, s: ZscalerZiaSimulator): Promise<Bridge> {
  const config = parseConfig(
    {
      store: { type: 'sqlite', path: storePath },
      adminTokens: readinessAdminTokens,
      tenants: [
        {
          id: 'default',
          idpTokens: [{ label: 'test-idp', sha256: hashToken(TOKEN) }],
          upstream: {
            type: 'zscaler-zia',
            baseUrlOverride: `${simUrl}${s.apiPrefix}`,
            auth: { mode: 'legacy', username: s.username, password: s.password, apiKey: s.apiKey },
            defaultDepartment: 'Engineering',
            deactivation: { mode: 'delete' },
            // Long enough that nothing is activated before the "crash".
            activation: { debounceMs: 60_000, maxDelayMs: 600_000 },
          },
          reconcile: { onStart: false, intervalSeconds: 0 },
        },
      ],
    },
    {},
  );
  const bridge = await createBridge(config, { logger: false });
  bridges.push(bridge);
  await bridge.app.ready();
  return bridge;
}

describe('ZIA: writes accepted before a crash are activated after the restart', () => {
  it('a process killed after writes but before their activation activates them at the next start', async () => {
    sim = createZscalerZiaSimulator({ domains: 'any' });
    const url = await sim.listen(0);
    dir = mkdtempSync(join(tmpdir(), 'scim-bridge-zia-'));
    const storePath = join(dir, 'bridge.db');

    const first = await bridgeOn(storePath, url, sim);
    await scimClient(first).post('/Users', user('crash1@example.com')).expect(201);
    await scimClient(first).post('/Users', user('crash2@example.com')).expect(201);
    expect(sim.activations()).toHaveLength(0);
    expect(sim.status()).toBe('PENDING');
    const ready = await readyz(first.app);
    expect(ready.status).toBe(200);
    expect(ready.body.tenants?.default?.activation).toMatchObject({ pending: true });

    // Killed: no close(), so no flush. The store file is all that survives.
    bridges.splice(0);
    await first.app.close();

    await bridgeOn(storePath, url, sim);
    expect(sim.activations()).toHaveLength(1);
    expect(sim.status()).toBe('ACTIVE');
  });
});
