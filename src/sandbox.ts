import type { Logger } from 'pino';
import { parseConfig } from './config/load-config.js';
import { generateToken, hashToken } from './core/idp-credentials.js';
import { createBridge, type Bridge } from './runtime.js';
import { createZuoraRestSimulator, type ZuoraRestSimulator } from './simulators/zuora-rest/index.js';

export interface SandboxOptions {
  upstream: 'zuora-rest';
  host: string;
  port: number;
  /** The IdP bearer token to accept; a random one when absent. */
  token: string | undefined;
  seedUsers: number;
  logger: Logger | false;
  /** SQLite path; in memory by default, so every sandbox starts from a clean tenant. */
  storePath?: string;
}

export interface Sandbox {
  /** SCIM base URL to give an IdP, e.g. `http://127.0.0.1:8080/scim/v2`. */
  scimUrl: string;
  token: string;
  bridge: Bridge;
  simulator: ZuoraRestSimulator;
  close(): Promise<void>;
}

/** The sandbox tenant's profile mapping: the simulator's default profiles, roles and groups named after them. */
const SANDBOX_PROFILES = {
  roles: { admin: 'Administrator', billing: 'Billing Clerk', readonly: 'Read Only' },
  groups: { Administrators: 'Administrator', 'Billing Team': 'Billing Clerk', Auditors: 'Read Only' },
  precedence: ['Administrator', 'Billing Clerk', 'Standard User', 'Read Only'],
  default: 'Standard User',
};

/**
 * The bridge against an in-process upstream simulator: no credentials, no set-up, a fake tenant an admin can point
 * a real IdP at. Bound to the given host (127.0.0.1 by default).
 */
export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const simulator = createZuoraRestSimulator();
  const upstreamUrl = await simulator.listen(0, '127.0.0.1');
  simulator.seedUsers(options.seedUsers);
  const token = options.token ?? generateToken();
  const config = parseConfig(
    {
      server: { host: options.host, port: options.port },
      store: { type: 'sqlite', path: options.storePath ?? ':memory:' },
      logLevel: 'info',
      tenants: [
        {
          id: 'default',
          idpTokens: [{ label: 'sandbox', sha256: hashToken(token) }],
          upstream: {
            type: 'zuora-rest',
            baseUrlOverride: upstreamUrl,
            clientId: simulator.clientId,
            clientSecret: simulator.clientSecret,
            profiles: SANDBOX_PROFILES,
          },
          reconcile: { onStart: true, intervalSeconds: 300 },
        },
      ],
    },
    {},
  );
  const bridge = await createBridge(config, { logger: options.logger });
  await bridge.reconcileAll();
  const address = await bridge.app.listen({ host: options.host, port: options.port });
  const scimUrl = `${address}/scim/v2`;
  return {
    scimUrl,
    token,
    bridge,
    simulator,
    async close() {
      await bridge.close();
      await simulator.close();
    },
  };
}
