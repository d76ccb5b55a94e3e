import type { Logger } from 'pino';
import { parseConfig } from '../../src/config/load-config.js';
import { hashToken } from '../../src/core/idp-credentials.js';
import { createZuoraOneIdSimulator, type ZuoraOneIdSimulator, type ZuoraOneIdSimulatorOptions } from '@scim-bridge/simulators/zuora-oneid';
import { harnessOf, TOKEN, type BridgeHarness } from './scim-client.js';

export type OneIdHarness = BridgeHarness<ZuoraOneIdSimulator>;

/** The bridge on an in-memory store against a listening Zuora OneID simulator, as the sandbox runs it. */
export async function startZuoraOneIdHarness(
  options: {
    simulator?: ZuoraOneIdSimulatorOptions;
    upstream?: Record<string, unknown>;
    tenant?: Record<string, unknown>;
    seed?: (sim: ZuoraOneIdSimulator) => void | Promise<void>;
    logger?: Logger;
  } = {},
): Promise<OneIdHarness> {
  const sim = createZuoraOneIdSimulator(options.simulator ?? {});
  const url = await sim.listen(0);
  await options.seed?.(sim);
  const config = parseConfig(
    {
      store: { type: 'sqlite', path: ':memory:' },
      rateLimit: { max: 100_000, timeWindowMs: 60_000 },
      tenants: [
        {
          id: 'default',
          idpTokens: [{ label: 'test-idp', sha256: hashToken(TOKEN) }],
          upstream: {
            type: 'zuora-oneid',
            baseUrl: url,
            clientId: sim.clientId,
            clientSecret: sim.clientSecret,
            organizationId: sim.orgId,
            adminRoles: ['admin'],
            adminGroups: ['Administrators'],
            retry: { maxAttempts: 6, budgetMs: 20_000, baseDelayMs: 5, maxDelayMs: 50 },
            ...options.upstream,
          },
          reconcile: { onStart: true, intervalSeconds: 0 },
          ...options.tenant,
        },
      ],
    },
    {},
  );
  return harnessOf(config, sim, url, options.logger ? { logger: options.logger } : {});
}
