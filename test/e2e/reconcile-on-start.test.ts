import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';
import { hashToken } from '../../src/core/idp-credentials.js';
import { createBridge, type Bridge } from '../../src/runtime.js';
import { createZuoraRestSimulator, type ZuoraRestSimulator } from '@scim-bridge/simulators/zuora-rest';
import { PROFILES } from '../support/zuora-rest-harness.js';

let bridge: Bridge;
const sims: ZuoraRestSimulator[] = [];

beforeAll(async () => {
  const upstreams: Record<string, unknown>[] = [];
  for (let i = 0; i < 2; i++) {
    const sim = createZuoraRestSimulator();
    sims.push(sim);
    const url = await sim.listen(0);
    sim.seedUsers(3);
    upstreams.push({ type: 'zuora-rest', baseUrlOverride: url, clientId: sim.clientId, clientSecret: sim.clientSecret, profiles: PROFILES });
  }
  const config = parseConfig(
    {
      store: { type: 'sqlite', path: ':memory:' },
      tenants: (['eager', 'lazy'] as const).map((id, i) => ({
        id,
        idpTokens: [{ label: id, sha256: hashToken(`token-for-${id}-0123456789`) }],
        upstream: upstreams[i],
        reconcile: { onStart: id === 'eager', intervalSeconds: 0 },
      })),
    },
    {},
  );
  bridge = await createBridge(config, { logger: false });
});
afterAll(async () => {
  await bridge.close();
  for (const s of sims) await s.close();
});

describe('reconcile.onStart', () => {
  it('the start-up reconcile (serve) rebuilds only the tenants configured to: a big index can start without a scan', async () => {
    await bridge.reconcileOnStart();
    expect(await bridge.store.users.countLive('eager')).toBeGreaterThanOrEqual(3);
    expect(await bridge.store.users.countLive('lazy')).toBe(0);
    expect(sims[1]?.count('GET', '/v1/users')).toBe(0);
  });
});
