import { describe, expect, it } from 'vitest';
import { resolveProfile } from '../../../../src/upstreams/zuora-rest/profile-resolver.js';

const profiles = [
  { id: 'p-admin', name: 'Administrator' },
  { id: 'p-standard', name: 'Standard User' },
  { id: 'p-readonly', name: 'Read Only' },
  { id: 'p-billing', name: 'Billing Clerk' },
];
const mapping = {
  roles: { admin: 'Administrator', Billing: 'p-billing' },
  groups: { Administrators: 'Administrator', 'Billing Team': 'Billing Clerk', Auditors: 'Read Only' },
  precedence: ['Administrator', 'Billing Clerk', 'Standard User', 'Read Only'],
  default: 'Standard User',
};
const resolve = (roles: string[], groups: string[], m = mapping) => resolveProfile(roles, groups, m, profiles)?.id;

describe('resolveProfile: one Zuora profile from roles and group memberships', () => {
  it('falls back to the default profile when nothing maps', () => {
    expect(resolve([], [])).toBe('p-standard');
    expect(resolve(['unmapped'], ['Some Group'])).toBe('p-standard');
  });

  it('maps roles and groups (case-insensitively), by profile name or id', () => {
    expect(resolve(['ADMIN'], [])).toBe('p-admin');
    expect(resolve(['billing'], [])).toBe('p-billing');
    expect(resolve([], ['auditors'])).toBe('p-readonly');
  });

  it('lets a role name a profile directly', () => {
    expect(resolve(['Read Only'], [])).toBe('p-readonly');
    expect(resolve(['p-billing'], [])).toBe('p-billing');
  });

  it('applies precedence when several match, whatever their order', () => {
    expect(resolve([], ['Auditors', 'Billing Team', 'Administrators'])).toBe('p-admin');
    expect(resolve(['billing'], ['Auditors'])).toBe('p-billing');
  });

  it('ranks profiles missing from the precedence list after listed ones, in the order found', () => {
    const partial = { ...mapping, precedence: ['Read Only'] };
    expect(resolve([], ['Billing Team', 'Auditors'], partial)).toBe('p-readonly');
    expect(resolve([], ['Billing Team', 'Administrators'], partial)).toBe('p-billing');
  });
});
