import type { Logger } from 'pino';
import { parseConfig } from '../../src/config/load-config.js';
import { hashToken } from '../../src/core/idp-credentials.js';
import { harnessOf, TOKEN, type BridgeHarness } from './scim-client.js';
import { createZuoraRestSimulator, type ZuoraRestSimulator, type ZuoraRestSimulatorOptions } from '@scim-bridge/simulators/zuora-rest';

export { SCIM, TOKEN } from './scim-client.js';
export { user } from './scim-requests.js';

export type Harness = BridgeHarness<ZuoraRestSimulator>;

export interface HarnessOptions {
  seedUsers?: number;
  simulator?: ZuoraRestSimulatorOptions;
  upstream?: Record<string, unknown>;
  tenant?: Record<string, unknown>;
  server?: Record<string, unknown>;
  rateLimit?: Record<string, unknown>;
  /** Extra IdP credentials for the tenant, besides the default TOKEN. */
  idpTokens?: { label: string; sha256: string }[];
  /** Operator credentials for the admin API (top-level `adminTokens`); none by default, so `/admin` is not exposed. */
  adminTokens?: { label: string; sha256: string }[];
  logger?: Logger;
  /** Do not build the index at start (e.g. when the upstream is meant to refuse the bridge). */
  skipReconcile?: boolean;
}

export const PROFILES = {
  roles: { admin: 'Administrator', billing: 'Billing Clerk' },
  groups: { Administrators: 'Administrator', 'Billing Team': 'Billing Clerk', Auditors: 'Read Only' },
  precedence: ['Administrator', 'Billing Clerk', 'Standard User', 'Read Only'],
  default: 'Standard User',
};

/** The bridge on an in-memory store against a listening Zuora REST simulator, as the sandbox runs it. */
export async function startZuoraRestHarness(options: HarnessOptions = {}): Promise<Harness> {
  const sim = createZuoraRestSimulator(options.simulator ?? {});
  const url = await sim.listen(0);
  if (options.seedUsers) sim.seedUsers(options.seedUsers);
  const config = parseConfig(
    {
      server: options.server ?? {},
      ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
      store: { type: 'sqlite', path: ':memory:' },
      ...(options.adminTokens ? { adminTokens: options.adminTokens } : {}),
      tenants: [
        {
          id: 'default',
          idpTokens: [{ label: 'test-idp', sha256: hashToken(TOKEN) }, ...(options.idpTokens ?? [])],
          upstream: {
            type: 'zuora-rest',
            baseUrlOverride: url,
            clientId: sim.clientId,
            clientSecret: sim.clientSecret,
            profiles: PROFILES,
            retry: { maxAttempts: 8, budgetMs: 20000 },
            ...options.upstream,
          },
          reconcile: { onStart: true, intervalSeconds: 0 },
          ...options.tenant,
        },
      ],
    },
    {},
  );
  return harnessOf(config, sim, url, { ...(options.logger ? { logger: options.logger } : {}), ...(options.skipReconcile ? { skipReconcile: true } : {}) });
}
