import type { Logger } from 'pino';
import { parseConfig } from '../../src/config/load-config.js';
import type { BridgeConfig } from '../../src/config/config-schema.js';
import { hashToken } from '../../src/core/idp-credentials.js';
import { fakeTenant, freshTenantName, type FakeTenant } from './fakes/fake-upstream.js';
import { harnessOf, TOKEN, type BridgeHarness } from './scim-client.js';
import { TEST_REGISTRY } from './test-registry.js';

export { TOKEN } from './scim-client.js';

/** The bridge over a fake tenant: `sim` is the tenant (users, groups, calls, failures, console edits). */
export type FakeHarness = BridgeHarness<FakeTenant>;

export interface FakeHarnessOptions {
  /** Pre-existing users in the fake tenant before the bridge starts (FakeTenant.seedUsers). */
  seedUsers?: number;
  /** Keys of the `upstream` block besides `type` and `tenant` (deleteMode, nativeGroups, pageSize, maxAttempts). */
  upstream?: Record<string, unknown>;
  tenant?: Record<string, unknown>;
  server?: Record<string, unknown>;
  /** The store block; an in-memory SQLite store by default. */
  store?: Record<string, unknown>;
  /** Operator credentials for the admin API (top-level `adminTokens`); none by default, so `/admin` is not exposed. */
  adminTokens?: { label: string; sha256: string }[];
  logger?: Logger;
  /** Do not build the index at start. */
  skipReconcile?: boolean;
}

/**
 * The configuration of a bridge over fake tenants, parsed as `serve` parses a file but against the test registry:
 * one bridge tenant per entry, each writing to its own in-memory fake tenant.
 */
export function fakeBridgeConfig(
  tenants: { id: string; fakeTenant: string; idpToken: string; upstream?: Record<string, unknown>; tenant?: Record<string, unknown> }[],
  top: Record<string, unknown> = {},
): BridgeConfig {
  return parseConfig(
    {
      store: { type: 'sqlite', path: ':memory:' },
      ...top,
      tenants: tenants.map((t) => ({
        id: t.id,
        idpTokens: [{ label: `${t.id === 'default' ? 'test' : t.id}-idp`, sha256: hashToken(t.idpToken) }],
        upstream: { type: 'fake', tenant: t.fakeTenant, ...t.upstream },
        reconcile: { onStart: true, intervalSeconds: 0 },
        ...t.tenant,
      })),
    },
    {},
    undefined,
    TEST_REGISTRY,
  );
}

/** The bridge on an in-memory store over a fresh fake tenant, through the same registry, configuration and runtime as `serve`. */
export async function startFakeHarness(options: FakeHarnessOptions = {}): Promise<FakeHarness> {
  const name = freshTenantName();
  const tenant = fakeTenant(name);
  if (options.seedUsers) tenant.seedUsers(options.seedUsers);
  const config = fakeBridgeConfig(
    [
      {
        id: 'default',
        fakeTenant: name,
        idpToken: TOKEN,
        ...(options.upstream ? { upstream: options.upstream } : {}),
        ...(options.tenant ? { tenant: options.tenant } : {}),
      },
    ],
    {
      server: options.server ?? {},
      ...(options.store ? { store: options.store } : {}),
      ...(options.adminTokens ? { adminTokens: options.adminTokens } : {}),
    },
  );
  return harnessOf(config, tenant, '', {
    registry: TEST_REGISTRY,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.skipReconcile ? { skipReconcile: true } : {}),
  });
}
