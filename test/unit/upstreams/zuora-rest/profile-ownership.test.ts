import { describe, expect, it } from 'vitest';
import { decideProfile } from '../../../../src/upstreams/zuora-rest/profile-ownership.js';
import { mappedInputs } from '../../../../src/upstreams/zuora-rest/profile-resolver.js';

const profiles = [
  { id: 'p-admin', name: 'Administrator' },
  { id: 'p-standard', name: 'Standard User' },
  { id: 'p-readonly', name: 'Read Only' },
  { id: 'p-billing', name: 'Billing Clerk' },
];
const mapping = {
  roles: { admin: 'Administrator', billing: 'p-billing' },
  groups: { Administrators: 'Administrator', 'Billing Team': 'Billing Clerk', Auditors: 'Read Only' },
  precedence: ['Administrator', 'Billing Clerk', 'Standard User', 'Read Only'],
  default: 'Standard User',
};
const inputs = (roles: string[], groupNames: string[]) => ({ roles, groupNames });
const decide = (now: ReturnType<typeof inputs>, previous?: ReturnType<typeof inputs>) => {
  const d = decideProfile(now, previous, mapping, profiles);
  return d.kind === 'mapped' ? d.profile.id : d.kind;
};

describe('mappedInputs: the roles and groups the mapping knows, normalised', () => {
  it('ignores unmapped roles and groups, ignores case and order, and counts a role naming a profile', () => {
    expect(mappedInputs(['ADMIN', 'unmapped', 'Read Only'], ['Engineering', 'billing team'], mapping, profiles)).toEqual([
      'group:billing team',
      'role:admin',
      'role:read only',
    ]);
    expect(mappedInputs(['admin'], ['Auditors'], mapping, profiles)).toEqual(mappedInputs(['Admin'], ['AUDITORS'], mapping, profiles));
  });
});

describe('decideProfile: the ownership rule', () => {
  it('at creation: the mapped profile, else the default', () => {
    expect(decide(inputs(['admin'], []))).toBe('p-admin');
    expect(decide(inputs([], ['Auditors']))).toBe('p-readonly');
    expect(decide(inputs(['unmapped'], ['Engineering']))).toBe('default');
  });

  it('mapped inputs unchanged: keep whatever Zuora holds (an adopted Administrator written for a title change)', () => {
    expect(decide(inputs([], []), inputs([], []))).toBe('keep');
    expect(decide(inputs(['unmapped', 'other'], ['Engineering']), inputs(['unmapped'], []))).toBe('keep');
    expect(decide(inputs(['ADMIN'], ['billing team']), inputs(['admin'], ['Billing Team']))).toBe('keep');
  });

  it('a mapped input changed: recompute by precedence', () => {
    expect(decide(inputs([], ['Billing Team']), inputs([], []))).toBe('p-billing');
    expect(decide(inputs(['billing'], []), inputs(['admin'], []))).toBe('p-billing');
    expect(decide(inputs([], ['Billing Team', 'Administrators']), inputs([], ['Billing Team']))).toBe('p-admin');
    expect(decide(inputs([], ['Billing Team']), inputs([], ['Billing Team', 'Administrators']))).toBe('p-billing');
  });

  it('losing the last mapped input returns to the default; gaining or losing only unmapped ones keeps', () => {
    expect(decide(inputs([], []), inputs([], ['Administrators']))).toBe('default');
    expect(decide(inputs(['unmapped'], ['Engineering']), inputs(['admin'], ['Engineering']))).toBe('default');
    expect(decide(inputs([], ['Engineering']), inputs([], []))).toBe('keep');
  });
});
