import { describe, expect, it } from 'vitest';
import { normaliseResource } from '../../../../src/http/normalise/index.js';
import { ScimError } from '../../../../src/scim/errors.js';
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA, type JsonObject } from '../../../../src/scim/resource.js';
import { groupResourceSchema, userResourceSchema } from '../../../../src/scim/schemas/index.js';
import { rfcSample as rfcSampleOf } from '../../../support/rfc-samples.js';

const users = userResourceSchema();
const groups = groupResourceSchema();
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

describe('normaliseResource: an RFC request stays as it was', () => {
  it('keeps every attribute of the RFC 7643 §8.3 enterprise user, dropping only the read-only id, meta and groups', () => {
    const sample = rfcSample('rfc7643-8.3-enterprise_user.json');
    const { id: _id, meta: _meta, groups: _groups, ...writable } = sample;
    expect(normaliseResource(sample, users)).toEqual(writable);
  });

  it('keeps the RFC 7643 §8.4 group with its members', () => {
    const { id: _id, meta: _meta, ...writable } = rfcSample('rfc7643-8.4-group.json');
    expect(normaliseResource(rfcSample('rfc7643-8.4-group.json'), groups)).toEqual(writable);
  });
});

describe('normaliseResource: attribute names (RFC 7643 §2.1, Microsoft collection)', () => {
  it('maps capitalised names and sub-attributes to the schema case (collection #7/#8: Primary, Department, Manager.Value)', () => {
    const out = normaliseResource(
      {
        UserName: 'UserName222',
        Emails: [{ Primary: true, Type: 'work', Value: 'testing@bob2.com' }],
        Name: { GivenName: 'Andrew' },
        'URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER': { Department: 'bob', Manager: { Value: 'SuzzyQ' } },
      },
      users,
    );
    expect(out).toEqual({
      schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
      userName: 'UserName222',
      emails: [{ primary: true, type: 'work', value: 'testing@bob2.com' }],
      name: { givenName: 'Andrew' },
      [ENTERPRISE_USER_SCHEMA]: { department: 'bob', manager: { value: 'SuzzyQ' } },
    });
  });

  it('drops unknown and misspelt attributes (collection #54 "adreses", OneLogin "prefferedLanguage")', () => {
    const out = normaliseResource(
      { userName: 'OMalley', adreses: [{ country: 'Germany' }], prefferedLanguage: 'en', name: { nick: 'x', givenName: 'O' } },
      users,
    );
    expect(out).toEqual({ schemas: [USER_SCHEMA], userName: 'OMalley', name: { givenName: 'O' } });
  });

  it('ignores a property named __proto__ instead of letting it reach the prototype', () => {
    const out = normaliseResource(JSON.parse('{"userName":"a","__proto__":{"polluted":true}}'), users);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(out).toEqual({ schemas: [USER_SCHEMA], userName: 'a' });
  });
});

