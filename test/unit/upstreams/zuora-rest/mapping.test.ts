import { describe, expect, it } from 'vitest';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA, type ScimUser } from '../../../../src/scim/resource.js';
import {
  applyChanges,
  changedFields,
  creationFields,
  emailAddressOf,
  fieldsShownBy,
  filledNames,
  fromZuora,
  mergeIntoScim,
  writeTarget,
} from '../../../../src/upstreams/zuora-rest/mapping.js';

const scim = (extra: Partial<ScimUser> = {}): ScimUser => ({
  schemas: [USER_SCHEMA],
  userName: 'jane@example.com',
  name: { givenName: 'Jane', familyName: 'Doe', formatted: 'Jane Doe' },
  emails: [
    { value: 'home@example.org', type: 'home' },
    { value: 'jane@example.com', type: 'work', primary: true },
  ],
  ...extra,
});

describe('SCIM → Zuora fields (seed 000 data model)', () => {
  const full = scim({
    title: 'CFO',
    locale: 'en_US',
    timezone: 'America/Los_Angeles',
    active: false,
    phoneNumbers: [{ value: '+1 555 0100', type: 'work' }],
    [ENTERPRISE_USER_SCHEMA]: { department: 'Finance' },
  });

  it('a creation maps names, the primary email, phone, title, department, locale, timezone and status', () => {
    expect(creationFields(full, 'p-billing')).toEqual({
      username: 'jane@example.com',
      email: 'jane@example.com',
      firstName: 'Jane',
      lastName: 'Doe',
      profileId: 'p-billing',
      status: 'Inactive',
      phoneNumber: '+1 555 0100',
      title: 'CFO',
      department: 'Finance',
      locale: 'en_US',
      timezone: 'America/Los_Angeles',
    });
    // Zuora's default status and unset optional fields are left out of the POST.
    expect(creationFields(scim(), 'p')).toEqual({
      username: 'jane@example.com',
      email: 'jane@example.com',
      firstName: 'Jane',
      lastName: 'Doe',
      profileId: 'p',
    });
  });

  it('fills the names Zuora requires at creation: formatted, displayName, then the userName without domain', () => {
    expect(filledNames({ schemas: [USER_SCHEMA], userName: 'solo@example.com', displayName: 'Ada King Lovelace' })).toEqual({
      firstName: 'Ada King',
      lastName: 'Lovelace',
    });
    expect(filledNames({ schemas: [USER_SCHEMA], userName: 'x', name: { formatted: 'Grace Hopper' }, displayName: 'Amazing Grace' })).toEqual({
      firstName: 'Grace',
      lastName: 'Hopper',
    });
    expect(filledNames({ schemas: [USER_SCHEMA], userName: 'mono@example.com' })).toEqual({ firstName: 'mono', lastName: 'mono' });
    expect(filledNames({ schemas: [USER_SCHEMA], userName: 'DOMAIN\\carol' })).toEqual({ firstName: 'carol', lastName: 'carol' });
    expect(filledNames({ schemas: [USER_SCHEMA], userName: 'x', name: { givenName: 'Only' }, displayName: 'Given Family' })).toEqual({
      firstName: 'Only',
      lastName: 'Family',
    });
  });

  it("Zuora's email: the primary (else work, else first) address, skipping placeholders; never the userName", () => {
    const placeholder = scim({
      emails: [
        { value: 'emailName357', type: 'work', primary: true },
        { value: 'real@bob.com', type: 'home' },
      ],
    });
    expect(creationFields(placeholder, 'p').email).toBe('real@bob.com');
    expect(emailAddressOf(scim({ emails: undefined }))).toBeUndefined();
    expect(emailAddressOf(scim({ emails: [{ value: 'emailName357' }] }))).toBeUndefined();
  });

  it('a later write: names only when sent, unassigned optional fields as null, the profile only when given', () => {
    const target = writeTarget(scim({ name: undefined, title: 'CFO' }), 'jane@example.com', undefined, 'Active');
    expect(target).toEqual({
      username: 'jane@example.com',
      email: 'jane@example.com',
      status: 'Active',
      title: 'CFO',
      phoneNumber: null,
      department: null,
      locale: null,
      timezone: null,
    });
  });

  it('changedFields sends only what differs from what Zuora holds; applyChanges is what Zuora then holds', () => {
    const held = fieldsShownBy(full, 'p1');
    expect(held).toMatchObject({ firstName: 'Jane', title: 'CFO', status: 'Inactive', profileId: 'p1', department: 'Finance' });
    const next = writeTarget(scim({ title: 'CEO', name: undefined }), 'jane@example.com', undefined, 'Active');
    const changes = changedFields(held, next);
    expect(changes).toEqual({ title: 'CEO', status: 'Active', phoneNumber: null, department: null, locale: null, timezone: null });
    expect(changedFields(held, writeTarget(full, 'jane@example.com', 'p1', 'Inactive'))).toEqual({});
    // A null for a field Zuora does not hold is no change.
    expect(changedFields(fieldsShownBy(scim(), 'p1'), writeTarget(scim(), 'jane@example.com', undefined, 'Active'))).toEqual({});
    expect(applyChanges(held, changes)).toEqual({
      username: 'jane@example.com',
      email: 'jane@example.com',
      firstName: 'Jane',
      lastName: 'Doe',
      profileId: 'p1',
      status: 'Active',
      title: 'CEO',
    });
  });
});

