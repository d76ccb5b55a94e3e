import { GROUP_SCHEMA, type ScimGroup } from '../../../src/scim/resource.js';
import type { UpstreamGroup, UpstreamGroups } from '../../../src/upstreams/upstream.js';
import { UpstreamError } from '../../../src/upstreams/upstream-error.js';
import type { FakeCalls } from './fake-calls.js';
import type { FakeGroupRecord, FakeTenant } from './fake-tenant.js';

const groupOf = (r: FakeGroupRecord): UpstreamGroup => ({
  upstreamId: r.id,
  group: { schemas: [GROUP_SCHEMA], ...structuredClone(r.attributes), displayName: r.displayName, members: r.memberIds.map((value) => ({ value })) },
});

/** The attributes besides name and members a group carries, held as given. */
function attributesOf(group: ScimGroup): Record<string, unknown> {
  const { schemas: _s, id: _i, meta: _m, externalId: _e, displayName: _d, members: _members, ...rest } = group;
  return rest;
}

/** Groups that live in the fake tenant (`nativeGroups: true`), members held as upstream user ids. */
export function fakeGroups(tenant: FakeTenant, calls: FakeCalls, options: { pageSize: number }): UpstreamGroups {
  const notFound = (id: string) => new UpstreamError('notFound', calls.upstream, `group ${id} does not exist`, { status: 404 });
  const refuseDuplicate = (displayName: string, except?: string) => {
    const folded = displayName.toLowerCase();
    if ([...tenant.groups.values()].some((g) => g.id !== except && g.displayName.toLowerCase() === folded)) {
      throw new UpstreamError('conflict', calls.upstream, `a group named ${displayName} exists`, { status: 409 });
    }
  };
  const refuseUnknownMembers = (ids: readonly string[]) => {
    const unknown = ids.filter((id) => !tenant.users.has(id));
    if (unknown.length > 0) throw new UpstreamError('invalid', calls.upstream, `no such users: ${unknown.join(', ')}`, { status: 400 });
  };
  const existing = (id: string): FakeGroupRecord => {
    const r = tenant.groups.get(id);
    if (!r) throw notFound(id);
    return r;
  };
  const memberIdsOf = (group: ScimGroup) => [...new Set((group.members ?? []).map((m) => m.value))];

  return {
    async create(group, ctx) {
      const made = await calls.run(ctx, { method: 'POST', path: '/groups' }, () => {
        refuseDuplicate(group.displayName);
        refuseUnknownMembers(memberIdsOf(group));
        const r: FakeGroupRecord = { id: tenant.newId('g'), displayName: group.displayName, memberIds: memberIdsOf(group), attributes: attributesOf(group) };
        tenant.groups.set(r.id, r);
        return r;
      });
      return groupOf(made);
    },

    async get(upstreamId, ctx) {
      const r = await calls.run(
        ctx,
        { method: 'GET', path: '/groups/{id}', objectId: upstreamId },
        () => tenant.groups.get(upstreamId),
        (found) => (found ? 200 : 404),
      );
      return r && groupOf(r);
    },

    async replace(upstreamId, group, ctx) {
      const r = await calls.run(ctx, { method: 'PUT', path: '/groups/{id}', objectId: upstreamId }, () => {
        const held = existing(upstreamId);
        refuseDuplicate(group.displayName, upstreamId);
        refuseUnknownMembers(memberIdsOf(group));
        Object.assign(held, { displayName: group.displayName, memberIds: memberIdsOf(group), attributes: attributesOf(group) });
        return held;
      });
      return groupOf(r);
    },

    async modify(upstreamId, change, ctx) {
      const empty =
        change.displayName === undefined && change.attributes === undefined && change.addMemberIds.length === 0 && change.removeMemberIds.length === 0;
      if (empty) return;
      await calls.run(ctx, { method: 'PATCH', path: '/groups/{id}', objectId: upstreamId }, () => {
        const held = existing(upstreamId);
        if (change.displayName !== undefined) refuseDuplicate(change.displayName, upstreamId);
        refuseUnknownMembers(change.addMemberIds);
        if (change.displayName !== undefined) held.displayName = change.displayName;
        for (const [k, v] of Object.entries(change.attributes ?? {})) {
          if (v === null) delete held.attributes[k];
          else held.attributes[k] = v;
        }
        const removed = new Set(change.removeMemberIds);
        held.memberIds = [...new Set([...held.memberIds.filter((id) => !removed.has(id)), ...change.addMemberIds])];
      });
    },

    async delete(upstreamId, ctx) {
      await calls.run(ctx, { method: 'DELETE', path: '/groups/{id}', objectId: upstreamId }, () => {
        existing(upstreamId);
        tenant.groups.delete(upstreamId);
      });
    },

    async *list(ctx) {
      for (let start = 0; ; start += options.pageSize) {
        const page = await calls.run(ctx, { method: 'GET', path: '/groups' }, () =>
          [...tenant.groups.values()].slice(start, start + options.pageSize).map(groupOf),
        );
        if (page.length > 0) yield page;
        if (page.length < options.pageSize) return;
      }
    },
  };
}
