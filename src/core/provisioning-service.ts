import { groupCommands } from './group-commands.js';
import { groupQueries } from './group-queries.js';
import type { TenantRuntime } from './tenant.js';
import { userCommands } from './user-commands.js';
import { userQueries } from './user-queries.js';

/** The provisioning service of one tenant: what the HTTP routes call. */
export function createProvisioningService(t: TenantRuntime) {
  return {
    tenant: t,
    users: { ...userQueries(t), ...userCommands(t) },
    groups: { ...groupQueries(t), ...groupCommands(t) },
  };
}

export type ProvisioningService = ReturnType<typeof createProvisioningService>;
