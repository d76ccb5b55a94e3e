import { randomUUID } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { conflict, invalidValue } from '../scim/errors.js';
import { checkPreconditions } from '../scim/etag.js';
import { applyPatchInSteps } from '../scim/patch/index.js';
import { inTurns } from './in-turns.js';
import type { PatchOperation, ScimGroup } from '../scim/resource.js';
import type { StoredGroup } from '../store/store.js';
import { groupAuditChanges } from './audit-changes.js';
import { audited, trailOf } from './audit-recorder.js';
import { groupRecords } from './group-records.js';
import { storableGroup } from './group-view.js';
import { withCreateGeneration } from './create-generation.js';
import { groupKey, groupNameKey, userKey } from './keyed-lock.js';
import { foldCase } from '../store/fold-case.js';
import { affectedUsers, membershipSync } from './membership-sync.js';
import type { Preconditions, RequestContext } from './request-context.js';
import type { TenantRuntime } from './tenant.js';
import { upstreamGroupWrites, type UpstreamGroupWrites } from './upstream-group-writes.js';

type SaveMode = 'create' | 'replace' | 'patch';

/**
 * Member ids looked up at once: enough to keep a PostgreSQL pool busy, few enough that resolving a 10,000-member
 * group lets other requests run between chunks instead of holding the event loop.
 */
const MEMBER_LOOKUP_CHUNK = 200;

/**
 * Creating, replacing, patching and deleting groups (RFC 7644 §3.3, §3.5, §3.6). For upstreams without groups the
 * store holds them; for upstreams with groups it holds a mirror, written after the upstream accepted the change.
 * Either way, members whose group names feed an upstream attribute (a Zuora profile, a OneID role) are written again.
 */
