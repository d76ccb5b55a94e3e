import { describe, expect, it } from 'vitest';
import { applyPatch } from '../../../../src/scim/patch/index.js';
import type { JsonObject, ScimResource } from '../../../../src/scim/resource.js';
import type { ResourceSchema } from '../../../../src/scim/schemas/index.js';
import { enterpriseUser, fullUser, group, groupSchema, minimalUser, patchSampleFiles, sampleOperations, userSchema } from './fixtures.js';

/**
 * Every PATCH example of RFC 7644 §3.5.2, applied to the RFC 7643 §8 sample resources. Several RFC examples restate
 * what the sample resources already hold (the full user already has the home email), so each is also applied to a
 * resource where it changes something. `members[].display` is readOnly in our Group schema and so is not stored
 * from a PATCH value (RFC 7643 §2.2).
 */
interface Case {
  name: string;
  before: () => ScimResource;
  schema: ResourceSchema;
  expected: (before: ScimResource) => ScimResource;
}

// The bridge keeps the `display` an IdP gives a member (src/scim/schemas/core-group.ts says why).
const babs = { value: '2819c223-7f76-453a-919d-413861904646', $ref: 'https://example.com/v2/Users/2819c223...413861904646', display: 'Babs Jensen' };
const james = { value: '08e1d05d-121c-4561-8b96-473d93df9210', $ref: 'https://example.com/v2/Users/08e1d05d...473d93df9210', display: 'James Smith' };
const withoutMembers = (): ScimResource => {
  const { members: _members, ...rest } = group();
  return rest;
};
const userWithOtherEmail = (): ScimResource => ({ ...fullUser(), emails: [{ value: 'old@example.org', type: 'other', primary: true }] });
const groupWithElidedMember = (): ScimResource => {
  const g = group();
  return { ...g, members: [{ ...g.members![0]!, value: '2819c223-7f76-...413861904646' }, g.members![1]!] };
};
const unchanged = (before: ScimResource): ScimResource => before;
const addresses = (u: ScimResource): JsonObject[] => u.addresses as JsonObject[];
const members = (g: ScimResource): JsonObject[] => g.members as JsonObject[];

