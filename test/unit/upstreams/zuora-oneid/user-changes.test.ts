import { describe, expect, it } from 'vitest';
import { USER_SCHEMA, type ScimUser } from '../../../../src/scim/resource.js';
import type { UserWrite } from '../../../../src/upstreams/upstream.js';
import { ONEID_ROLE_TYPE, type UserMappingRules } from '../../../../src/upstreams/zuora-oneid/mapping.js';
import { USER_EXTENSION, type OneIdUser } from '../../../../src/upstreams/zuora-oneid/oneid-wire.js';
import { applyChanges, changesFor, changesNothing } from '../../../../src/upstreams/zuora-oneid/user-changes.js';

const rules: UserMappingRules = { organizationId: 'org-1', preferredLanguage: 'en', locale: 'en-US', adminRoles: ['Org Admin'], adminGroups: ['Zuora Admins'], externalIdSource: 'idp' };

/** The bridge's view of an adopted OneID admin, as `mergeIntoScim` leaves it. */
const view: ScimUser = {
  schemas: [USER_SCHEMA, USER_EXTENSION],
  userName: 'rebecca@example.com',
  name: { givenName: 'Rebecca', familyName: 'Lindqvist', formatted: 'Rebecca Lindqvist' },
  displayName: 'Becky L.',
  preferredLanguage: 'sv',
  locale: 'sv-SE',
  active: true,
  emails: [{ value: 'rebecca@example.com', type: 'work', primary: true }],
  roles: [{ value: 'ADMIN', display: 'ADMIN', type: ONEID_ROLE_TYPE }],
  [USER_EXTENSION]: { organizationId: 'org-1', status: 'ACTIVE', ssoEnabled: false, region: 'EU' },
};

/** OneID's record of the same user. */
const record: OneIdUser = {
  schemas: [USER_EXTENSION, USER_SCHEMA],
  id: 'u-1',
  externalId: 'rebecca@example.com',
  meta: { resourceType: 'User', created: '2022-02-14T09:12:03.114Z' },
  userName: 'rebecca@example.com',
  name: { formatted: 'Rebecca Lindqvist', familyName: 'Lindqvist', givenName: 'Rebecca' },
  displayName: 'Becky L.',
  preferredLanguage: 'sv',
  locale: 'sv-SE',
  active: true,
  emails: [{ value: 'rebecca@example.com', display: 'rebecca@example.com', type: 'work', primary: true }],
  groups: [{ value: 'g-1', display: '' }],
  roles: [{ value: 'ADMIN', display: 'ADMIN' }],
  [USER_EXTENSION]: { schemas: [USER_EXTENSION], organizationId: 'org-1', status: 'ACTIVE', ssoEnabled: false, region: 'EU' },
};

const write = (user: ScimUser, extra: Partial<UserWrite> = {}): UserWrite => ({ user, groupNames: [], previous: { user: view, groupNames: [] }, ...extra });

