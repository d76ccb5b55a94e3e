import type { FaultSettings } from '../faults.js';
import type { DirectorySeed } from './seed.js';
import { READONLY_DIRECTORY_SCOPES } from './service-account.js';

export interface GoogleWorkspaceSimulatorOptions {
  /** The Workspace customer id; default `C0abc123`. */
  customerId?: string;
  /** The primary domain; default `example.com`. */
  domain?: string;
  /** The Cloud project of the service account; default `scim-bridge-sim`. */
  projectId?: string;
  /** Scopes domain-wide delegation authorises the service account for; default the four read-only directory scopes. */
  grantedScopes?: readonly string[];
  /** Seed the directory at start (as `seedDirectory`); default empty. */
  seed?: DirectorySeed;
  /** Access-token lifetime in seconds; Google's is 3600 (answered as `expires_in: 3599`). */
  tokenTtlSeconds?: number;
  /** Clock in epoch milliseconds, for assertions, tokens and page tokens; default `Date.now`. */
  now?: () => number;
  /** Base URL in the key file's `token_uri` and the assertion's expected `aud`; default the URL `listen` resolves to. */
  publicBaseUrl?: string;
  /** Initial probabilistic fault settings. */
  faults?: FaultSettings;
  /** Serve the `/__sim/` control surface; default true. */
  controlSurface?: boolean;
  logger?: boolean;
}

type OptionalKeys = 'publicBaseUrl' | 'faults' | 'seed';
export type ResolvedOptions = Required<Omit<GoogleWorkspaceSimulatorOptions, OptionalKeys>> & Pick<GoogleWorkspaceSimulatorOptions, OptionalKeys>;

export function resolveOptions(options: GoogleWorkspaceSimulatorOptions): ResolvedOptions {
  return {
    ...options,
    customerId: options.customerId ?? 'C0abc123',
    domain: (options.domain ?? 'example.com').toLowerCase(),
    projectId: options.projectId ?? 'scim-bridge-sim',
    grantedScopes: options.grantedScopes ?? READONLY_DIRECTORY_SCOPES,
    tokenTtlSeconds: options.tokenTtlSeconds ?? 3600,
    now: options.now ?? Date.now,
    controlSurface: options.controlSurface ?? true,
    logger: options.logger ?? false,
  };
}