const cases: Record<string, Case[]> = {
  'rfc7644-3.5.2.1-patch_op-add_emails.json': [
    {
      name: 'adds the home email and nickName to a user without them (the lower-case "nickname" lands on nickName)',
      before: minimalUser,
      schema: userSchema,
      expected: (u) => ({ ...u, emails: [{ value: 'babs@jensen.org', type: 'home' }], nickName: 'Babs' }),
    },
    { name: 'changes nothing on the full user, who already has both', before: fullUser, schema: userSchema, expected: unchanged },
  ],
  'rfc7644-3.5.2.1-patch_op-add_members.json': [
    { name: 'adds Babs to an empty group', before: withoutMembers, schema: groupSchema, expected: (g) => ({ ...g, members: [babs] }) },
    { name: 'leaves the sample group alone: Babs (same value) is already a member', before: group, schema: groupSchema, expected: unchanged },
  ],
  'rfc7644-3.5.2.2-patch_op-remove_all_members.json': [
    { name: 'removes every member, and the members attribute with them', before: group, schema: groupSchema, expected: withoutMembers },
  ],
  'rfc7644-3.5.2.2-patch_op-remove_and_add_one_member.json': [
    {
      name: 'removes nobody (the elided id matches no member) and adds James',
      before: group,
      schema: groupSchema,
      expected: (g) => ({ ...g, members: [...members(g), { value: '08e1d05d...473d93df9210', $ref: james.$ref, display: 'James Smith' }] }),
    },
  ],
  'rfc7644-3.5.2.2-patch_op-remove_multi_complex_value.json': [
    {
      name: 'removes the work email ending in example.com',
      before: fullUser,
      schema: userSchema,
      expected: (u) => ({ ...u, emails: [{ value: 'babs@jensen.org', type: 'home' }] }),
    },
    {
      name: 'does the same on the enterprise user',
      before: enterpriseUser,
      schema: userSchema,
      expected: (u) => ({ ...u, emails: [{ value: 'babs@jensen.org', type: 'home' }] }),
    },
  ],
  'rfc7644-3.5.2.2-patch_op-remove_one_member.json': [
    { name: 'is a no-op when no member has the elided id', before: group, schema: groupSchema, expected: unchanged },
    {
      name: 'removes the member that carries that exact id',
      before: groupWithElidedMember,
      schema: groupSchema,
      expected: (g) => ({ ...g, members: [members(g)[1]!] }),
    },
  ],
  'rfc7644-3.5.2.3-patch_op-replace_all_email_values.json': [
    {
      name: 'replaces all emails of a user and sets nickName',
      before: userWithOtherEmail,
      schema: userSchema,
      expected: (u) => ({
        ...u,
        emails: [
          { value: 'bjensen@example.com', type: 'work', primary: true },
          { value: 'babs@jensen.org', type: 'home' },
        ],
      }),
    },
    {
      name: 'gives a minimal user those emails and nickName',
      before: minimalUser,
      schema: userSchema,
      expected: (u) => ({
        ...u,
        emails: [
          { value: 'bjensen@example.com', type: 'work', primary: true },
          { value: 'babs@jensen.org', type: 'home' },
        ],
        nickName: 'Babs',
      }),
    },
  ],
  'rfc7644-3.5.2.2-patch_op-replace_all_members.json': [
    {
      name: 'swaps the members for Babs and James by removing all, then adding',
      before: group,
      schema: groupSchema,
      expected: (g) => ({ ...g, members: [babs, james] }),
    },
    { name: 'gives a group without members Babs and James', before: withoutMembers, schema: groupSchema, expected: (g) => ({ ...g, members: [babs, james] }) },
  ],
  'rfc7644-3.5.2.3-patch_op-replace_all_members.json': [
    { name: 'swaps the members for Babs and James', before: group, schema: groupSchema, expected: (g) => ({ ...g, members: [babs, james] }) },
  ],
  'rfc7644-3.5.2.3-patch_op-replace_street_address.json': [
    {
      name: 'changes only the streetAddress of the work address',
      before: fullUser,
      schema: userSchema,
      expected: (u) => ({ ...u, addresses: [{ ...addresses(u)[0], streetAddress: '1010 Broadway Ave' }, addresses(u)[1]!] }),
    },
    {
      name: 'does the same on the enterprise user, leaving the extension as it was',
      before: enterpriseUser,
      schema: userSchema,
      expected: (u) => ({ ...u, addresses: [{ ...addresses(u)[0], streetAddress: '1010 Broadway Ave' }, addresses(u)[1]!] }),
    },
  ],
  'rfc7644-3.5.2.3-patch_op-replace_user_work_address.json': [
    {
      name: 'replaces the work address and keeps the home one',
      before: fullUser,
      schema: userSchema,
      expected: (u) => ({
        ...u,
        addresses: [
          {
            type: 'work',
            streetAddress: '911 Universal City Plaza',
            locality: 'Hollywood',
            region: 'CA',
            postalCode: '91608',
            country: 'US',
            formatted: '911 Universal City Plaza\nHollywood, CA 91608 US',
            primary: true,
          },
          addresses(u)[1]!,
        ],
      }),
    },
  ],
};

describe('RFC 7644 §3.5.2 PATCH examples', () => {
  it('covers every PATCH example document in the RFC samples', () => {
    expect(Object.keys(cases).sort()).toEqual(patchSampleFiles().sort());
  });

  for (const [file, fileCases] of Object.entries(cases)) {
    describe(file, () => {
      for (const c of fileCases) {
        it(c.name, () => {
          const before = c.before();
          expect(applyPatch(before, sampleOperations(file), c.schema)).toStrictEqual(c.expected(c.before()));
        });
      }
    });
  }
});
