import { describe, expect, it } from 'vitest';
import { applyPatch } from '../../../../src/scim/patch/index.js';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA, type ScimUser } from '../../../../src/scim/resource.js';
import { bool, leafDefinition, str, userResourceSchema, withAttributeOverrides } from '../../../../src/scim/schemas/index.js';

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

  it('makes PATCH refuse removing what the upstream always holds, while the attribute stays optional', () => {
    const extension = { id: 'urn:example:Ext', name: 'Ext', description: 'Ext', attributes: [bool('sso'), str('note')] };
    const kept = withAttributeOverrides(userResourceSchema([extension]), {
      active: { removable: false },
      name: { removable: false },
      'name.formatted': { removable: false },
      'urn:example:Ext:sso': { removable: false },
    });
    const subject: ScimUser = { ...user(), active: true, name: { formatted: 'Jane Doe', givenName: 'Jane' }, 'urn:example:Ext': { sso: true } };
    expect(leafDefinition(kept, 'active')).toMatchObject({ required: false, removable: false });
    for (const op of [
      { op: 'remove', path: 'active' },
      { op: 'replace', path: 'active', value: null },
      { op: 'remove', path: 'name' },
      { op: 'remove', path: 'name.formatted' },
      { op: 'replace', path: 'name', value: { formatted: '' } },
      { op: 'remove', path: 'urn:example:Ext:sso' },
      { op: 'remove', path: 'urn:example:Ext' },
    ] as const) {
      expect(() => applyPatch(subject, [op], kept), JSON.stringify(op)).toThrow(/cannot be (removed|left empty)/);
    }
    // Sub-attributes not marked stay removable; the whole name cannot be emptied one sub-attribute at a time.
    expect(applyPatch(subject, [{ op: 'remove', path: 'name.givenName' }], kept).name).toEqual({ formatted: 'Jane Doe' });
    expect(() => applyPatch({ ...subject, name: { givenName: 'Jane' } }, [{ op: 'remove', path: 'name.givenName' }], kept)).toThrow(/left empty/);
    expect(applyPatch(subject, [{ op: 'remove', path: 'active' }], base).active).toBeUndefined();
  });

  it('refuses a filtered remove that leaves a required attribute without a value, and allows one that does not', () => {
    const two = { ...user(), emails: [{ value: 'jane@example.com', primary: true }, { value: 'j@example.org' }] };
    expect(() => applyPatch(user(), [{ op: 'remove', path: 'emails[value eq "jane@example.com"]' }], schema)).toThrow(/emails.*cannot be left without a value/);
    expect(applyPatch(two, [{ op: 'remove', path: 'emails[value eq "jane@example.com"]' }], schema).emails).toEqual([{ value: 'j@example.org' }]);
    // Without the override the same remove is fine: the rule comes from the upstream's declaration.
    expect(applyPatch(user(), [{ op: 'remove', path: 'emails[value eq "jane@example.com"]' }], base).emails).toBeUndefined();
  });

  it('refuses a path that names no attribute', () => {
    expect(() => withAttributeOverrides(base, { emial: { required: true } })).toThrow(/emial/);
  });
});
