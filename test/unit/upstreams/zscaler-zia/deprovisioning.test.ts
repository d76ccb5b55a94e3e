import { afterEach, describe, expect, it } from 'vitest';
import { ctx, expectWithinBudgets, idpUser, ziaHarness, type ZiaHarness } from './harness.js';
import { isParkedId } from '../../../../src/upstreams/upstream.js';

let h: ZiaHarness;
// Whatever a test does, no documented budget is ever exceeded (docs/upstreams/zscaler-zia.md §7).
afterEach(async () => {
  expectWithinBudgets(h.sim);
  await h.close();
});

const inactive = (userName: string) => idpUser(userName, { active: false });
const deletionsSent = () => h.eventually(() => expect(h.adapter.status?.()).toMatchObject({ pendingDeletions: 0 }));

describe('ZIA deactivation by deletion (deactivation.mode "delete", as the test harness configures)', () => {
  it('records the full ZIA user in the audit notes, deletes it upstream and parks the SCIM user', async () => {
    h = await ziaHarness();
    const created = await h.adapter.users.create({ user: idpUser('leaver@example.com'), groupNames: [] }, ctx());
    const c = ctx();
    const parked = await h.adapter.users.replace(created.upstreamId, { user: inactive('leaver@example.com'), groupNames: ['Sales'] }, c, created);

    expect(parked.upstreamId).toBe(`parked:${created.upstreamId}`);
    expect(isParkedId(parked.upstreamId)).toBe(true);
    expect(isParkedId(created.upstreamId)).toBe(false);
    expect(parked.user).toMatchObject({ userName: 'leaver@example.com', active: false });
    const note = c.auditNotes?.join('\n') ?? '';
    expect(note).toContain(`"id":${created.upstreamId}`);
    expect(note).toContain('"email":"leaver@example.com"');
    expect(note).toContain('"department":{');
    expect(note).not.toMatch(/password/i);

    expect(await h.adapter.users.get(created.upstreamId, ctx())).toBeUndefined();
    await deletionsSent();
    expect(h.sim.getUser(Number(created.upstreamId))).toBeUndefined();
    expect(h.count('DELETE', '/users/:userId')).toBe(1);
  });

  it('re-creates a parked user on reactivation, under a new id', async () => {
    h = await ziaHarness();
    const created = await h.adapter.users.create({ user: idpUser('back@example.com'), groupNames: [] }, ctx());
    const parked = await h.adapter.users.replace(created.upstreamId, { user: inactive('back@example.com'), groupNames: [] }, ctx(), created);
    await deletionsSent();
    const back = await h.adapter.users.replace(parked.upstreamId, { user: idpUser('back@example.com'), groupNames: ['Sales'] }, ctx(), parked);
    expect(back.upstreamId).toMatch(/^\d+$/);
    expect(back.upstreamId).not.toBe(created.upstreamId);
    expect(h.sim.getUser(Number(back.upstreamId))).toMatchObject({ email: 'back@example.com', groups: [{ name: 'Sales' }] });
  });

  it('a reactivation right after the deactivation sends the queued deletion first (the email is still taken)', async () => {
    h = await ziaHarness({ config: { bulkDeleteWindowMs: 60_000 } });
    const created = await h.adapter.users.create({ user: idpUser('quick@example.com'), groupNames: [] }, ctx());
    const parked = await h.adapter.users.replace(created.upstreamId, { user: inactive('quick@example.com'), groupNames: [] }, ctx(), created);
    const back = await h.adapter.users.replace(parked.upstreamId, { user: idpUser('quick@example.com'), groupNames: [] }, ctx(), parked);
    expect(h.sim.getUser(Number(created.upstreamId))).toBeUndefined();
    expect(h.sim.getUser(Number(back.upstreamId))?.email).toBe('quick@example.com');
    expect(h.adapter.status?.()).toMatchObject({ pendingDeletions: 0 });
  });

  it('a replace of a parked user that stays inactive sends nothing', async () => {
    h = await ziaHarness();
    const created = await h.adapter.users.create({ user: idpUser('still@example.com'), groupNames: [] }, ctx());
    const parked = await h.adapter.users.replace(created.upstreamId, { user: inactive('still@example.com'), groupNames: [] }, ctx(), created);
    await deletionsSent();
    h.sim.resetCalls();
    const again = await h.adapter.users.replace(parked.upstreamId, { user: inactive('still@example.com'), groupNames: [] }, ctx(), parked);
    expect(again).toMatchObject({ upstreamId: parked.upstreamId, user: { active: false } });
    expect(h.sim.calls()).toHaveLength(0);
  });

  it('a user created inactive is parked without a ZIA write, and created on activation', async () => {
    h = await ziaHarness();
    const parked = await h.adapter.users.create({ user: inactive('later@example.com'), groupNames: [] }, ctx());
    expect(isParkedId(parked.upstreamId)).toBe(true);
    expect(h.count('POST', '/users')).toBe(0);
    const active = await h.adapter.users.replace(parked.upstreamId, { user: idpUser('later@example.com'), groupNames: [] }, ctx(), parked);
    expect(h.sim.getUser(Number(active.upstreamId))?.email).toBe('later@example.com');
  });
});

