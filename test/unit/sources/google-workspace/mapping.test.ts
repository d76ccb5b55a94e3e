import { describe, expect, it } from 'vitest';

import { toSourceGroup, toSourceUser } from '../../../../src/sources/google-workspace/mapping.js';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('a Google user in SCIM form', () => {
  it('maps login, names, emails, phones and the primary organization under Google’s immutable id', () => {
    const mapped = toSourceUser({
      id: '103456789012345678901',
      primaryEmail: 'ada@acme.example',
      name: { givenName: 'Ada', familyName: 'Lovelace', fullName: 'Ada Lovelace' },
      emails: [
        { address: 'ada@acme.example', primary: true },
        { address: 'ada.l@acme.example', type: 'work' },
        { address: 'ada@home.example', type: 'custom' },
      ],
      phones: [{ value: '+44 20 7946 0000', type: 'mobile', primary: true }, { value: '' }],
      organizations: [
        { title: 'Intern', department: 'Old', primary: false },
        { title: 'Engineer', department: 'Analytical Engines', costCenter: 'CC-42', primary: true },
      ],
    });
    expect(mapped).toEqual({
      sourceId: '103456789012345678901',
      user: {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
        userName: 'ada@acme.example',
        name: { givenName: 'Ada', familyName: 'Lovelace', formatted: 'Ada Lovelace' },
        displayName: 'Ada Lovelace',
        active: true,
        emails: [
          { value: 'ada@acme.example', type: 'work', primary: true },
          { value: 'ada.l@acme.example', type: 'work' },
          { value: 'ada@home.example', type: 'other' },
        ],
        phoneNumbers: [{ value: '+44 20 7946 0000', type: 'mobile', primary: true }],
        title: 'Engineer',
        [ENTERPRISE]: { department: 'Analytical Engines', costCenter: 'CC-42' },
      },
    });
  });

  it.each([
    [{ suspended: true }, false],
    [{ archived: true }, false],
    [{ suspended: false, archived: false }, true],
    [{}, true],
  ])('%j → active %s', (flags, active) => {
    expect(toSourceUser({ id: '1', primaryEmail: 'a@acme.example', ...flags }).user.active).toBe(active);
  });

  it('carries no enterprise extension and no empty attributes for a bare user', () => {
    const { user } = toSourceUser({ id: '1', primaryEmail: 'a@acme.example' });
    expect(user).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'a@acme.example',
      active: true,
      emails: [{ value: 'a@acme.example', type: 'work', primary: true }],
    });
  });
});

describe('a Google group in SCIM form', () => {
  it('keeps user members once each, by id, and leaves nested groups’ own entries out', () => {
    const group = toSourceGroup({ id: 'g1', email: 'eng@acme.example', name: 'Engineering' }, [
      { id: 'u1', type: 'USER' },
      { id: 'g2', type: 'GROUP' },
      { id: 'u2', type: 'USER' },
      { id: 'u1', type: 'USER' },
      { id: 'c1', type: 'CUSTOMER' },
    ]);
    expect(group).toEqual({ sourceId: 'g1', displayName: 'Engineering', memberSourceIds: ['u1', 'u2'] });
  });

  it('is named by its email when it has no name', () => {
    expect(toSourceGroup({ id: 'g1', email: 'eng@acme.example' }, []).displayName).toBe('eng@acme.example');
  });
});
