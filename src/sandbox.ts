import type { Logger } from 'pino';
import { parseConfig } from './config/load-config.js';
import { generateToken, hashToken } from './core/idp-credentials.js';
import { createBridge, type Bridge } from './runtime.js';
import { startSandboxUpstream, type SandboxUpstream } from './sandbox-upstreams.js';
import type { RunningSimulator, SeedProfile } from './upstreams/upstream-descriptor.js';

export interface SandboxOptions {
  upstream: SandboxUpstream;
  host: string;
  port: number;
  /** The IdP bearer token to accept; a random one when absent. */
  token: string | undefined;
  seedUsers: number;
  /** How the simulator's tenant starts: `plain` (default) or `live` (as a customer's, before the bridge). */
  seedProfile?: SeedProfile;
  logger: Logger | false;
  /** SQLite path; in memory by default, so every sandbox starts from a clean tenant. */
  storePath?: string;
}

export interface Sandbox {
  /** SCIM base URL to give an IdP, e.g. `http://127.0.0.1:8080/scim/v2`. */
  scimUrl: string;
  token: string;
  /** The upstream simulator's own base URL and its control surface (`/__sim`: state, call log, faults, console edits). */
  simulatorUrl: string;
  controlUrl: string;
  bridge: Bridge;
  simulator: RunningSimulator;
  close(): Promise<void>;
}

/**
 * The bridge against an in-process upstream simulator: no credentials, no set-up, a fake tenant an admin can point
 * a real IdP at. Bound to the given host (127.0.0.1 by default).
 */
export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const { simulator, baseUrl, controlUrl, upstreamConfig } = await startSandboxUpstream(options.upstream, {
    seedUsers: options.seedUsers,
    ...(options.seedProfile === undefined ? {} : { seedProfile: options.seedProfile }),
  });
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
          upstream: upstreamConfig,
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
    simulatorUrl: baseUrl,
    controlUrl,
    bridge,
    simulator,
    async close() {
      await bridge.close();
      await simulator.close();
    },
  };
}