export function groupCommands(t: TenantRuntime) {
  const { store } = t;
  const records = groupRecords(t);
  const sync = membershipSync(t);
  const native = t.upstream.capabilities.nativeGroups && t.upstream.groups ? upstreamGroupWrites(t, t.upstream.groups) : undefined;

  const requireDisplayName = (g: ScimGroup): string => {
    if (typeof g.displayName !== 'string' || g.displayName.trim() === '') throw invalidValue('displayName is required and must be a non-empty string');
    return g.displayName;
  };

  async function assertDisplayNameFree(displayName: string, exceptId?: string): Promise<void> {
    const found = await store.groups.findByDisplayName(t.id, displayName);
    if (found.some((g) => g.id !== exceptId)) throw conflict(`A group with displayName "${displayName}" already exists`);
  }

  /**
   * Member ids, in order, without duplicates. Values that are not live users of this tenant are left out rather
   * than refused: an IdP may push a membership before (or after) the user exists here, and refusing the whole
   * request would also lose the valid members. Microsoft's collection sends such values ("string id 1").
   */
  async function memberIdsOf(g: ScimGroup): Promise<string[]> {
    const ids = [...new Set((g.members ?? []).map((m) => m.value))].filter((id): id is string => typeof id === 'string');
    const live: string[] = [];
    for (let i = 0; i < ids.length; i += MEMBER_LOOKUP_CHUNK) {
      if (i > 0) await nextTurn();
      const chunk = ids.slice(i, i + MEMBER_LOOKUP_CHUNK);
      const users = await Promise.all(chunk.map((id) => store.users.get(t.id, id)));
      chunk.forEach((id, j) => {
        const u = users[j];
        if (u && u.deletedAt === undefined) live.push(id);
      });
    }
    return live;
  }

  /** The group's own audit record: what changed in it, members as the ids added and removed. */
  function noteGroupWrite(rc: RequestContext, before: StoredGroup | undefined, next: StoredGroup | undefined): void {
    const g = (next ?? before) as StoredGroup;
    trailOf(rc).primary = {
      resourceId: g.id,
      resourceName: g.displayName,
      ...(native ? { upstreamId: g.id } : {}),
      changes: groupAuditChanges(before, next),
    };
  }

  async function save(before: StoredGroup | undefined, next: StoredGroup, rc: RequestContext, mode: SaveMode): Promise<ScimGroup> {
    return records.view(native ? await saveUpstream(before, next, rc, mode) : await saveInStore(before, next, rc), rc.baseUrl);
  }

  /** Upstream writes for the affected users, then the group; the users stay locked until the group is stored. */
  async function saveInStore(before: StoredGroup | undefined, next: StoredGroup, rc: RequestContext): Promise<StoredGroup> {
    const affected = affectedUsers(before, next);
    await t.locks.run([...affected].map(userKey), async () => {
      await sync.apply(affected, before, next, rc);
      await store.groups.put(next);
    });
    noteGroupWrite(rc, before, next);
    return next;
  }

  /**
   * The group upstream first, then its mirror, then the members' derived attributes (granting a role only once the
   * membership exists). Should that last step fail, the reconciler's repair pass makes it good.
   */
  async function saveUpstream(before: StoredGroup | undefined, next: StoredGroup, rc: RequestContext, mode: SaveMode): Promise<StoredGroup> {
    const writes = native as UpstreamGroupWrites;
    const stored =
      mode === 'create'
        ? await writes.create(next, rc)
        : mode === 'replace'
          ? await writes.replace(next, rc)
          : await writes.modify(before as StoredGroup, next, rc);
    const affected = affectedUsers(before, stored);
    noteGroupWrite(rc, before, stored);
    await t.locks.run([...affected].map(userKey), async () => {
      await store.groups.put(stored);
      await sync.apply(affected, before, stored, rc, true);
    });
    return stored;
  }

  async function create(body: ScimGroup, rc: RequestContext): Promise<ScimGroup> {
    return audited(
      store,
      rc,
      t.now,
      { operation: 'createGroup', resourceType: 'Group', status: 201 },
      async () => {
        const displayName = requireDisplayName(body);
        // Under the name's lock, which every replica honours: concurrent creates of one name make one group.
        return t.locks.run([groupNameKey(displayName)], async () => {
          await assertDisplayNameFree(displayName);
          const now = t.now().toISOString();
          const memberIds = await memberIdsOf(body);
          const next: StoredGroup = {
            tenant: t.id,
            id: randomUUID(),
            displayName,
            externalId: body.externalId,
            resource: storableGroup(body, memberIds),
            memberIds,
            created: now,
            lastModified: now,
          };
          return withCreateGeneration(t, rc, 'group', displayName, () => save(undefined, next, rc, 'create'));
        });
      },
      (g) => g.id,
    );
  }

  async function replaceWith(before: StoredGroup, body: ScimGroup, rc: RequestContext, mode: SaveMode): Promise<ScimGroup> {
    const displayName = requireDisplayName(body);
    if (foldCase(displayName) !== foldCase(before.displayName)) {
      // A rename takes the new name's lock, so it cannot race a create of that name.
      return t.locks.run([groupNameKey(displayName)], async () => {
        await assertDisplayNameFree(displayName, before.id);
        return replaceNamed(before, body, displayName, rc, mode);
      });
    }
    return replaceNamed(before, body, displayName, rc, mode);
  }

  async function replaceNamed(before: StoredGroup, body: ScimGroup, displayName: string, rc: RequestContext, mode: SaveMode): Promise<ScimGroup> {
    const memberIds = await memberIdsOf(body);
    const next: StoredGroup = {
      ...before,
      displayName,
      externalId: body.externalId,
      resource: storableGroup(body, memberIds),
      memberIds,
      lastModified: t.now().toISOString(),
    };
    return save(before, next, rc, mode);
  }

  async function replace(id: string, body: ScimGroup, rc: RequestContext, pre: Preconditions): Promise<ScimGroup> {
    return audited(store, rc, t.now, { operation: 'replaceGroup', resourceType: 'Group', resourceId: id, status: 200 }, () =>
      t.locks.run([groupKey(id)], async () => {
        const before = await records.load(id);
        trailOf(rc).primary = { resourceId: id, resourceName: before.displayName, ...(native ? { upstreamId: id } : {}) };
        checkPreconditions((await records.view(before, rc.baseUrl)).meta?.version ?? '', pre);
        return replaceWith(before, body, rc, 'replace');
      }),
    );
  }

  async function patch(id: string, operations: PatchOperation[], rc: RequestContext, pre: Preconditions): Promise<ScimGroup> {
    return audited(store, rc, t.now, { operation: 'patchGroup', resourceType: 'Group', resourceId: id, status: 200 }, () =>
      t.locks.run([groupKey(id)], async () => {
        const before = await records.load(id);
        trailOf(rc).primary = { resourceId: id, resourceName: before.displayName, ...(native ? { upstreamId: id } : {}) };
        // Rendering a big group reads every member: only done when there is a version to compare.
        if (pre.ifMatch !== undefined || pre.ifNoneMatch !== undefined) checkPreconditions((await records.view(before, rc.baseUrl)).meta?.version ?? '', pre);
        return replaceWith(before, await inTurns(applyPatchInSteps(records.patchBase(before, rc.baseUrl), operations, t.groupSchema)), rc, 'patch');
      }),
    );
  }

  async function remove(id: string, rc: RequestContext, pre: Preconditions): Promise<void> {
    return audited(store, rc, t.now, { operation: 'deleteGroup', resourceType: 'Group', resourceId: id, status: 204 }, () =>
      t.locks.run([groupKey(id)], async () => {
        const before = await records.load(id);
        trailOf(rc).primary = { resourceId: id, resourceName: before.displayName, ...(native ? { upstreamId: id } : {}) };
        checkPreconditions((await records.view(before, rc.baseUrl)).meta?.version ?? '', pre);
        const affected = affectedUsers(before, undefined);
        if (native) await native.remove(before, rc);
        noteGroupWrite(rc, before, undefined);
        await t.locks.run([...affected].map(userKey), async () => {
          if (native) await store.groups.remove(t.id, id);
          await sync.apply(affected, before, undefined, rc, Boolean(native));
          if (!native) await store.groups.remove(t.id, id);
        });
      }),
    );
  }

  return { create, replace, patch, remove };
}