describe('what a write changes in OneID', () => {
  it('is nothing when the IdP changed nothing OneID holds, and the role stays without role inputs', () => {
    expect(changesFor(write({ ...view, title: 'CFO', phoneNumbers: [{ value: '+46 8 123' }] }), rules)).toEqual({});
  });

  it('is only the field the IdP changed', () => {
    expect(changesFor(write({ ...view, locale: 'en-GB' }), rules)).toEqual({ locale: 'en-GB' });
  });

  it('leaves alone what a PUT does not carry: names, language, locale, displayName, ssoEnabled', () => {
    const put: ScimUser = { schemas: [USER_SCHEMA], userName: 'rebecca@example.com', active: true, emails: [{ value: 'rebecca@example.com' }] };
    // The externalId follows the userName when the IdP sends none; it was the userName already.
    expect(changesFor(write(put), rules)).toEqual({});
  });

  it('sets a name as sent, clearing a part left out', () => {
    expect(changesFor(write({ ...view, name: { givenName: 'Becky', familyName: 'Lindqvist' } }), rules)).toEqual({ name: { givenName: 'Becky' } });
    expect(changesFor(write({ ...view, name: { familyName: 'Lindqvist', formatted: 'Rebecca Lindqvist' } }), rules)).toEqual({ name: { givenName: null } });
  });

  it('keeps OneID’s email when a PUT sends no emails, and takes the userName only for emails without an address', () => {
    const { emails: _e, ...noEmails } = view;
    expect(changesFor(write(noEmails as ScimUser), rules)).toEqual({});
    expect(changesFor(write({ ...view, userName: 'becky@example.com', emails: [{ value: 'emailName357' }] }), rules)).toMatchObject({ email: 'becky@example.com' });
  });

  it('recomputes the role only when an input changed: joining an admin group, losing the last admin input', () => {
    expect(changesFor(write(view, { groupNames: ['Zuora Admins'] }), rules)).toEqual({ role: 'ADMIN' });
    const admin = { user: view, groupNames: ['Zuora Admins'] };
    expect(changesFor(write(view, { groupNames: [], previous: admin }), rules)).toEqual({ role: 'USER' });
    expect(changesFor(write(view, { groupNames: ['Zuora Admins', 'Engineering'], previous: admin }), rules)).toEqual({});
  });

  it('takes an explicit role value from the IdP as an input', () => {
    expect(changesFor(write({ ...view, roles: [...(view.roles ?? []), { value: 'USER' }] }), rules)).toEqual({ role: 'USER' });
  });

  it('without previous inputs (a replace standing for a create) carries everything the write holds and the default role', () => {
    const changes = changesFor({ user: view, groupNames: [] }, rules);
    expect(changes).toMatchObject({ userName: 'rebecca@example.com', locale: 'sv-SE', role: 'USER', ssoEnabled: false });
  });

  it('restores the role and active state drift enforcement names', () => {
    expect(changesFor(write(view, { restore: { role: 'ADMIN', active: false } }), rules)).toEqual({ role: 'ADMIN', active: false });
  });

  it('refuses emails that hold no address, naming emails', () => {
    expect(() => changesFor(write({ ...view, userName: 'rebecca', emails: [{ value: 'emailName357' }] }), rules)).toThrow(/^emails: /);
  });
});

describe('the PUT that carries a change', () => {
  it('is OneID’s own record with the change made: groups, status, region and every other field go back as they were', () => {
    const body = applyChanges(record, { locale: 'en-GB' }, 'org-1');
    const { meta: _meta, ...rest } = record;
    expect(body).toEqual({ ...rest, locale: 'en-GB' });
  });

  it('changes nothing when the change is what OneID holds already (email and role compared by value)', () => {
    expect(changesNothing(record, applyChanges(record, { email: 'rebecca@example.com', role: 'ADMIN', active: true }, 'org-1'))).toBe(true);
    expect(changesNothing(record, applyChanges(record, { role: 'USER' }, 'org-1'))).toBe(false);
  });

  it('lets OneID derive the formatted name anew when a part changes and none is sent, and keeps it otherwise', () => {
    expect(applyChanges(record, { name: { givenName: 'Becky' } }, 'org-1').name).toEqual({ givenName: 'Becky', familyName: 'Lindqvist' });
    expect(applyChanges(record, { name: { givenName: 'Becky', formatted: 'Becky L' } }, 'org-1').name).toEqual({ givenName: 'Becky', familyName: 'Lindqvist', formatted: 'Becky L' });
    expect(applyChanges(record, { name: { givenName: 'Rebecca' } }, 'org-1').name).toEqual(record.name);
  });

  it('clears a name part and leaves status to OneID when active changes', () => {
    const body = applyChanges(record, { name: { givenName: null }, active: false }, 'org-1');
    expect(body.name).toEqual({ familyName: 'Lindqvist' });
    expect(body[USER_EXTENSION]).toEqual({ schemas: [USER_EXTENSION], organizationId: 'org-1', ssoEnabled: false, region: 'EU' });
  });
});
