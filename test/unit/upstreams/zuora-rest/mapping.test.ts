import { describe, expect, it } from 'vitest';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA, type ScimUser } from '../../../../src/scim/resource.js';
import { changedFields, fromZuora, mergeIntoScim, toZuoraFields } from '../../../../src/upstreams/zuora-rest/mapping.js';

const scim = (extra: Partial<ScimUser> = {}): ScimUser => ({
  schemas: [USER_SCHEMA],
  userName: 'jane@example.com',
  name: { givenName: 'Jane', familyName: 'Doe', formatted: 'Jane Doe' },
  emails: [{ value: 'home@example.org', type: 'home' }, { value: 'jane@example.com', type: 'work', primary: true }],
  ...extra,
});

describe('SCIM → Zuora fields (seed 000 data model)', () => {
  it('maps names, the primary email, phone, title, department, locale, timezone and status', () => {
    const f = toZuoraFields(scim({
      title: 'CFO', locale: 'en_US', timezone: 'America/Los_Angeles', active: false,
      phoneNumbers: [{ value: '+1 555 0100', type: 'work' }],
      [ENTERPRISE_USER_SCHEMA]: { department: 'Finance' },
    }), 'p-billing');
    expect(f).toEqual({
      username: 'jane@example.com', email: 'jane@example.com', firstName: 'Jane', lastName: 'Doe', profileId: 'p-billing',
      status: 'Inactive', phoneNumber: '+1 555 0100', title: 'CFO', department: 'Finance', locale: 'en_US', timezone: 'America/Los_Angeles',
    });
  });

  it('fills the names Zuora requires from displayName or the userName', () => {
    expect(toZuoraFields({ schemas: [USER_SCHEMA], userName: 'solo@example.com', displayName: 'Ada King Lovelace' }, 'p')).toMatchObject({ firstName: 'Ada King', lastName: 'Lovelace', email: 'solo@example.com' });
    expect(toZuoraFields({ schemas: [USER_SCHEMA], userName: 'mono@example.com' }, 'p')).toMatchObject({ firstName: 'mono', lastName: 'mono' });
  });

  it('skips a placeholder that is not an address for the first real one', () => {
    const f = toZuoraFields(scim({ emails: [{ value: 'emailName357', type: 'work', primary: true }, { value: 'real@bob.com', type: 'home' }] }), 'p');
    expect(f.email).toBe('real@bob.com');
  });

  it('changedFields sends only what differs (a partial PUT)', () => {
    const before = toZuoraFields(scim({ title: 'A' }), 'p1');
    const after = toZuoraFields(scim({ title: 'B', active: false }), 'p1');
    expect(changedFields(before, after)).toEqual({ title: 'B', status: 'Inactive' });
    expect(changedFields(before, before)).toEqual({});
  });
});

describe('Zuora → SCIM, overlaid on what the bridge stores', () => {
  const z = { id: 'z1', username: 'jane@example.com', email: 'jane@corp.example', firstName: 'Janet', lastName: 'Doe', status: 'Inactive' as const, profileId: 'p-admin', title: 'CTO' };

  it('fromZuora shows the profile as a roles entry and status as active', () => {
    expect(fromZuora(z, 'Administrator')).toMatchObject({
      userName: 'jane@example.com', active: false, title: 'CTO', name: { givenName: 'Janet', familyName: 'Doe' },
      roles: [{ value: 'Administrator', type: 'zuora-profile', primary: true }],
    });
  });

  it('merge keeps other emails, formatted name and requested roles, and updates what Zuora holds', () => {
    const base = scim({ externalId: 'e1', roles: [{ value: 'admin' }, { value: 'Standard User', type: 'zuora-profile' }] });
    const merged = mergeIntoScim(base, fromZuora(z, 'Administrator'));
    expect(merged.emails).toEqual([{ value: 'home@example.org', type: 'home' }, { value: 'jane@corp.example', type: 'work', primary: true }]);
    expect(merged.name).toEqual({ givenName: 'Janet', familyName: 'Doe', formatted: 'Jane Doe' });
    expect(merged.roles).toEqual([{ value: 'admin', primary: false }, { value: 'Administrator', display: 'Administrator', type: 'zuora-profile', primary: true }]);
    expect(merged).toMatchObject({ externalId: 'e1', active: false, title: 'CTO' });
  });

  it('merge removes what Zuora no longer holds', () => {
    const merged = mergeIntoScim(scim({ title: 'Old', [ENTERPRISE_USER_SCHEMA]: { department: 'X' }, schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA] }), fromZuora({ ...z, title: undefined }, 'Administrator'));
    expect(merged.title).toBeUndefined();
    expect(merged[ENTERPRISE_USER_SCHEMA]).toBeUndefined();
    expect(merged.schemas).toEqual([USER_SCHEMA]);
  });
});
