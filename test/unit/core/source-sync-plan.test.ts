import { describe, expect, it } from 'vitest';
import { planSync, refusal, type HeldUser } from '../../../src/core/source-sync/plan.js';
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
});
