import { describe, expect, it } from 'vitest';
import { USER_SCHEMA, type ScimUser } from '../../../../src/scim/resource.js';
import type { UserWrite } from '../../../../src/upstreams/upstream.js';
import { ONEID_ROLE_TYPE, type UserMappingRules } from '../../../../src/upstreams/zuora-oneid/mapping.js';
import { USER_EXTENSION, type OneIdUser } from '../../../../src/upstreams/zuora-oneid/oneid-wire.js';
import { applyChanges, changesFor, changesNothing } from '../../../../src/upstreams/zuora-oneid/user-changes.js';

const rules: UserMappingRules = {
  organizationId: 'org-1',
  preferredLanguage: 'en',
  locale: 'en-US',
  adminRoles: ['Org Admin'],
  adminGroups: ['Zuora Admins'],
  externalIdSource: 'idp',
};

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

/** What the full-overwrite PUT for `w` would change in OneID's record (fields and new values), `{}` for no PUT. */
function changed(w: UserWrite): Record<string, unknown> {
  const body = applyChanges(record, changesFor(w, rules), 'org-1');
  if (changesNothing(record, body)) return {};
  const { meta: _meta, ...before } = record;
  return Object.fromEntries(Object.entries(body).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify((before as Record<string, unknown>)[k])));
}

describe('what a write changes in OneID', () => {
  it('is nothing when the IdP changed nothing OneID holds, and the role stays without role inputs', () => {
    expect(changed(write({ ...view, title: 'CFO', phoneNumbers: [{ value: '+46 8 123' }] }))).toEqual({});
  });

  it('is only the field the IdP changed', () => {
    expect(changed(write({ ...view, locale: 'en-GB' }))).toEqual({ locale: 'en-GB' });
  });

  it('puts back what the IdP holds, over a change made in OneID’s console (drift enforcement: previous is the intent)', () => {
    const intent = { ...view, displayName: 'Rebecca Lindqvist' };
    expect(changed({ user: intent, groupNames: [], previous: { user: intent, groupNames: [] } })).toEqual({ displayName: 'Rebecca Lindqvist' });
  });

  it('leaves alone what a PUT does not carry: names, language, locale, displayName, ssoEnabled, emails', () => {
    const put: ScimUser = { schemas: [USER_SCHEMA], userName: 'rebecca@example.com', active: true };
    expect(changed(write(put))).toEqual({});
  });

  it('sets a name as sent, clearing a part left out; the formatted name is kept, or derived anew by OneID when a part changed', () => {
    expect(changed(write({ ...view, name: { givenName: 'Rebecca', familyName: 'Lindqvist' } }))).toEqual({});
    expect(changed(write({ ...view, name: { givenName: 'Becky', familyName: 'Lindqvist' } }))).toEqual({
      name: { givenName: 'Becky', familyName: 'Lindqvist' },
    });
    expect(changed(write({ ...view, name: { familyName: 'Lindqvist', formatted: 'Rebecca Lindqvist' } }))).toEqual({
      name: { formatted: 'Rebecca Lindqvist', familyName: 'Lindqvist' },
    });
  });

  it('changes the federated id only when what it is derived from changes', () => {
    const federated = { ...record, externalId: 'rl-federated' };
    const body = (w: UserWrite) => applyChanges(federated, changesFor(w, rules), 'org-1');
    expect(body(write({ ...view, locale: 'en-GB' })).externalId).toBe('rl-federated');
    expect(body(write({ ...view, externalId: 'okta-00u1' })).externalId).toBe('okta-00u1');
  });

  it('keeps OneID’s email when a PUT sends no emails, and takes the userName only for emails without an address', () => {
    const { emails: _e, ...noEmails } = view;
    expect(changed(write(noEmails as ScimUser))).toEqual({});
    expect(changesFor(write({ ...view, userName: 'becky@example.com', emails: [{ value: 'emailName357' }] }), rules)).toMatchObject({
      email: 'becky@example.com',
    });
  });

  it('recomputes the role only when an input changed: joining an admin group, losing the last admin input', () => {
    expect(changed(write(view, { groupNames: ['Zuora Admins'] }))).toEqual({});
    const admin = { user: view, groupNames: ['Zuora Admins'] };
    expect(changed(write(view, { groupNames: [], previous: admin }))).toEqual({ roles: [{ value: 'USER' }] });
    expect(changesFor(write(view, { groupNames: ['Zuora Admins', 'Engineering'], previous: admin }), rules).role).toBeUndefined();
    expect(changesFor(write(view, { groupNames: ['Zuora Admins'] }), rules).role).toBe('ADMIN');
  });

  it('takes an explicit role value from the IdP as an input', () => {
    expect(changed(write({ ...view, roles: [...(view.roles ?? []), { value: 'USER' }] }))).toEqual({ roles: [{ value: 'USER' }] });
  });

  it('without previous inputs (a replace standing for a create) gives the role a create would', () => {
    expect(changesFor({ user: view, groupNames: [] }, rules)).toMatchObject({ role: 'USER', externalId: 'rebecca@example.com' });
  });

  it('restores the role and active state drift enforcement names', () => {
    expect(changesFor(write(view, { restore: { role: 'ADMIN', active: false } }), rules)).toMatchObject({ role: 'ADMIN', active: false });
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
    expect(applyChanges(record, { name: { givenName: 'Becky', formatted: 'Becky L' } }, 'org-1').name).toEqual({
      givenName: 'Becky',
      familyName: 'Lindqvist',
      formatted: 'Becky L',
    });
    expect(applyChanges(record, { name: { givenName: 'Rebecca' } }, 'org-1').name).toEqual(record.name);
  });

  it('clears a name part and leaves status to OneID when active changes', () => {
    const body = applyChanges(record, { name: { givenName: null }, active: false }, 'org-1');
    expect(body.name).toEqual({ familyName: 'Lindqvist' });
    expect(body[USER_EXTENSION]).toEqual({ schemas: [USER_EXTENSION], organizationId: 'org-1', ssoEnabled: false, region: 'EU' });
  });
});
