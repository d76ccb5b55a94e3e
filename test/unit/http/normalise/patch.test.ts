import { describe, expect, it } from 'vitest';
import { normalisePatch } from '../../../../src/http/normalise/index.js';
import { ScimError } from '../../../../src/scim/errors.js';
import { ENTERPRISE_USER_SCHEMA, PATCH_OP_SCHEMA, type JsonObject, type JsonValue } from '../../../../src/scim/resource.js';
import { groupResourceSchema, userResourceSchema } from '../../../../src/scim/schemas/index.js';
import { rfcSample as rfcSampleOf } from '../../../support/rfc-samples.js';

const users = userResourceSchema();
const groups = groupResourceSchema();
const patch = (...Operations: JsonValue[]): JsonObject => ({ schemas: [PATCH_OP_SCHEMA], Operations });
const rfcSample = (name: string): JsonObject => rfcSampleOf<JsonObject>(name);

const rejection = (fn: () => unknown): ScimError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ScimError) return e;
    throw e;
  }
  throw new Error('expected a ScimError');
};

describe('normalisePatch: RFC 7644 §3.5.2 requests pass unchanged', () => {
  it.each([
    ['rfc7644-3.5.2.1-patch_op-add_members.json', groups],
    ['rfc7644-3.5.2.2-patch_op-remove_one_member.json', groups],
    ['rfc7644-3.5.2.2-patch_op-remove_all_members.json', groups],
    ['rfc7644-3.5.2.2-patch_op-remove_and_add_one_member.json', groups],
    ['rfc7644-3.5.2.2-patch_op-remove_multi_complex_value.json', users],
    ['rfc7644-3.5.2.2-patch_op-replace_all_members.json', groups],
    ['rfc7644-3.5.2.3-patch_op-replace_all_members.json', groups],
    ['rfc7644-3.5.2.3-patch_op-replace_street_address.json', users],
    ['rfc7644-3.5.2.3-patch_op-replace_user_work_address.json', users],
  ])('%s', (file, schema) => {
    const body = rfcSample(file);
    expect(normalisePatch(body, schema)).toEqual(body['Operations']);
  });
});

describe('normalisePatch: RFC 7644 no-path operations become one operation per attribute', () => {
  it.each([
    ['rfc7644-3.5.2.1-patch_op-add_emails.json', 'add'],
    ['rfc7644-3.5.2.3-patch_op-replace_all_email_values.json', 'replace'],
  ])('%s', (file, op) => {
    const [only] = rfcSample(file)['Operations'] as JsonObject[];
    const value = only?.['value'] as JsonObject;
    expect(normalisePatch(rfcSample(file), users)).toEqual([
      { op, path: 'emails', value: value['emails'] },
      { op, path: 'nickName', value: 'Babs' },
    ]);
  });
});

