import { describe, expect, it } from 'vitest';
import { applyPatch } from '../../../../src/scim/patch/index.js';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA, type ScimUser } from '../../../../src/scim/resource.js';
import { leafDefinition, userResourceSchema, withAttributeOverrides } from '../../../../src/scim/schemas/index.js';

const user = (): ScimUser => ({
  schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
  userName: 'jane',
  name: { givenName: 'Jane', familyName: 'Doe' },
  emails: [{ value: 'jane@example.com', primary: true }],
  [ENTERPRISE_USER_SCHEMA]: { department: 'Sales' },
});

describe('attribute overrides', () => {
  const base = userResourceSchema();
  const schema = withAttributeOverrides(base, {
    emails: { required: true, description: 'The upstream requires an email.' },
    'name.givenName': { required: true },
    [`${ENTERPRISE_USER_SCHEMA}:department`]: { mutability: 'immutable' },
  });

  it('changes the named attributes and sub-attributes, in core and extension schemas alike', () => {
    expect(leafDefinition(schema, 'emails')).toMatchObject({ required: true, description: 'The upstream requires an email.' });
    expect(leafDefinition(schema, 'name.givenName')?.required).toBe(true);
    expect(leafDefinition(schema, 'name.familyName')?.required).toBe(false);
    expect(leafDefinition(schema, `${ENTERPRISE_USER_SCHEMA}:department`)?.mutability).toBe('immutable');
    // The input is left as it was.
    expect(leafDefinition(base, 'emails')?.required).toBe(false);
  });

  it('makes PATCH refuse what the upstream cannot do', () => {
    expect(() => applyPatch(user(), [{ op: 'remove', path: 'emails' }], schema)).toThrow(/required|mutability/i);
    expect(() => applyPatch(user(), [{ op: 'remove', path: 'name.givenName' }], schema)).toThrow();
    expect(() => applyPatch(user(), [{ op: 'replace', path: `${ENTERPRISE_USER_SCHEMA}:department`, value: 'Legal' }], schema)).toThrow(/immutable/);
    expect(applyPatch(user(), [{ op: 'remove', path: 'emails' }], base).emails).toBeUndefined();
  });

  it('refuses a path that names no attribute', () => {
    expect(() => withAttributeOverrides(base, { emial: { required: true } })).toThrow(/emial/);
  });
});
