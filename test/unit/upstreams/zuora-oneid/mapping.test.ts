import { describe, expect, it } from 'vitest';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA, type ScimUser } from '../../../../src/scim/resource.js';
import { fromOneIdUser, ONEID_ROLE_TYPE, toOneIdUser, type UserMappingRules } from '../../../../src/upstreams/zuora-oneid/mapping.js';
import { mergeIntoScim } from '../../../../src/upstreams/zuora-oneid/user-merge.js';
import { USER_EXTENSION } from '../../../../src/upstreams/zuora-oneid/oneid-wire.js';

const rules: UserMappingRules = {
  organizationId: 'org-1',
  preferredLanguage: 'en',
  locale: 'en-US',
  adminRoles: ['Administrator'],
  adminGroups: ['Finance Admins'],
  externalIdSource: 'idp',
};

const user = (extra: Partial<ScimUser> = {}): ScimUser => ({ schemas: [USER_SCHEMA], userName: 'ada@example.com', ...extra });

describe('what OneID requires and IdPs do not send', () => {
  it('fills organizationId, preferredLanguage, locale, roles, externalId, name, displayName, active and the email', () => {
    expect(toOneIdUser(user(), [], rules)).toEqual({
      schemas: [USER_EXTENSION, USER_SCHEMA],
      userName: 'ada@example.com',
      externalId: 'ada@example.com',
      name: { givenName: 'ada', familyName: 'ada', formatted: 'ada ada' },
      displayName: 'ada ada',
      preferredLanguage: 'en',
      locale: 'en-US',
      active: true,
      emails: [{ value: 'ada@example.com', type: 'work', primary: true }],
      roles: [{ value: 'USER' }],
      [USER_EXTENSION]: { organizationId: 'org-1' },
    });
  });

  it('keeps what the IdP did send', () => {
    const body = toOneIdUser(
      user({
        externalId: 'okta-42',
        preferredLanguage: 'de',
        locale: 'de-DE',
        active: false,
        displayName: 'Ada L.',
        name: { givenName: 'Ada', familyName: 'Lovelace' },
      }),
      [],
      rules,
    );
    expect(body).toMatchObject({ externalId: 'okta-42', preferredLanguage: 'de', locale: 'de-DE', active: false, displayName: 'Ada L.' });
    expect(body.name).toEqual({ givenName: 'Ada', familyName: 'Lovelace', formatted: 'Ada Lovelace' });
  });

  it('splits a display name when the IdP sends no given and family names', () => {
    expect(toOneIdUser(user({ displayName: 'Grace Brewster Hopper' }), [], rules).name).toEqual({
      givenName: 'Grace Brewster',
      familyName: 'Hopper',
      formatted: 'Grace Brewster Hopper',
    });
  });

  it('takes the externalId from the userName when configured so, whatever the IdP sends', () => {
    expect(toOneIdUser(user({ externalId: 'okta-42' }), [], { ...rules, externalIdSource: 'userName' }).externalId).toBe('ada@example.com');
  });

  it('sends the primary address as the one email, skipping placeholders, else the userName', () => {
    const emails = [
      { value: 'emailName357', primary: true },
      { value: 'home@example.com', type: 'home' },
      { value: 'work@example.com', type: 'work' },
    ];
    expect(toOneIdUser(user({ emails }), [], rules).emails).toEqual([{ value: 'work@example.com', type: 'work', primary: true }]);
    expect(toOneIdUser(user({ emails: [{ value: 'nope' }] }), [], rules).emails).toEqual([{ value: 'ada@example.com', type: 'work', primary: true }]);
  });

  it('refuses a user without any address as invalid', () => {
    expect(() => toOneIdUser(user({ userName: 'ada' }), [], rules)).toThrow(expect.objectContaining({ kind: 'invalid' }));
  });

  it('never lets the IdP choose the organization', () => {
    const body = toOneIdUser(user({ [USER_EXTENSION]: { organizationId: 'someone-else', ssoEnabled: false } }), [], rules);
    expect(body[USER_EXTENSION]).toEqual({ organizationId: 'org-1', ssoEnabled: false });
  });
});

describe('the role a create sends', () => {
  it.each([
    [[], [], 'USER'],
    [['Administrator'], [], 'ADMIN'],
    [['administrator'], [], 'ADMIN'],
    [['ADMIN'], [], 'ADMIN'],
    [['USER'], [], 'USER'],
    [['Billing'], ['finance admins'], 'ADMIN'],
    [['USER'], ['Finance Admins'], 'ADMIN'],
    [['Billing'], ['Engineering'], 'USER'],
  ])('roles %j in groups %j → %s', (roles, groups, expected) => {
    expect(toOneIdUser(user({ roles: roles.map((value) => ({ value })) }), groups, rules).roles).toEqual([{ value: expected }]);
  });

  it('reads the IdP’s roles, not the read-back entry of the role OneID holds', () => {
    const u = user({ roles: [{ value: 'ADMIN', type: ONEID_ROLE_TYPE }] });
    expect(toOneIdUser(u, [], rules).roles).toEqual([{ value: 'USER' }]);
    expect(toOneIdUser(u, ['Finance Admins'], rules).roles).toEqual([{ value: 'ADMIN' }]);
  });
});

