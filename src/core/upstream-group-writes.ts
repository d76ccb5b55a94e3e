import { notFound } from '../scim/errors.js';
import { stableStringify } from '../scim/etag.js';
import type { GroupMember, JsonValue, ScimGroup } from '../scim/resource.js';
import type { StoredGroup } from '../store/store.js';
import type { GroupChange, UpstreamGroup, UpstreamGroups } from '../upstreams/upstream.js';
import { storableGroup } from './group-view.js';
import type { RequestContext } from './request-context.js';
import type { TenantRuntime } from './tenant.js';
import { viaUpstream } from './upstream-call.js';

/** Attributes a group's identity or membership carries; everything else is passed along as an attribute change. */
const STRUCTURAL = new Set(['schemas', 'id', 'meta', 'members', 'displayName', 'externalId']);

/**
 * For upstreams that hold groups themselves (OneID): the group is written upstream first and the bridge's mirror
 * (ids, names, members as SCIM user ids) follows. Member ids are translated through the user index.
 */
export function upstreamGroupWrites(t: TenantRuntime, groups: UpstreamGroups) {
  const { store } = t;

  async function upstreamIdsOf(memberIds: readonly string[]): Promise<string[]> {
    const users = await Promise.all(memberIds.map((id) => store.users.get(t.id, id)));
    return users.filter((u) => u !== undefined).map((u) => u.upstreamId);
  }

  function asUpstreamGroup(g: StoredGroup, upstreamMemberIds: string[]): ScimGroup {
    const { members: _labels, ...attrs } = g.resource;
    return { ...attrs, displayName: g.displayName, members: upstreamMemberIds.map((value): GroupMember => ({ value })) };
  }

  /** The mirror entry for a group as the upstream holds it (members back to SCIM user ids; unknown users left out). */
  async function mirrorOf(up: UpstreamGroup, existing: StoredGroup | undefined, now: string): Promise<StoredGroup> {
    // Labels the IdP gave members survive a re-read when the upstream answers members without one.
    const labels = new Map((existing?.resource.members ?? []).map((m) => [m.value, m.display]));
    const members: GroupMember[] = [];
    for (const m of up.group.members ?? []) {
      const user = await store.users.getByUpstreamId(t.id, m.value);
      if (!user || user.deletedAt !== undefined) continue;
      const display = labels.get(user.id) || m.display;
      members.push({ value: user.id, ...(display ? { display } : {}) });
    }
    const memberIds = members.map((m) => m.value);
    return {
      tenant: t.id,
      id: up.upstreamId,
      displayName: up.group.displayName,
      externalId: existing?.externalId ?? up.group.externalId,
      resource: storableGroup({ ...up.group, members, ...(existing?.externalId ? { externalId: existing.externalId } : {}) }, memberIds),
      memberIds,
      created: existing?.created ?? now,
      lastModified: now,
    };
  }

  const changeBetween = async (before: StoredGroup, next: StoredGroup): Promise<GroupChange> => {
    const was = new Set(before.memberIds);
    const is = new Set(next.memberIds);
    const attributes: Record<string, unknown> = {};
    const keys = new Set([...Object.keys(before.resource), ...Object.keys(next.resource)]);
    for (const k of keys) {
      if (STRUCTURAL.has(k)) continue;
      const a = before.resource[k];
      const b = next.resource[k];
      if (stableStringify(a as JsonValue | undefined) !== stableStringify(b as JsonValue | undefined)) attributes[k] = b ?? null;
    }
    return {
      ...(next.displayName !== before.displayName ? { displayName: next.displayName } : {}),
      ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
      addMemberIds: await upstreamIdsOf(next.memberIds.filter((id) => !was.has(id))),
      removeMemberIds: await upstreamIdsOf(before.memberIds.filter((id) => !is.has(id))),
    };
  };

  return {
    /** Create upstream; the mirror entry takes the upstream's id. */
    async create(next: StoredGroup, rc: RequestContext): Promise<StoredGroup> {
      const up = await viaUpstream(async () => groups.create(asUpstreamGroup(next, await upstreamIdsOf(next.memberIds)), rc.upstream));
      return mirrorOf(up, next, next.created);
    },
    /** PUT semantics: the whole group, members included. */
    async replace(next: StoredGroup, rc: RequestContext): Promise<StoredGroup> {
      const up = await viaUpstream(async () => groups.replace(next.id, asUpstreamGroup(next, await upstreamIdsOf(next.memberIds)), rc.upstream));
      return mirrorOf(up, next, next.lastModified);
    },
    /** PATCH semantics: only the difference, in one upstream request. */
    async modify(before: StoredGroup, next: StoredGroup, rc: RequestContext): Promise<StoredGroup> {
      const change = await changeBetween(before, next);
      rc.upstream.writeBasis = before.lastModified;
      await viaUpstream(() => groups.modify(before.id, change, rc.upstream));
      return next;
    },
    async remove(group: StoredGroup, rc: RequestContext): Promise<void> {
      await viaUpstream(() => groups.delete(group.id, rc.upstream));
    },
    /** A fresh read; `undefined` (and the mirror entry dropped) when the upstream no longer has it. */
    async refresh(existing: StoredGroup, rc: RequestContext): Promise<StoredGroup> {
      const up = await viaUpstream(() => groups.get(existing.id, rc.upstream));
      if (!up) {
        await store.groups.remove(t.id, existing.id);
        throw notFound(`Group ${existing.id} not found`);
      }
      const mirrored = await mirrorOf(up, existing, existing.lastModified);
      const changed =
        stableStringify({ ...mirrored, lastModified: '' } as unknown as JsonValue) !==
        stableStringify({ ...existing, lastModified: '' } as unknown as JsonValue);
      if (!changed) return existing;
      const updated = { ...mirrored, lastModified: t.now().toISOString() };
      await store.groups.put(updated);
      return updated;
    },
    mirrorOf,
  };
}

export type UpstreamGroupWrites = ReturnType<typeof upstreamGroupWrites>;
