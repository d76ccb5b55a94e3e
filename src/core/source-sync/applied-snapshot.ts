import type { ScimUser } from '../../scim/resource.js';
import type { StateStore } from '../../store/store.js';

/**
 * The last applied snapshot of an identity source (issue 13 "Sync"): per user and per group, what the directory said
 * the last time the bridge carried it out. A sync writes what changed in the *directory* since then, as a pushing IdP
 * sends only what changed on its side: an edit an admin or another IdP made in the bridge meanwhile is not undone
 * until the directory itself changes that attribute, and nothing is written twice for one change.
 *
 * One row per object in the store's tenant state (shared by replicas; a sync runs under a tenant-wide lock), written
 * only after the object's write succeeded, so a write that failed, or a process that died part-way, leaves the row as
 * it was and the next sync makes the write again. An object with no row (the first sync, or state from before this
 * snapshot existed) is planned against what the bridge holds.
 */

/** What the bridge last applied of one user: the attributes the source holds, as the directory stated them. */
export interface AppliedUser {
  user: Partial<ScimUser>;
  /** The person left the directory and the bridge carried that out (deactivated or deleted). */
  removed?: true;
}

/** What the bridge last applied of one group: its name and the members (source ids) it put in. */
export interface AppliedGroup {
  displayName: string;
  memberSourceIds: string[];
  /**
   * The sync created the group (rather than taking on one the tenant had): only such a group is deleted when the
   * directory drops it. One it took on was there before it and is only let go.
   */
  created?: true;
}

export interface AppliedSnapshot {
  users: ReadonlyMap<string, AppliedUser>;
  groups: ReadonlyMap<string, AppliedGroup>;
}

export const EMPTY_SNAPSHOT: AppliedSnapshot = { users: new Map(), groups: new Map() };

/** The snapshot rows of one source in one tenant. */
export function appliedSnapshotStore(state: StateStore, tenant: string, sourceName: string) {
  const prefix = `source-applied:${sourceName}:`;
  const userKey = (sourceId: string) => `${prefix}user:${sourceId}`;
  const groupKey = (sourceId: string) => `${prefix}group:${sourceId}`;

  async function load(): Promise<AppliedSnapshot> {
    const users = new Map<string, AppliedUser>();
    const groups = new Map<string, AppliedGroup>();
    for (const row of await state.list(tenant, prefix)) {
      const rest = row.key.slice(prefix.length);
      if (rest.startsWith('user:')) users.set(rest.slice('user:'.length), JSON.parse(row.value) as AppliedUser);
      else if (rest.startsWith('group:')) groups.set(rest.slice('group:'.length), JSON.parse(row.value) as AppliedGroup);
    }
    return { users, groups };
  }

  return {
    load,
    putUser: (sourceId: string, applied: AppliedUser) => state.set(tenant, userKey(sourceId), JSON.stringify(applied)),
    putGroup: (sourceId: string, applied: AppliedGroup) => state.set(tenant, groupKey(sourceId), JSON.stringify(applied)),
    dropUser: (sourceId: string) => state.delete(tenant, userKey(sourceId)),
    dropGroup: (sourceId: string) => state.delete(tenant, groupKey(sourceId)),
  };
}
