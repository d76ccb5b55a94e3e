import { describe, expect, it } from 'vitest';
import { applyPatch } from '../../../../src/scim/patch/index.js';
import type { JsonValue, PatchOperation } from '../../../../src/scim/resource.js';
import { ENTERPRISE, enterpriseUser, expectScimError, fullUser, group, groupSchema, scimErrorFrom, userSchema } from './fixtures.js';

/** Each refusal of RFC 7644 §3.5.2 / §3.12, with the scimType an IdP sees. */

const op = (o: string, path?: string, value?: JsonValue): PatchOperation =>
  ({ op: o, ...(path === undefined ? {} : { path }), ...(value === undefined ? {} : { value }) }) as PatchOperation;
const onUser =
  (...ops: PatchOperation[]) =>
  () =>
    applyPatch(enterpriseUser(), ops, userSchema);
const onGroup =
  (...ops: PatchOperation[]) =>
  () =>
    applyPatch(group(), ops, groupSchema);

describe('invalidSyntax', () => {
  it('an op other than add, remove or replace', () => expectScimError(onUser(op('copy', 'nickName', 'x')), 'invalidSyntax'));
  it('an add without a value', () => expectScimError(onUser(op('add', 'nickName')), 'invalidSyntax'));
});

describe('invalidPath', () => {
  const malformed = ['emails[type eq "work"', 'name..givenName', 'name.givenName.first', 'emails[type eq "work"]value', 'nick name', ''];
  for (const path of malformed) it(`malformed path ${JSON.stringify(path)}`, () => expectScimError(onUser(op('replace', path, 'x')), 'invalidPath'));

  const unknown = ['favouriteColour', 'name.nickname', `${ENTERPRISE}:shoeSize`, 'emails[type eq "work"].label', 'urn:example:unknown:2.0:User:title'];
  for (const path of unknown) it(`attribute outside the schema: ${path}`, () => expectScimError(onUser(op('replace', path, 'x')), 'invalidPath'));

  it('an unknown key in a no-path value', () => expectScimError(onUser(op('replace', undefined, { favouriteColour: 'blue' })), 'invalidPath'));
  it('a value filter on a single-valued attribute', () => expectScimError(onUser(op('replace', 'name[givenName eq "B"].familyName', 'x')), 'invalidPath'));
  it('a sub-attribute of a multi-valued attribute without a filter', () => expectScimError(onUser(op('add', 'emails.value', 'a@b.c')), 'invalidPath'));
  it('a value filter testing a sub-attribute the attribute lacks', () => expectScimError(onUser(op('remove', 'emails[label eq "work"]')), 'invalidPath'));
  it('a value filter with a comparison filters may not make', () => expectScimError(onUser(op('remove', 'emails[primary gt true]')), 'invalidPath'));
  it('removing the core schema', () => expectScimError(onUser(op('remove', 'urn:ietf:params:scim:schemas:core:2.0:User')), 'invalidPath'));
});

describe('mutability', () => {
  const readOnly: [string, () => unknown][] = [
    ['replace id', onUser(op('replace', 'id', 'other'))],
    ['replace meta.version', onUser(op('replace', 'meta.version', 'W/"1"'))],
    ['add groups on a User', onUser(op('add', 'groups', [{ value: 'g-1' }]))],
    ['remove groups on a User', onUser(op('remove', 'groups'))],
    ['replace manager.displayName', onUser(op('replace', `${ENTERPRISE}:manager.displayName`, 'Jane'))],
    ['replace meta.created', onGroup(op('replace', 'meta.created', '2020-01-01T00:00:00Z'))],
  ];
  for (const [name, run] of readOnly) it(`explicit path to a readOnly attribute: ${name}`, () => expectScimError(run, 'mutability'));

  it('removing the required userName', () => expectScimError(onUser(op('remove', 'userName')), 'mutability'));
  it('replacing the required displayName of a group with an empty value', () => expectScimError(onGroup(op('replace', 'displayName', '')), 'mutability'));
  it('changing the immutable value of an existing member', () =>
    expectScimError(onGroup(op('replace', 'members[value eq "902c246b-6245-4190-8e05-00816be7344a"].value', 'someone-else')), 'mutability'));
});

describe('a no-path value with readOnly keys is accepted and those keys ignored', () => {
  it('id, meta and groups are left as they were', () => {
    const user = fullUser();
    const value = { id: 'x', meta: { version: 'W/"9"' }, groups: [], schemas: ['urn:x'], title: 'Chief Guide' };
    expect(applyPatch(user, [op('replace', undefined, value)], userSchema)).toStrictEqual({ ...user, title: 'Chief Guide' });
  });
});

describe('noTarget', () => {
  it('a remove without a path', () => expectScimError(onUser(op('remove')), 'noTarget'));
  it('a replace through a filter that matches nothing, without a sub-attribute', () =>
    expectScimError(onUser(op('replace', 'emails[type eq "other"]', { value: 'o@example.com' })), 'noTarget'));
  it('a filter matching nothing that does not describe the element to create', () =>
    expectScimError(onUser(op('replace', 'emails[type eq "other" or type eq "home2"].value', 'o@example.com')), 'noTarget'));
});

describe('invalidValue', () => {
  const wrong: [string, string | undefined, JsonValue][] = [
    ['an object for a string attribute', 'displayName', { value: 'Babs' }],
    ['a string for a boolean', 'active', 'yes'],
    ['a string for a complex attribute', 'name', 'Barbara Jensen'],
    ['strings for multi-valued complex elements', 'emails', ['a@example.com']],
    ['an array for a single-valued attribute', 'title', ['Guide']],
    ['an unknown sub-attribute inside a value', 'name', { nickname: 'Babs' }],
    ['a number for a string sub-attribute', 'emails[type eq "work"].value', 42],
    [
      'two primary values in one operation',
      'emails',
      [
        { value: 'a@x.org', primary: true },
        { value: 'b@x.org', primary: true },
      ],
    ],
    ['a no-path value that is not an object', undefined, 'Babs'],
    ['an extension URN key that does not hold an object', undefined, { [ENTERPRISE]: 'Sales' }],
  ];
  for (const [name, path, value] of wrong) it(name, () => expectScimError(onUser(op('replace', path, value)), 'invalidValue'));
});

describe('atomicity', () => {
  it('a failing operation fails the whole PATCH, and the earlier operations leave no trace on the input', () => {
    const user = enterpriseUser();
    expect(scimErrorFrom(() => applyPatch(user, [op('replace', 'title', 'Boss'), op('replace', 'active', 'no')], userSchema)).scimType).toBe('invalidValue');
    expect(user).toStrictEqual(enterpriseUser());
  });
});
