import type { Logger } from 'pino';
import { parseConfig } from './config/load-config.js';
import { generateToken, hashToken } from './core/idp-credentials.js';
import { consolePaths } from './http/admin-console/paths.js';
import { upstreamDescriptor, type UpstreamConfig } from './registry.js';
import { createBridge, type Bridge } from './runtime.js';
import type { SourceSyncReport } from './core/source-sync/sync.js';
import { startSandboxSource } from './sandbox-sources.js';
import { startSandboxUpstream, type SandboxUpstream } from './sandbox-upstreams.js';
import type { SandboxSourceInstance, SourceSimulatorOptions } from './sources/source-descriptor.js';
import type { RunningSimulator, SeedProfile } from './upstreams/upstream-descriptor.js';

export interface SandboxOptions {
  upstream: SandboxUpstream;
  host: string;
  port: number;
  /** The IdP bearer token to accept; a random one when absent. */
  token: string | undefined;
  /** The admin console's token (an operator's, never an IdP's); a random one when absent. */
  adminToken?: string;
  seedUsers: number;
  /** How the simulator's tenant starts: `plain` (default) or `live` (as a customer's, before the bridge). */
  seedProfile?: SeedProfile;
  logger: Logger | false;
  /** SQLite path; in memory by default, so every sandbox starts from a clean tenant. */
  storePath?: string;
  /** An identity source's simulated directory to provision from (issue 13), synced once right after start. */
  source?: { type: string } & SourceSimulatorOptions;
}

/** The sandbox's simulated directory, where it listens, and what its first sync did. */
export interface SandboxSource {
  type: string;
  url: string;
  controlUrl: string;
  simulator: RunningSimulator;
  firstSync: SourceSyncReport;
}

export interface Sandbox {
  /** SCIM base URL to give an IdP, e.g. `http://127.0.0.1:8080/scim/v2`. */
  scimUrl: string;
  token: string;
  /** The admin console (`/admin/console`), and its page of the sandbox tenant's audit log. */
  consoleUrl: string;
  auditUrl: string;
  adminToken: string;
  /** The tenant's upstream block as parsed (defaults filled in), and its mapping one rule a line (src/sandbox-mapping.ts). */
  upstreamConfig: UpstreamConfig;
  mapping: string[];
  /** The upstream simulator's own base URL and its control surface (`/__sim`: state, call log, faults, console edits). */
  simulatorUrl: string;
  controlUrl: string;
  bridge: Bridge;
  simulator: RunningSimulator;
  source?: SandboxSource;
  close(): Promise<void>;
}

/**
 * The bridge against an in-process upstream simulator: no credentials, no set-up, a fake tenant an admin can point
 * a real IdP at. Bound to the given host (127.0.0.1 by default). With `source`, a simulated directory feeds it instead,
 * synced once before the sandbox answers.
 */
export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const { simulator, baseUrl, controlUrl, upstreamConfig } = await startSandboxUpstream(options.upstream, {
    seedUsers: options.seedUsers,
    ...(options.seedProfile === undefined ? {} : { seedProfile: options.seedProfile }),
  });
  let directory: SandboxSourceInstance | undefined;
  let bridge: Bridge | undefined;
  const close = async () => {
    await bridge?.close();
    await directory?.simulator.close();
    await simulator.close();
  };
  try {
    if (options.source) {
      const { type, ...seed } = options.source;
      directory = await startSandboxSource(type, seed);
    }
    const token = options.token ?? generateToken();
    const adminToken = options.adminToken ?? generateToken();
    const config = parseConfig(
      {
        server: { host: options.host, port: options.port },
        store: { type: 'sqlite', path: options.storePath ?? ':memory:' },
        logLevel: 'info',
        // Only the hash, as an operator's configuration holds it: the console is on, and the sandbox prints the token.
        adminTokens: [{ label: 'sandbox-admin', sha256: hashToken(adminToken) }],
        tenants: [
          {
            id: 'default',
            idpTokens: [{ label: 'sandbox', sha256: hashToken(token) }],
            upstream: upstreamConfig,
            ...(directory ? { source: directory.sourceConfig } : {}),
            reconcile: { onStart: true, intervalSeconds: 300 },
          },
        ],
      },
      {},
    );
    bridge = await createBridge(config, { logger: options.logger });
    await bridge.reconcileAll();
    // One sync right away, so the upstream simulator holds the directory's people when the sandbox says it is ready.
    let source: SandboxSource | undefined;
    if (directory && options.source) {
      const firstSync = (await bridge.syncSources({ tenant: 'default' })).get('default');
      if (!firstSync) throw new Error('the sandbox tenant has no source to sync');
      source = { type: options.source.type, url: directory.baseUrl, controlUrl: directory.controlUrl, simulator: directory.simulator, firstSync };
    }
    const address = await bridge.app.listen({ host: options.host, port: options.port });
    const [tenant] = config.tenants;
    if (!tenant) throw new Error('the sandbox configuration has no tenant');
    return {
      scimUrl: `${address}/scim/v2`,
      token,
      consoleUrl: `${address}${consolePaths.home}`,
      auditUrl: `${address}${consolePaths.tenant(tenant.id)}`,
      adminToken,
      upstreamConfig: tenant.upstream,
      mapping: upstreamDescriptor(tenant.upstream.type).describeMapping?.(tenant.upstream, simulator.state()) ?? [],
      simulatorUrl: baseUrl,
      controlUrl,
      bridge,
      simulator,
      ...(source ? { source } : {}),
      close,
    };
  } catch (error) {
    // Nothing of a sandbox that could not start stays listening.
    await close().catch(() => undefined);
    throw error;
  }
}
