import { ConfigError } from './config-error.js';
import { configSchema, type BridgeConfig } from './config-schema.js';
import { readConfigDocument } from './load-config.js';
import { resolveSecretReferences, type Environment, type ReadSecretFile } from './secret-references.js';

/** What a command that only reads the store needs of a configuration. */
export interface StoreOnlyConfig {
  store: BridgeConfig['store'];
  /** The ids of the configured tenants, in file order (not otherwise validated). */
  tenantIds: string[];
}

/**
 * The `store` section of a configuration file and its tenants' ids, for commands that read the store and talk to no
 * upstream (`scim-bridge audit`). Only the store section's secret references are resolved and validated, so the
 * command runs where the upstreams' secrets are not in the environment (an operator's shell, a support container);
 * the rest of the file is not validated here, `serve` and `doctor` do that.
 */
export function loadStoreConfigFile(path: string, env: Environment, readFile?: ReadSecretFile): StoreOnlyConfig {
  const raw = readConfigDocument(path);
  const document = isObject(raw) ? raw : {};
  const resolved = resolveSecretReferences({ store: document.store }, env, readFile) as { store: unknown };
  const store = configSchema.shape.store.safeParse(resolved.store);
  if (!store.success) {
    const lines = store.error.issues.map((i) => `  ${['store', ...i.path.map(String)].join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const tenants = Array.isArray(document.tenants) ? document.tenants : [];
  const tenantIds = tenants.flatMap((t) => (isObject(t) && typeof t.id === 'string' ? [t.id] : []));
  return { store: store.data, tenantIds };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