describe('normaliseResource: schemas', () => {
  it("drops Entra's extra ADSCIM URN from a new group (Entra create group)", () => {
    const out = normaliseResource(
      {
        schemas: [GROUP_SCHEMA, 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'],
        externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
        displayName: 'Group1DisplayName',
        meta: { resourceType: 'Group' },
      },
      groups,
    );
    expect(out).toEqual({ schemas: [GROUP_SCHEMA], externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159', displayName: 'Group1DisplayName' });
  });

  it("accepts the SCIM 1.1 core URN of OneLogin's Core Schema template and outputs the 2.0 one", () => {
    const out = normaliseResource({ schemas: ['urn:scim:schemas:core:1.0'], userName: 'jdoe' }, users);
    expect(out.schemas).toEqual([USER_SCHEMA]);
  });

  it('reads an extension keyed by Entra\'s typo "…:enterprise:2.0User" as the enterprise extension', () => {
    const typo = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0User';
    const out = normaliseResource({ schemas: [USER_SCHEMA, typo], userName: 'jyoung', [typo]: { employeeNumber: '701984' } }, users);
    expect(out).toEqual({ schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA], userName: 'jyoung', [ENTERPRISE_USER_SCHEMA]: { employeeNumber: '701984' } });
  });

  it('lists an extension only when its object is present, whatever the IdP listed (collection #20 lists it without one)', () => {
    const listedOnly = normaliseResource({ schemas: [ENTERPRISE_USER_SCHEMA, USER_SCHEMA], userName: 'UserName333' }, users);
    expect(listedOnly.schemas).toEqual([USER_SCHEMA]);
    const presentOnly = normaliseResource({ schemas: [USER_SCHEMA], userName: 'e', [ENTERPRISE_USER_SCHEMA]: { department: 'd' } }, users);
    expect(presentOnly.schemas).toEqual([USER_SCHEMA, ENTERPRISE_USER_SCHEMA]);
  });

  it('drops an extension object whose attributes are all null (Entra\'s "manager": null)', () => {
    const out = normaliseResource({ userName: 'a', [ENTERPRISE_USER_SCHEMA]: { manager: null } }, users);
    expect(out).toEqual({ schemas: [USER_SCHEMA], userName: 'a' });
  });
});

describe('normaliseResource: values', () => {
  it("turns Entra's and the collection's string booleans into booleans, primary sub-attributes included (collection #45)", () => {
    const out = normaliseResource(
      {
        userName: 'emp1',
        active: 'True',
        emails: [
          { value: 'a@x', primary: 'true' },
          { value: 'b@x', primary: 'False' },
        ],
      },
      users,
    );
    expect(out['active']).toBe(true);
    expect(out['emails']).toEqual([
      { value: 'a@x', primary: true },
      { value: 'b@x', primary: false },
    ]);
    expect(normaliseResource({ userName: 'emp1', active: 'false' }, users)['active']).toBe(false);
  });

  it('rejects a boolean attribute it cannot read, such as OneLogin\'s unfilled "{$user.active}" or "maybe"', () => {
    const error = rejection(() => normaliseResource({ userName: 'a', active: 'maybe' }, users));
    expect(error.status).toBe(400);
    expect(error.scimType).toBe('invalidValue');
    expect(error.message).toContain('active');
  });

  it('removes explicit nulls (Entra\'s older create example: "title": null, "addresses": null)', () => {
    const out = normaliseResource(
      {
        userName: 'a',
        title: null,
        addresses: null,
        name: { givenName: 'Darl', honorificPrefix: null },
        emails: [null, { value: 'a@x', type: null }],
      },
      users,
    );
    expect(out).toEqual({ schemas: [USER_SCHEMA], userName: 'a', name: { givenName: 'Darl' }, emails: [{ value: 'a@x' }] });
  });

  it('drops id, meta and Okta\'s "groups": [] from a PUT, keeps password and the empty roles Entra sends', () => {
    const out = normaliseResource(
      {
        id: '2819c223',
        userName: 'okta@example.com',
        meta: { resourceType: 'User' },
        groups: [],
        password: 'tmp-Pa55',
        roles: [],
      },
      users,
    );
    expect(out).toEqual({ schemas: [USER_SCHEMA], userName: 'okta@example.com', password: 'tmp-Pa55', roles: [] });
  });

  it("turns OneLogin's emails object into a one-element array", () => {
    const out = normaliseResource({ userName: 'a', emails: { value: 'a@onelogin.example', type: 'work' } }, users);
    expect(out['emails']).toEqual([{ value: 'a@onelogin.example', type: 'work' }]);
  });

  it('turns bare strings in multi-valued complex attributes into {value} (emails, group members)', () => {
    expect(normaliseResource({ userName: 'a', emails: ['a@x', 'b@x'] }, users)['emails']).toEqual([{ value: 'a@x' }, { value: 'b@x' }]);
    expect(normaliseResource({ displayName: 'G', members: ['u1'] }, groups)['members']).toEqual([{ value: 'u1' }]);
  });

  it("keeps group members' display (over the collection's displayName alias) and $ref but drops Entra's \"$ref\": null", () => {
    const out = normaliseResource(
      {
        displayName: 'G',
        members: [
          { $ref: null, value: 'u1' },
          { value: 'u2', display: 'VP', $ref: 'https://example.com/v2/Users/u2', displayName: 'new User' },
        ],
      },
      groups,
    );
    expect(out['members']).toEqual([{ value: 'u1' }, { value: 'u2', display: 'VP', $ref: 'https://example.com/v2/Users/u2' }]);
  });

  it('accepts an empty member list (Okta Group Push create: "members": [])', () => {
    expect(normaliseResource({ displayName: 'Push', members: [] }, groups)).toEqual({ schemas: [GROUP_SCHEMA], displayName: 'Push', members: [] });
  });

  it('reads an enterprise manager sent as a bare id, and removes an empty one', () => {
    const withId = normaliseResource({ userName: 'a', [ENTERPRISE_USER_SCHEMA]: { manager: '26118915-6090-4610-87e4-49d8ca9f808d' } }, users);
    expect(withId[ENTERPRISE_USER_SCHEMA]).toEqual({ manager: { value: '26118915-6090-4610-87e4-49d8ca9f808d' } });
    const empty = normaliseResource({ userName: 'a', [ENTERPRISE_USER_SCHEMA]: { department: 'Sales', manager: '' } }, users);
    expect(empty[ENTERPRISE_USER_SCHEMA]).toEqual({ department: 'Sales' });
  });
});

describe('normaliseResource: what cannot be made sense of', () => {
  it.each([
    ['an array', [{ userName: 'a' }]],
    ['a string', 'userName=a'],
    ['null', null],
  ])('rejects a body that is %s with invalidSyntax', (_what, body) => {
    const error = rejection(() => normaliseResource(body, users));
    expect([error.status, error.scimType]).toEqual([400, 'invalidSyntax']);
  });

  it('rejects a user without userName (collection #49, #53 "userame")', () => {
    const error = rejection(() => normaliseResource({ userame: 'OMalley', active: false }, users));
    expect([error.status, error.scimType]).toEqual([400, 'invalidValue']);
    expect(error.message).toContain('userName');
  });

  it('rejects a userName that is not a non-empty string', () => {
    expect(rejection(() => normaliseResource({ userName: 42 }, users)).scimType).toBe('invalidValue');
    expect(rejection(() => normaliseResource({ userName: '  ' }, users)).scimType).toBe('invalidValue');
  });

  it('rejects a group without displayName', () => {
    expect(rejection(() => normaliseResource({ members: [] }, groups)).message).toContain('displayName');
  });

  it('rejects an extension that is not an object', () => {
    expect(rejection(() => normaliseResource({ userName: 'a', [ENTERPRISE_USER_SCHEMA]: 'Sales' }, users)).scimType).toBe('invalidSyntax');
  });
});
