import { describe, expect, it } from 'vitest';
import { roleAskedFor, roleInputs, roleToWrite } from '../../../../src/upstreams/zuora-oneid/role-rules.js';

const rules = { adminRoles: ['Org Admin'], adminGroups: ['Zuora Admins'] };

describe('role inputs', () => {
  it('are the roles and admin groups a rule names, case-insensitive, and nothing else', () => {
    expect(roleInputs(['Billing', 'org admin', 'USER'], ['Engineering', 'ZUORA ADMINS'], rules)).toEqual(['group:zuora admins', 'role:org admin', 'role:user']);
    expect(roleInputs(['Billing'], ['Engineering'], rules)).toEqual([]);
  });

  it('ask for ADMIN on any admin input, USER on an explicit USER alone, nothing otherwise', () => {
    expect(roleAskedFor(['role:user', 'group:zuora admins'])).toBe('ADMIN');
    expect(roleAskedFor(['role:admin'])).toBe('ADMIN');
    expect(roleAskedFor(['role:user'])).toBe('USER');
    expect(roleAskedFor([])).toBeUndefined();
  });
});

describe('the role a write sets (undefined: OneID keeps its own)', () => {
  it('at creation: what the inputs ask for, else the default USER', () => {
    expect(roleToWrite(['group:zuora admins'], undefined)).toBe('ADMIN');
    expect(roleToWrite([], undefined)).toBe('USER');
  });

  it('keeps OneID’s role while the inputs stay as they were, whatever they ask for', () => {
    expect(roleToWrite(['role:org admin'], ['role:org admin'])).toBeUndefined();
    expect(roleToWrite([], [])).toBeUndefined();
  });

  it('recomputes when an input changed', () => {
    expect(roleToWrite(['group:zuora admins'], [])).toBe('ADMIN');
    expect(roleToWrite(['role:user'], ['role:org admin'])).toBe('USER');
    expect(roleToWrite(['role:org admin', 'role:user'], ['role:user'])).toBe('ADMIN');
  });

  it('returns a user that lost its last input to USER, and keeps OneID’s role for one that never had any', () => {
    expect(roleToWrite([], ['group:zuora admins'])).toBe('USER');
    expect(roleToWrite([], ['role:user'])).toBe('USER');
  });
});