describe('Zuora → SCIM, overlaid on what the bridge stores', () => {
  const z = {
    id: 'z1',
    username: 'jane@example.com',
    email: 'jane@corp.example',
    firstName: 'Janet',
    lastName: 'Doe',
    status: 'Inactive' as const,
    profileId: 'p-admin',
    title: 'CTO',
  };

  it('fromZuora shows the profile as a roles entry and status as active', () => {
    expect(fromZuora(z, 'Administrator')).toMatchObject({
      userName: 'jane@example.com',
      active: false,
      title: 'CTO',
      name: { givenName: 'Janet', familyName: 'Doe' },
      roles: [{ value: 'Administrator', type: 'zuora-profile', primary: true }],
    });
  });

  it('merge keeps other emails, formatted name and requested roles, and updates what Zuora holds', () => {
    const base = scim({ externalId: 'e1', roles: [{ value: 'admin' }, { value: 'Standard User', type: 'zuora-profile' }] });
    const merged = mergeIntoScim(base, fromZuora(z, 'Administrator'));
    expect(merged.emails).toEqual([
      { value: 'home@example.org', type: 'home' },
      { value: 'jane@corp.example', type: 'work', primary: true },
    ]);
    expect(merged.name).toEqual({ givenName: 'Janet', familyName: 'Doe', formatted: 'Jane Doe' });
    expect(merged.roles).toEqual([{ value: 'admin' }, { value: 'Administrator', display: 'Administrator', type: 'zuora-profile', primary: true }]);
    expect(merged).toMatchObject({ externalId: 'e1', active: false, title: 'CTO' });
  });

  it('merge removes what Zuora no longer holds', () => {
    const merged = mergeIntoScim(
      scim({ title: 'Old', [ENTERPRISE_USER_SCHEMA]: { department: 'X' }, schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA] }),
      fromZuora({ ...z, title: undefined }, 'Administrator'),
    );
    expect(merged.title).toBeUndefined();
    expect(merged[ENTERPRISE_USER_SCHEMA]).toBeUndefined();
    expect(merged.schemas).toEqual([USER_SCHEMA]);
  });

  it('a requested role sent as primary gives way to the profile, which is the primary role', () => {
    const merged = mergeIntoScim(scim({ roles: [{ value: 'admin', primary: true }] }), fromZuora(z, 'Administrator'));
    expect(merged.roles).toEqual([
      { value: 'admin', primary: false },
      { value: 'Administrator', display: 'Administrator', type: 'zuora-profile', primary: true },
    ]);
  });

  it("keeps the IdP's userName when Zuora shows it in another case, and Zuora's when it is another name", () => {
    expect(mergeIntoScim(scim({ userName: 'Carol.Smith@Example.COM' }), fromZuora({ ...z, username: 'carol.smith@example.com' }, undefined)).userName).toBe(
      'Carol.Smith@Example.COM',
    );
    expect(mergeIntoScim(scim({ userName: 'DOMAIN\\carol' }), fromZuora({ ...z, username: 'domain\\CAROL' }, undefined)).userName).toBe('DOMAIN\\carol');
    expect(mergeIntoScim(scim({ userName: 'carol' }), fromZuora({ ...z, username: 'renamed' }, undefined)).userName).toBe('renamed');
  });
});
