import { GROUP_SCHEMA, PATCH_OP_SCHEMA, type JsonValue } from '../../src/scim/resource.js';

/**
 * SCIM request bodies as the IdPs send them (docs/idps.md §1 Entra, §2 Okta), so e2e tests read
 * as the IdP's traffic.
 */

export interface RawPatchOperation {
  op: string;
  path?: string;
  value?: JsonValue;
}

/** A PatchOp message (RFC 7644 §3.5.2). */
export const patchOp = (...Operations: RawPatchOperation[]) => ({ schemas: [PATCH_OP_SCHEMA], Operations });

/** `POST /Groups` body; Okta sends `members: []` for a new group, Entra none at all. */
export const group = (displayName: string, memberIds: string[] = []) => ({
  schemas: [GROUP_SCHEMA],
  displayName,
  members: memberIds.map((value) => ({ value })),
});

/** The membership changes of a group PATCH, worded per IdP. */
export const membership = {
  /** Okta: `add members` with `value` and `display` (the login). */
  oktaAdd: (members: { id: string; userName: string }[]): RawPatchOperation => ({
    op: 'add',
    path: 'members',
    value: members.map((m) => ({ value: m.id, display: m.userName })),
  }),
  /** Okta: one `remove` per member, addressed by a value filter. */
  oktaRemove: (id: string): RawPatchOperation => ({ op: 'remove', path: `members[value eq "${id}"]` }),
  /** Entra: capitalised `Add` with `$ref: null`. */
  entraAdd: (ids: string[]): RawPatchOperation => ({ op: 'Add', path: 'members', value: ids.map((value) => ({ $ref: null, value })) }),
  /** Entra's default job: `Remove members` with a value list, which removes only the listed members. */
  entraRemove: (ids: string[]): RawPatchOperation => ({ op: 'Remove', path: 'members', value: ids.map((value) => ({ $ref: null, value })) }),
};

/** `POST /Users` body: a user with a name and one work email (the userName, or made from it). */
export const user = (userName: string, extra: Record<string, unknown> = {}) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName,
  name: { givenName: 'Given', familyName: 'Family' },
  emails: [{ value: userName.includes('@') ? userName : `${userName}@example.com`, type: 'work', primary: true }],
  active: true,
  ...extra,
});
