import { describe, expect, it } from 'vitest';
import type { AppliedSnapshot } from '../../../src/core/source-sync/applied-snapshot.js';
import { planSync, refusal, sourceAttributesOf, type HeldUser } from '../../../src/core/source-sync/plan.js';
import type { ScimUser } from '../../../src/scim/resource.js';
import type { SourceUser } from '../../../src/sources/identity-source.js';

const P = 'dir:';
const scim = (userName: string, extra: Partial<ScimUser> = {}): ScimUser => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName,
  name: { givenName: 'G', familyName: 'F' },
  emails: [{ value: userName, type: 'work', primary: true }],
  active: true,
  ...extra,
});
const source = (sourceId: string, userName: string, extra: Partial<ScimUser> = {}): SourceUser => ({ sourceId, user: scim(userName, extra) });
const held = (id: string, userName: string, externalId?: string, extra: Partial<ScimUser> = {}): HeldUser => ({
  id,
  userName,
  externalId,
  active: extra.active ?? true,
  resource: { ...scim(userName, extra), ...(externalId ? { externalId } : {}) },
});

describe('planning a sync from an identity source', () => {
  it('updates a managed user with only the attributes the directory states differently', () => {
    const plan = planSync(
      { users: [source('1', 'a@x.io', { name: { givenName: 'New', familyName: 'F' } })], groups: [] },
      { users: [held('u1', 'a@x.io', 'dir:1', { title: 'Kept' } as Partial<ScimUser>)], groups: [] },
      P,
    );
    expect(plan.updates).toEqual([expect.objectContaining({ id: 'u1', changed: ['name'] })]);
    expect(plan).toMatchObject({ creates: [], adoptions: [], removals: [], unchanged: 0 });
  });

  it("an upstream's own key order is no change (OneID lists a name's parts in its order)", () => {
    const plan = planSync(
      { users: [source('1', 'a@x.io', { name: { givenName: 'G', familyName: 'F', formatted: 'G F' } })], groups: [] },
      { users: [held('u1', 'a@x.io', 'dir:1', { name: { formatted: 'G F', familyName: 'F', givenName: 'G' } })], groups: [] },
      P,
    );
    expect(plan).toMatchObject({ updates: [], unchanged: 1 });
  });

  it("adopts nobody's user by userName or by email, and never one an IdP manages", () => {
    const plan = planSync(
      { users: [source('1', 'A@x.io'), source('2', 'new-login@x.io', { emails: [{ value: 'b@x.io', type: 'work' }] }), source('3', 'c@x.io')], groups: [] },
      {
        users: [held('u1', 'a@x.io'), held('u2', 'old-login@x.io', undefined, { emails: [{ value: 'B@x.io', type: 'work' }] }), held('u3', 'c@x.io', 'okta-1')],
        groups: [],
      },
      P,
    );
    expect(plan.adoptions.map((a) => [a.sourceId, a.id])).toEqual([
      ['1', 'u1'],
      ['2', 'u2'],
    ]);
    expect(plan.conflicts).toEqual([expect.objectContaining({ sourceId: '3', id: 'u3' })]);
    expect(plan.creates).toEqual([]);
  });

  it('removes only active users the source manages and no longer lists', () => {
    const plan = planSync(
      { users: [source('1', 'a@x.io')], groups: [] },
      {
        users: [
          held('u1', 'a@x.io', 'dir:1'),
          held('u2', 'gone@x.io', 'dir:2'),
          held('u3', 'off@x.io', 'dir:3', { active: false }),
          held('u4', 'idp@x.io', 'okta-9'),
          held('u5', 'admin@x.io'),
        ],
        groups: [],
      },
      P,
    );
    expect(plan.removals).toEqual([{ sourceId: '2', id: 'u2', userName: 'gone@x.io' }]);
  });

  it('a group loses only members the source manages; members to be created join once they exist', () => {
    const plan = planSync(
      {
        users: [source('1', 'a@x.io'), source('2', 'b@x.io'), source('3', 'new@x.io')],
        groups: [{ sourceId: 'g', displayName: 'Team', memberSourceIds: ['2', '3'] }],
      },
      {
        users: [held('u1', 'a@x.io', 'dir:1'), held('u2', 'b@x.io', 'dir:2'), held('u9', 'idp@x.io', 'okta-9')],
        groups: [{ id: 'G', displayName: 'Team', externalId: 'dir:g', memberIds: ['u1', 'u9'] }],
      },
      P,
    );
    expect(plan.groupUpdates).toEqual([{ sourceId: 'g', id: 'G', displayName: 'Team', addUserIds: ['u2'], addSourceIds: ['3'], removeUserIds: ['u1'] }]);
  });

  it('refuses an empty directory, and a removal over either cap', () => {
    const planOf = (removals: number, inScope: number) => ({
      ...planSync({ users: [], groups: [] }, { users: [], groups: [] }, P),
      inScope,
      removals: Array.from({ length: removals }, (_, i) => ({ sourceId: `${i}`, id: `u${i}`, userName: `${i}` })),
    });
    expect(refusal(planOf(1, 0), 1, { maxPercent: 100, maxCount: 100 })).toMatch(/listed no users/);
    expect(refusal(planOf(2, 18), 20, { maxPercent: 10, maxCount: 100 })).toBeUndefined();
    expect(refusal(planOf(3, 17), 20, { maxPercent: 10, maxCount: 100 })).toMatch(/3 of 20 .*15\.0%/);
    expect(refusal(planOf(3, 997), 1000, { maxPercent: 10, maxCount: 2 })).toMatch(/caps: 10% and 2/);
    expect(refusal(planOf(0, 0), 0, { maxPercent: 0, maxCount: 0 })).toBeUndefined();
  });

  describe('against the last applied snapshot', () => {
    const appliedOf = (users: SourceUser[], removed: string[] = [], groups: AppliedSnapshot['groups'] = new Map()): AppliedSnapshot => ({
      users: new Map([
        ...users.map((u) => [u.sourceId, { user: sourceAttributesOf(u.user) }] as const),
        ...removed.map((id) => [id, { user: {}, removed: true as const }] as const),
      ]),
      groups,
    });

    it('writes what the directory changed since, never undoes what someone else changed in the bridge meanwhile', () => {
      const last = source('1', 'a@x.io', { title: 'Engineer' } as Partial<ScimUser>);
      // An admin retitled the user in the bridge; the directory still says what it said.
      const bridge = { users: [held('u1', 'a@x.io', 'dir:1', { title: 'Lead' } as Partial<ScimUser>)], groups: [] };
      const same = planSync({ users: [last], groups: [] }, bridge, P, appliedOf([last]));
      expect(same).toMatchObject({ updates: [], unchanged: 1 });
      // Without a snapshot row the bridge's view is the basis, as before.
      expect(planSync({ users: [last], groups: [] }, bridge, P).updates).toEqual([expect.objectContaining({ changed: ['title'] })]);
      // The directory renames the person: the name is written, the admin's title stays.
      const renamed = source('1', 'a@x.io', { title: 'Engineer', name: { givenName: 'New', familyName: 'F' } } as Partial<ScimUser>);
      expect(planSync({ users: [renamed], groups: [] }, bridge, P, appliedOf([last])).updates).toEqual([expect.objectContaining({ changed: ['name'] })]);
    });

    it('a person removed by an earlier sync and made active again by someone else is not removed again', () => {
      const bridge = { users: [held('u2', 'gone@x.io', 'dir:2'), held('u3', 'left@x.io', 'dir:3')], groups: [] };
      const plan = planSync({ users: [], groups: [] }, bridge, P, appliedOf([], ['2']));
      expect(plan.removals.map((r) => r.id)).toEqual(['u3']);
    });

    it('adoption by email keeps the login the tenant knows', () => {
      const plan = planSync(
        { users: [source('1', 'new-login@x.io', { emails: [{ value: 'b@x.io', type: 'work' }] })], groups: [] },
        { users: [held('u2', 'old-login@x.io', undefined, { emails: [{ value: 'b@x.io', type: 'work' }] })], groups: [] },
        P,
      );
      expect(plan.adoptions).toEqual([expect.objectContaining({ id: 'u2', userName: 'old-login@x.io' })]);
      expect(plan.adoptions[0]?.changed).not.toContain('userName');
      expect(plan.adoptions[0]?.user.userName).toBe('old-login@x.io');
    });

    it("a group follows the directory's membership changes only: members someone else put in or took out stay so", () => {
      const users = [source('1', 'a@x.io'), source('2', 'b@x.io'), source('3', 'c@x.io'), source('4', 'd@x.io')];
      const bridge = {
        users: [held('u1', 'a@x.io', 'dir:1'), held('u2', 'b@x.io', 'dir:2'), held('u3', 'c@x.io', 'dir:3'), held('u4', 'd@x.io', 'dir:4')],
        // An admin took u2 out and put u4 in; the directory meanwhile dropped 1 and added 3.
        groups: [{ id: 'G', displayName: 'Team', externalId: 'dir:g', memberIds: ['u1', 'u4'] }],
      };
      const applied = appliedOf(users, [], new Map([['g', { displayName: 'Team', memberSourceIds: ['1', '2'] }]]));
      const plan = planSync({ users, groups: [{ sourceId: 'g', displayName: 'Team', memberSourceIds: ['2', '3'] }] }, bridge, P, applied);
      expect(plan.groupUpdates).toEqual([{ sourceId: 'g', id: 'G', displayName: 'Team', addUserIds: ['u3'], addSourceIds: [], removeUserIds: ['u1'] }]);
      // Nothing changed in the directory: nothing to write, whatever the bridge holds.
      const quiet = planSync({ users, groups: [{ sourceId: 'g', displayName: 'Team', memberSourceIds: ['1', '2'] }] }, bridge, P, applied);
      expect(quiet.groupUpdates).toEqual([]);
    });

    it('a group the directory no longer lists is removed; a directory that lists no groups at all is confirmed first', () => {
      const bridge = {
        users: [],
        groups: [
          { id: 'G1', displayName: 'One', externalId: 'dir:g1', memberIds: [] },
          { id: 'G2', displayName: 'Two', externalId: 'dir:g2', memberIds: [] },
          { id: 'G3', displayName: 'Admins', externalId: undefined, memberIds: [] },
        ],
      };
      const plan = planSync({ users: [source('1', 'a@x.io')], groups: [{ sourceId: 'g1', displayName: 'One', memberSourceIds: [] }] }, bridge, P);
      // No snapshot row says the sync created it: let go, not deleted.
      expect(plan.groupRemovals).toEqual([{ sourceId: 'g2', id: 'G2', displayName: 'Two', created: false, releaseMemberIds: [] }]);
      const applied: AppliedSnapshot = { users: new Map(), groups: new Map([['g2', { displayName: 'Two', memberSourceIds: [], created: true }]]) };
      expect(
        planSync({ users: [source('1', 'a@x.io')], groups: [{ sourceId: 'g1', displayName: 'One', memberSourceIds: [] }] }, bridge, P, applied).groupRemovals,
      ).toEqual([{ sourceId: 'g2', id: 'G2', displayName: 'Two', created: true, releaseMemberIds: [] }]);
      expect(refusal(plan, 0, { maxPercent: 10, maxCount: 10 })).toBeUndefined();
      const none = planSync({ users: [source('1', 'a@x.io')], groups: [] }, bridge, P);
      expect(none.groupRemovals.map((g) => g.id)).toEqual(['G1', 'G2']);
      expect(refusal(none, 0, { maxPercent: 10, maxCount: 10 })).toMatch(/listed no groups while the bridge holds 2/);
    });
  });
});
