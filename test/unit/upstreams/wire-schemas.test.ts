import { describe, expect, it } from 'vitest';
import { oneIdListSchema, oneIdResourceSchema, USER_EXTENSION } from '../../../src/upstreams/zuora-oneid/oneid-wire.js';
import { ziaRefSchema, ziaUserSchema } from '../../../src/upstreams/zscaler-zia/zia-user.js';
import { zuoraCreatedSchema, zuoraProfilesSchema, zuoraUserPageSchema, zuoraUserSchema } from '../../../src/upstreams/zuora-rest/zuora-user.js';

/*
 * Each upstream's wire schema accepts the vendor's own samples, tolerates members it does not name (a new upstream
 * field must never break the bridge) and refuses what the adapters cannot work with: a missing id, a wrong type.
 */

describe('Zuora REST (the integration guide, seed 000)', () => {
  it("accepts the guide's samples", () => {
    const page = { users: [{ id: 'u-001', username: 'jane@example.com', status: 'Active' }], nextPage: 'https://rest.zuora.com/v1/users?page=2' };
    expect(zuoraUserPageSchema.parse(page)).toEqual(page);
    const one = { id: 'u-001', username: 'jane@example.com', firstName: 'Jane', lastName: 'Doe', status: 'Active', profileId: 'p-admin' };
    expect(zuoraUserSchema.parse(one)).toEqual(one);
    expect(zuoraCreatedSchema.parse({ id: 'u-002', username: 'john@example.com', status: 'Active' })).toMatchObject({ id: 'u-002' });
    expect(zuoraProfilesSchema.parse({ profiles: [{ id: 'p-admin', name: 'Administrator' }] }).profiles).toHaveLength(1);
  });

  it('keeps unknown members, and reads null as absent (so a spread of the answer overwrites nothing)', () => {
    const read = zuoraUserSchema.parse({ id: 'u-1', username: 'a@example.com', title: null, mfaEnabled: true });
    expect(read).toEqual({ id: 'u-1', username: 'a@example.com', mfaEnabled: true });
    expect('title' in read).toBe(false);
  });

  it('refuses a user without an id, and members of the wrong type', () => {
    expect(zuoraUserSchema.safeParse({ username: 'a@example.com' }).success).toBe(false);
    expect(zuoraUserSchema.safeParse({ id: 17, username: 'a@example.com' }).success).toBe(false);
    expect(zuoraUserSchema.safeParse({ id: 'u-1', username: 'a@example.com', profileId: { id: 'p' } }).success).toBe(false);
    expect(zuoraUserPageSchema.safeParse({ nextPage: null }).success).toBe(false);
    expect(zuoraCreatedSchema.safeParse({ success: true }).success).toBe(false);
  });
});

describe('Zuora OneID (the createAUser / getListOfUsers samples)', () => {
  const amy = {
    schemas: [USER_EXTENSION, 'urn:ietf:params:scim:schemas:core:2.0:User'],
    id: 'e1b624ac-e00f-422b-b4da-20070901b22f',
    externalId: null,
    meta: { created: '2024-09-05T07:44:44.262Z', resourceType: 'User' },
    userName: 'amy+test102',
    name: { formatted: 'Amy Lawrence', familyName: 'Lawrence', givenName: 'Amy' },
    active: true,
    emails: [{ value: 'amy+test102@zuora.com', display: 'amy+test102@zuora.com', type: 'work', primary: true }],
    groups: [{ value: '7f5c248e-44e8-48d3-bacc-b5bd1253c2e4', display: '' }],
    roles: [{ value: 'ADMIN', display: null }],
    [USER_EXTENSION]: { organizationId: '5619df2e', status: 'ACTIVE', ssoEnabled: true, region: 'EU' },
  };

  it("accepts the sample user, OneID's nulls dropped at every depth", () => {
    const read = oneIdResourceSchema.Users.parse(amy);
    expect(read).not.toHaveProperty('externalId');
    expect(read.roles).toEqual([{ value: 'ADMIN' }]);
    expect(read.meta).toEqual(amy.meta);
  });

  it('accepts the list envelope with lower-case resources and its null id, externalId and meta', () => {
    const list = {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      id: null,
      externalId: null,
      meta: null,
      totalResults: 1,
      resources: [amy],
      startIndex: 1,
      itemsPerPage: 100,
    };
    expect(oneIdListSchema.Users.parse(list).resources).toHaveLength(1);
    expect(oneIdListSchema.Groups.parse({ totalResults: 0 })).toEqual({ totalResults: 0 });
  });

  it('refuses a resource without an id, a list without resources, and members of the wrong type', () => {
    expect(oneIdResourceSchema.Users.safeParse({ ...amy, id: null }).success).toBe(false);
    expect(oneIdResourceSchema.Users.safeParse({ ...amy, active: 'true' }).success).toBe(false);
    expect(oneIdResourceSchema.Groups.safeParse({ id: 'g-1', displayName: 7 }).success).toBe(false);
    expect(oneIdListSchema.Users.safeParse({ totalResults: 3 }).success).toBe(false);
    expect(oneIdListSchema.Users.safeParse({ totalResults: '1', resources: [amy] }).success).toBe(false);
  });
});

describe('ZIA (the User, Department and Group models)', () => {
  const user = {
    id: 1203,
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    groups: [{ id: 11, name: 'Engineering', isSystemDefined: false }],
    department: { id: 21, name: 'R&D', idpId: 0, deleted: false },
    comments: 'made by hand',
    adminUser: false,
  };

  it('accepts a user, keeping members it does not name (the full-replacement PUT sends them back)', () => {
    expect(ziaUserSchema.parse({ ...user, extensions: { x: 1 } })).toEqual({ ...user, extensions: { x: 1 } });
    expect(ziaRefSchema.parse({ id: 3, name: 'Sales', extensions: {} })).toEqual({ id: 3, name: 'Sales', extensions: {} });
  });

  it('reads a user without groups as in no group', () => {
    const { groups: _groups, ...alone } = user;
    expect(ziaUserSchema.parse(alone).groups).toEqual([]);
  });

  it('refuses string ids, a missing department and a missing email', () => {
    expect(ziaUserSchema.safeParse({ ...user, id: '1203' }).success).toBe(false);
    expect(ziaUserSchema.safeParse({ ...user, groups: [{ id: '11', name: 'Engineering' }] }).success).toBe(false);
    const { department: _d, ...noDepartment } = user;
    expect(ziaUserSchema.safeParse(noDepartment).success).toBe(false);
    const { email: _e, ...noEmail } = user;
    expect(ziaUserSchema.safeParse(noEmail).success).toBe(false);
  });
});