describe('normalisePatch: Entra ID default job', () => {
  it('reads capitalised ops and the string boolean of a disable (Replace active "False")', () => {
    expect(normalisePatch(patch({ op: 'Replace', path: 'active', value: 'False' }), users)).toEqual([{ op: 'replace', path: 'active', value: false }]);
    expect(normalisePatch(patch({ op: 'Add', path: 'active', value: 'True' }), users)).toEqual([{ op: 'add', path: 'active', value: true }]);
  });

  it('reads a lower-case "operations" key and a missing PatchOp schemas list', () => {
    expect(normalisePatch({ operations: [{ op: 'Remove', path: 'title' }] }, users)).toEqual([{ op: 'remove', path: 'title' }]);
  });

  it('canonicalises simple paths and keeps value filters as sent', () => {
    const ops = normalisePatch(
      patch(
        { op: 'Replace', path: 'Name.GivenName', value: 'Barbara' },
        { op: 'Replace', path: 'Emails[type eq "work"].Value', value: 'b@x' },
        { op: 'Replace', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:user:EmployeeNumber', value: '42' },
        { op: 'Replace', path: 'urn:ietf:params:scim:schemas:core:2.0:User:NickName', value: 'Babs' },
      ),
      users,
    );
    expect(ops).toEqual([
      { op: 'replace', path: 'name.givenName', value: 'Barbara' },
      { op: 'replace', path: 'emails[type eq "work"].value', value: 'b@x' },
      { op: 'replace', path: `${ENTERPRISE_USER_SCHEMA}:employeeNumber`, value: '42' },
      { op: 'replace', path: 'nickName', value: 'Babs' },
    ]);
  });

  it("turns the manager link's bare id into {value}, with or without the enterprise URN in the path", () => {
    const ops = normalisePatch(
      patch(
        { op: 'Add', path: `${ENTERPRISE_USER_SCHEMA}:manager`, value: '26118915-6090-4610-87e4-49d8ca9f808d' },
        { op: 'Add', path: 'manager', value: [{ $ref: null, value: 'mgr-2' }] },
      ),
      users,
    );
    expect(ops).toEqual([
      { op: 'add', path: `${ENTERPRISE_USER_SCHEMA}:manager`, value: { value: '26118915-6090-4610-87e4-49d8ca9f808d' } },
      { op: 'add', path: `${ENTERPRISE_USER_SCHEMA}:manager`, value: { value: 'mgr-2' } },
    ]);
  });

  it('reads "Replace manager with empty" as removing the manager', () => {
    expect(normalisePatch(patch({ op: 'Replace', path: `${ENTERPRISE_USER_SCHEMA}:manager`, value: '' }), users)).toEqual([
      { op: 'remove', path: `${ENTERPRISE_USER_SCHEMA}:manager` },
    ]);
    expect(normalisePatch(patch({ op: 'Replace', path: 'title', value: null }), users)).toEqual([{ op: 'remove', path: 'title' }]);
  });

  it('adds several members at once and drops their "$ref": null', () => {
    const ops = normalisePatch(
      patch({
        op: 'Add',
        path: 'members',
        value: [
          { $ref: null, value: 'u1' },
          { $ref: null, value: 'u2' },
        ],
      }),
      groups,
    );
    expect(ops).toEqual([{ op: 'add', path: 'members', value: [{ value: 'u1' }, { value: 'u2' }] }]);
  });

  it('removes only the listed members when "Remove members" carries a value list', () => {
    const ops = normalisePatch(patch({ op: 'Remove', path: 'members', value: [{ $ref: null, value: 'u1' }, { value: 'a"b' }] }), groups);
    expect(ops).toEqual([
      { op: 'remove', path: 'members[value eq "u1"]' },
      { op: 'remove', path: 'members[value eq "a\\"b"]' },
    ]);
  });

  it('rejects a member to remove that has no value instead of removing every member', () => {
    const error = rejection(() => normalisePatch(patch({ op: 'Remove', path: 'members', value: [{ display: 'Babs' }] }), groups));
    expect([error.status, error.scimType]).toEqual([400, 'invalidValue']);
  });
});

describe('normalisePatch: Entra ID with aadOptscim062020 (no-path replace with dotted and URN keys)', () => {
  it('splits the value object into one operation per attribute, each with a path', () => {
    const ops = normalisePatch(
      patch({
        op: 'replace',
        value: {
          'name.givenName': 'Barbara',
          'name.familyName': 'Jensen',
          'emails[type eq "work"].value': 'bjensen@example.com',
          [`${ENTERPRISE_USER_SCHEMA}:employeeNumber`]: '701984',
          active: 'False',
        },
      }),
      users,
    );
    expect(ops).toEqual([
      { op: 'replace', path: 'name.givenName', value: 'Barbara' },
      { op: 'replace', path: 'name.familyName', value: 'Jensen' },
      { op: 'replace', path: 'emails[type eq "work"].value', value: 'bjensen@example.com' },
      { op: 'replace', path: `${ENTERPRISE_USER_SCHEMA}:employeeNumber`, value: '701984' },
      { op: 'replace', path: 'active', value: false },
    ]);
  });

  it('splits an extension object inside a no-path value into its attributes', () => {
    const ops = normalisePatch(patch({ op: 'add', value: { [ENTERPRISE_USER_SCHEMA]: { Department: 'Sales', manager: 'm1' } } }), users);
    expect(ops).toEqual([
      { op: 'add', path: `${ENTERPRISE_USER_SCHEMA}:department`, value: 'Sales' },
      { op: 'add', path: `${ENTERPRISE_USER_SCHEMA}:manager`, value: { value: 'm1' } },
    ]);
  });
});

describe('normalisePatch: Okta', () => {
  it('deactivates with a no-path replace of {active: false}', () => {
    expect(normalisePatch(patch({ op: 'replace', value: { active: false } }), users)).toEqual([{ op: 'replace', path: 'active', value: false }]);
  });

  it('renames a group without a path, ignoring the read-only id and the schemas echoed in the value', () => {
    const ops = normalisePatch(
      patch({
        op: 'replace',
        value: {
          id: 'g-1',
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
          meta: { resourceType: 'Group' },
          displayName: 'Engineering',
          members: null,
        },
      }),
      groups,
    );
    expect(ops).toEqual([{ op: 'replace', path: 'displayName', value: 'Engineering' }]);
  });

  it('adds members with their display and removes one by filter in the same request', () => {
    const ops = normalisePatch(
      patch({ op: 'remove', path: 'members[value eq "00u1"]' }, { op: 'add', path: 'members', value: [{ value: '00u2', display: 'jane@example.com' }] }),
      groups,
    );
    expect(ops).toEqual([
      { op: 'remove', path: 'members[value eq "00u1"]' },
      { op: 'add', path: 'members', value: [{ value: '00u2', display: 'jane@example.com' }] },
    ]);
  });
});

describe("normalisePatch: JumpCloud and Microsoft's collection", () => {
  it("removes only the listed member with JumpCloud's Entra-style remove", () => {
    expect(normalisePatch(patch({ op: 'remove', path: 'members', value: [{ value: 'jc-1' }] }), groups)).toEqual([
      { op: 'remove', path: 'members[value eq "jc-1"]' },
    ]);
  });

  it('keeps "remove members" without a value as remove-all (collection #31)', () => {
    expect(normalisePatch(patch({ op: 'remove', path: 'members' }), groups)).toEqual([{ op: 'remove', path: 'members' }]);
  });

  it('reads a bare string member value as {value} (collection #67 "string id 1")', () => {
    const body = { id: 'g-1', Operations: [{ op: 'add', path: 'members', value: 'string id 1' }], schemas: [PATCH_OP_SCHEMA] };
    expect(normalisePatch(body, groups)).toEqual([{ op: 'add', path: 'members', value: [{ value: 'string id 1' }] }]);
  });

  it('reads the collection\'s member key "displayName" as display and drops the op\'s "name" (collection #27)', () => {
    const ops = normalisePatch(patch({ name: 'addMember', op: 'add', path: 'members', value: [{ displayName: 'new User', value: 'u4' }] }), groups);
    expect(ops).toEqual([{ op: 'add', path: 'members', value: [{ display: 'new User', value: 'u4' }] }]);
  });
});

describe('normalisePatch: OneLogin and odd shapes', () => {
  it('turns an emails object into a one-element array', () => {
    expect(normalisePatch(patch({ op: 'replace', path: 'emails', value: { value: 'a@x', primary: 'True' } }), users)).toEqual([
      { op: 'replace', path: 'emails', value: [{ value: 'a@x', primary: true }] },
    ]);
  });

  it('coerces a string boolean addressed through a value filter', () => {
    expect(normalisePatch(patch({ op: 'replace', path: 'emails[type eq "work"].primary', value: 'true' }), users)).toEqual([
      { op: 'replace', path: 'emails[type eq "work"].primary', value: true },
    ]);
  });

  it('strips a leading "/" from the path and capitalised operation keys', () => {
    expect(normalisePatch(patch({ Op: 'replace', Path: '/displayName', Value: 'x' }), users)).toEqual([{ op: 'replace', path: 'displayName', value: 'x' }]);
  });

  it('drops operations on attributes the resource does not have, and passes malformed paths on untouched', () => {
    const ops = normalisePatch(
      patch({ op: 'replace', path: 'favouriteColour', value: 'blue' }, { op: 'replace', path: 'members[value eq "x"', value: 'y' }),
      groups,
    );
    expect(ops).toEqual([{ op: 'replace', path: 'members[value eq "x"', value: 'y' }]);
  });
});

describe('normalisePatch: what cannot be made sense of', () => {
  it.each([
    ['a body that is not an object', 'Operations'],
    ['no Operations', { schemas: [PATCH_OP_SCHEMA] }],
    ['Operations that is not an array', { Operations: { op: 'add', path: 'title', value: 'x' } }],
    ['an operation that is not an object', patch('replace')],
    ['an op that is not add, remove or replace', patch({ op: 'merge', path: 'title', value: 'x' })],
    ['an op that is missing', patch({ path: 'title', value: 'x' })],
    ['a path that is not a string', patch({ op: 'replace', path: 42, value: 'x' })],
  ])('rejects %s with invalidSyntax', (_what, body) => {
    const error = rejection(() => normalisePatch(body, users));
    expect([error.status, error.scimType]).toEqual([400, 'invalidSyntax']);
  });

  it.each([
    ['a boolean it cannot read', patch({ op: 'replace', path: 'active', value: 'maybe' })],
    ['add without a value', patch({ op: 'add', path: 'title' })],
    ['a no-path replace whose value is not an object', patch({ op: 'replace', value: 'False' })],
  ])('rejects %s with invalidValue', (_what, body) => {
    const error = rejection(() => normalisePatch(body, users));
    expect([error.status, error.scimType]).toEqual([400, 'invalidValue']);
  });
});