describe('reading OneID', () => {
  it('drops null keys and leaves out groups and externalId, which the core owns', () => {
    const up = fromOneIdUser({
      id: 'u-1',
      externalId: null,
      meta: null,
      userName: 'ada@example.com',
      name: { formatted: 'Ada Lovelace', familyName: 'Lovelace', givenName: 'Ada' },
      displayName: null,
      active: true,
      emails: [{ value: 'ada@example.com', display: 'ada@example.com', type: 'work', primary: true }],
      groups: [{ value: 'g-1', display: '' }],
      roles: [{ value: 'ADMIN', display: 'ADMIN' }],
      [USER_EXTENSION]: { schemas: [USER_EXTENSION], organizationId: 'org-1', status: 'ACTIVE', ssoEnabled: true, region: 'EU' },
    });
    expect(up).toEqual({
      upstreamId: 'u-1',
      user: {
        schemas: [USER_SCHEMA, USER_EXTENSION],
        userName: 'ada@example.com',
        active: true,
        name: { formatted: 'Ada Lovelace', familyName: 'Lovelace', givenName: 'Ada' },
        emails: [{ value: 'ada@example.com', type: 'work', primary: true }],
        roles: [{ value: 'ADMIN', display: 'ADMIN', type: ONEID_ROLE_TYPE }],
        [USER_EXTENSION]: { organizationId: 'org-1', status: 'ACTIVE', ssoEnabled: true, region: 'EU' },
      },
      state: { role: 'ADMIN', active: true, status: 'ACTIVE' },
    });
  });
});

describe('merge', () => {
  const base: ScimUser = user({
    schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
    externalId: 'okta-42',
    name: { givenName: 'Ada', familyName: 'Lovelace', middleName: 'King' },
    emails: [
      { value: 'ada@example.com', type: 'work', primary: true },
      { value: 'ada@home.example', type: 'home' },
    ],
    phoneNumbers: [{ value: '+44 20 7946 0000' }],
    roles: [{ value: 'Administrator', primary: true }],
    groups: [{ value: 'stale' }],
    [ENTERPRISE_USER_SCHEMA]: { department: 'Analytics' },
  });
  const up = fromOneIdUser({
    id: 'u-1',
    userName: 'ada@example.com',
    name: { formatted: 'Augusta Lovelace', givenName: 'Augusta', familyName: 'Lovelace' },
    active: false,
    preferredLanguage: 'en',
    locale: 'en-GB',
    emails: [{ value: 'augusta@example.com' }],
    roles: [{ value: 'ADMIN' }],
    [USER_EXTENSION]: { organizationId: 'org-1', status: 'INACTIVE', ssoEnabled: true, region: 'US' },
  });

  it('takes what OneID holds and keeps what it cannot hold', () => {
    const merged = mergeIntoScim(base, up.user);
    expect(merged).toMatchObject({
      externalId: 'okta-42',
      active: false,
      locale: 'en-GB',
      name: { givenName: 'Augusta', familyName: 'Lovelace', formatted: 'Augusta Lovelace', middleName: 'King' },
      phoneNumbers: [{ value: '+44 20 7946 0000' }],
      [ENTERPRISE_USER_SCHEMA]: { department: 'Analytics' },
      [USER_EXTENSION]: { organizationId: 'org-1', status: 'INACTIVE', ssoEnabled: true, region: 'US' },
    });
    expect(merged.emails).toEqual([
      { value: 'augusta@example.com', type: 'work', primary: true },
      { value: 'ada@home.example', type: 'home' },
    ]);
    expect(merged.groups).toBeUndefined();
    expect(merged.roles).toEqual([
      { value: 'Administrator', primary: true },
      { value: 'ADMIN', display: 'ADMIN', type: ONEID_ROLE_TYPE },
    ]);
  });

  it('gives the same result when merged again, so the reconciler sees no change', () => {
    const once = mergeIntoScim(base, up.user);
    expect(mergeIntoScim(once, up.user)).toEqual(once);
  });

  it('shows the userName as the IdP sent it when OneID holds it in another case, and OneID’s after a rename there', () => {
    const sent = user({ userName: 'Carol.Smith@Example.COM' });
    expect(mergeIntoScim(sent, { ...up.user, userName: 'carol.smith@example.com' }).userName).toBe('Carol.Smith@Example.COM');
    expect(mergeIntoScim(sent, { ...up.user, userName: 'csmith@example.com' }).userName).toBe('csmith@example.com');
  });
});