describe('ZIA deactivation by group (deactivation.mode "group")', () => {
  const config = { deactivation: { mode: 'group' as const, disabledGroup: 'Disabled Users' } };

  it('moves the user into the disabled group and out again, keeping its id', async () => {
    h = await ziaHarness({ config });
    const created = await h.adapter.users.create({ user: idpUser('grp@example.com'), groupNames: ['Sales'] }, ctx());
    const off = await h.adapter.users.replace(created.upstreamId, { user: inactive('grp@example.com'), groupNames: ['Sales'] }, ctx(), created);
    expect(off.upstreamId).toBe(created.upstreamId);
    expect(
      h.sim
        .getUser(Number(created.upstreamId))
        ?.groups.map((g) => g.name)
        .sort(),
    ).toEqual(['Disabled Users', 'Sales']);
    expect((await h.adapter.users.get(created.upstreamId, ctx()))?.user.active).toBe(false);

    await h.adapter.users.replace(created.upstreamId, { user: idpUser('grp@example.com'), groupNames: ['Sales'] }, ctx(), off);
    expect(h.sim.getUser(Number(created.upstreamId))?.groups.map((g) => g.name)).toEqual(['Sales']);
    expect((await h.adapter.users.get(created.upstreamId, ctx()))?.user.active).toBe(true);
    expect(h.count('DELETE', '/users/:userId') + h.count('POST', '/users/bulkDelete')).toBe(0);
  });

  it('mappingProblems() names a disabled group ZIA does not have, with the groups it has; check() still passes', async () => {
    h = await ziaHarness({ config: { deactivation: { mode: 'group', disabledGroup: 'Leavers' } } });
    await h.adapter.check(ctx());
    expect(await h.adapter.mappingProblems(ctx())).toEqual([
      expect.objectContaining({
        setting: 'deactivation.disabledGroup',
        kind: 'group',
        name: 'Leavers',
        available: ['Engineering', 'Finance', 'Sales', 'Disabled Users'],
      }),
    ]);
  });
});

describe('ZIA deletions: queued durably, batched through bulkDelete', () => {
  it('one deletion is one DELETE /users/{id}; the user is gone for the IdP at once', async () => {
    h = await ziaHarness({ config: { bulkDeleteWindowMs: 60_000 } });
    const created = await h.adapter.users.create({ user: idpUser('one@example.com'), groupNames: [] }, ctx());
    await h.adapter.users.delete(created.upstreamId, ctx());
    expect(h.count('DELETE', '/users/:userId')).toBe(0);
    expect(await h.adapter.users.get(created.upstreamId, ctx())).toBeUndefined();
    const listed: string[] = [];
    for await (const page of h.adapter.users.list(ctx())) listed.push(...page.map((u) => u.upstreamId));
    expect(listed).not.toContain(created.upstreamId);
    await h.adapter.close();
    expect(h.count('DELETE', '/users/:userId')).toBe(1);
    expect(h.sim.getUser(Number(created.upstreamId))).toBeUndefined();
  });

  it.each(['ids', 'empty'] as const)('deletions within the window go out as one bulkDelete (answered %s)', async (bulkDeleteResponse) => {
    h = await ziaHarness({ config: { bulkDeleteWindowMs: 200 }, sim: { behaviour: { bulkDeleteResponse } } });
    const users = h.sim.seedUsers(5);
    for (const u of users) await h.adapter.users.delete(String(u.id), ctx());
    await deletionsSent();
    expect(h.count('POST', '/users/bulkDelete')).toBe(1);
    expect(h.count('DELETE', '/users/:userId')).toBe(0);
    expect(users.every((u) => h.sim.getUser(u.id) === undefined)).toBe(true);
    await h.eventually(() => expect(h.apiActivations()).toBe(1));
  });

  it('deleting a parked user sends nothing', async () => {
    h = await ziaHarness();
    await h.adapter.users.delete('parked:10000001', ctx());
    await h.adapter.close();
    expect(h.count('DELETE', '/users/:userId') + h.count('POST', '/users/bulkDelete')).toBe(0);
  });

  it('deletions still queued when the process stops are sent at the next start', async () => {
    h = await ziaHarness({ config: { bulkDeleteWindowMs: 60_000 } });
    const [a, b] = h.sim.seedUsers(2);
    await h.adapter.users.delete(String(a?.id), ctx());
    await h.adapter.users.delete(String(b?.id), ctx());
    // Killed here: no close(), nothing sent.
    const restarted = h.restart();
    await restarted.start?.(ctx());
    await h.eventually(() => expect(restarted.status?.()).toMatchObject({ pendingDeletions: 0 }));
    expect(h.sim.getUser(a?.id ?? 0)).toBeUndefined();
    expect(h.sim.getUser(b?.id ?? 0)).toBeUndefined();
  });
});
