import { afterEach, describe, expect, it } from 'vitest';
import { GROUP_SCHEMA, type ScimGroup } from '../../../../src/scim/resource.js';
import type { UpstreamGroups } from '../../../../src/upstreams/upstream.js';
import { GROUP_EXTENSION } from '../../../../src/upstreams/zuora-oneid/oneid-wire.js';
import { ctx, oneIdHarness, type OneIdHarness } from './harness.js';

let h: OneIdHarness;
afterEach(async () => h.close());

const groupsOf = (harness: OneIdHarness): UpstreamGroups => {
  const groups = harness.adapter.groups;
  if (!groups) throw new Error('the OneID adapter has native groups');
  return groups;
};

const group = (displayName: string, extra: Partial<ScimGroup> = {}): ScimGroup => ({ schemas: [GROUP_SCHEMA], displayName, ...extra });

describe('group writes', () => {
  it('creates with the organization filled in and the description passed through', async () => {
    h = await oneIdHarness();
    const [ada] = h.sim.seedUsers(1);

    const created = await groupsOf(h).create(group('Billing', { members: [{ value: ada?.id ?? '' }], [GROUP_EXTENSION]: { description: 'AR team' } }), ctx());

    expect(h.sim.getGroup(created.upstreamId)).toMatchObject({
      displayName: 'Billing',
      description: 'AR team',
      organizationId: h.sim.orgId,
      members: [ada?.id],
    });
    expect(created.group).toMatchObject({ displayName: 'Billing', members: [{ value: ada?.id }], [GROUP_EXTENSION]: { description: 'AR team', active: true } });
  });

  it('applies a rename, a description and member adds and removals in one PATCH, in OneID’s own form', async () => {
    h = await oneIdHarness();
    const [a, b, c] = h.sim.seedUsers(3).map((u) => u.id);
    const created = await groupsOf(h).create(group('Billing', { members: [{ value: a ?? '' }, { value: b ?? '' }] }), ctx());

    await groupsOf(h).modify(
      created.upstreamId,
      { displayName: 'Billing EU', attributes: { [`${GROUP_EXTENSION}:description`]: 'EU' }, addMemberIds: [c ?? ''], removeMemberIds: [a ?? ''] },
      ctx(),
    );

    const patches = h.seen('PATCH');
    expect(patches).toHaveLength(1);
    const body = patches[0]?.body as Record<string, unknown>;
    expect(body.Operations).toBeUndefined();
    expect(body.operations).toContainEqual({ op: 'remove', path: 'members', value: [{ value: a, operation: 'delete' }] });
    expect(h.sim.getGroup(created.upstreamId)).toMatchObject({ displayName: 'Billing EU', description: 'EU', members: [b, c] });
  });

  it('sends nothing for an empty change', async () => {
    h = await oneIdHarness();
    const created = await groupsOf(h).create(group('Billing'), ctx());
    h.sim.resetCalls();

    await groupsOf(h).modify(created.upstreamId, { addMemberIds: [], removeMemberIds: [] }, ctx());

    expect(h.sim.calls()).toHaveLength(0);
  });

  it('replaces the members with a PUT and deletes the group for good', async () => {
    h = await oneIdHarness();
    const [a, b] = h.sim.seedUsers(2).map((u) => u.id ?? '');
    const created = await groupsOf(h).create(group('Billing', { members: [{ value: a ?? '' }] }), ctx());

    const replaced = await groupsOf(h).replace(created.upstreamId, group('Billing', { members: [{ value: b ?? '' }] }), ctx());
    expect(replaced.group.members).toEqual([{ value: b }]);

    await groupsOf(h).delete(created.upstreamId, ctx());
    expect(await groupsOf(h).get(created.upstreamId, ctx())).toBeUndefined();
    expect(h.sim.getUser(a ?? '')).toBeDefined();
  });

  it('creates a group again after deleting it, although the same POST’s key is still on record at OneID', async () => {
    h = await oneIdHarness();
    const first = await groupsOf(h).create(group('Billing'), ctx());
    await groupsOf(h).delete(first.upstreamId, ctx());

    const again = await groupsOf(h).create(group('Billing'), ctx());

    expect(again.upstreamId).not.toBe(first.upstreamId);
    expect(h.sim.getGroup(again.upstreamId)?.displayName).toBe('Billing');
  });

  it('reports a second group with the same name as a conflict', async () => {
    h = await oneIdHarness();
    await groupsOf(h).create(group('Billing'), ctx());
    await expect(groupsOf(h).create(group('billing'), ctx())).rejects.toMatchObject({ kind: 'conflict', status: 409 });
  });
});

describe('listing groups: OneID’s startIndex is a page number', () => {
  const listAll = async (groups: UpstreamGroups) => {
    const seen: string[] = [];
    for await (const page of groups.list(ctx())) seen.push(...page.map((g) => g.upstreamId));
    return seen;
  };

  it.each([7, 10, 100])('sees each of 23 groups exactly once with %i per page', async (groupsPageSize) => {
    h = await oneIdHarness({ config: { groupsPageSize } });
    const ids = h.sim.seedGroups(23, 1).map((g) => g.id);

    const seen = await listAll(groupsOf(h));

    expect(seen).toEqual(ids);
    expect(h.seen('GET', '/scim/v2/Groups').map((r) => new URL(r.url, 'http://x').searchParams.get('startIndex'))).toEqual(
      Array.from({ length: Math.ceil(23 / groupsPageSize) }, (_, i) => String(i + 1)),
    );
  });

  it('reads members on listed groups as upstream user ids', async () => {
    h = await oneIdHarness();
    const [g] = h.sim.seedGroups(1, 2);
    const [page] = await (async () => {
      const pages = [];
      for await (const p of groupsOf(h).list(ctx())) pages.push(p);
      return pages;
    })();
    expect(page?.[0]?.group.members).toEqual(g?.members.map((value) => ({ value })));
  });

  it('pages by item index when the tenant’s OneID reads startIndex the RFC way', async () => {
    h = await oneIdHarness({ config: { groupsPageSize: 7, groupsStartIndex: 'item' }, sim: { behaviour: { groupsStartIndex: 'item' } } });
    const ids = h.sim.seedGroups(23).map((g) => g.id);

    expect(await listAll(groupsOf(h))).toEqual(ids);
    expect(h.seen('GET', '/scim/v2/Groups').map((r) => new URL(r.url, 'http://x').searchParams.get('startIndex'))).toEqual(['1', '8', '15', '22']);
  });

  it('sends Content-Type: application/json on the list, as the Groups list page requires', async () => {
    h = await oneIdHarness({ sim: { behaviour: { groupsListRequiresContentType: true } } });
    h.sim.seedGroups(3);
    expect(await listAll(groupsOf(h))).toHaveLength(3);
  });
});
