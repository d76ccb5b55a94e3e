import { z } from 'zod';
import { ConsoleEditError, applyEdit, parseConsoleEdit } from '../console-edit.js';
import type { OneIdGroupFields, OneIdGroupRecord, OneIdName, OneIdUserFields, OneIdUserRecord } from './records.js';
import type { OneIdState } from './state.js';

/*
 * What a OneID admin changes by hand in OneID's "Manage users" and "User groups" screens: a user's names, email,
 * role (Organization Admin or Standard User), activation and SSO; a group's name, description and members. The same
 * rules as the API: a unique userName and group name, an address with an @, members that are users. `null` clears an
 * optional field; `name` is merged, so `{name: {givenName: "Meg"}}` changes the given name, and the console shows the
 * new full name (`formatted`, and `displayName` when it was the full name) unless the edit sets those too. The
 * extension status follows `active` exactly as after an API write.
 */

const text = z.string().min(1);
const optional = text.nullable().optional();

export const oneIdUserConsoleEditSchema = z.strictObject({
  userName: text.optional(),
  externalId: optional,
  name: z.strictObject({ formatted: optional, familyName: optional, givenName: optional }).nullable().optional(),
  displayName: optional,
  preferredLanguage: optional,
  locale: optional,
  active: z.boolean().optional(),
  email: z
    .string()
    .regex(/^[^@\s]+@[^@\s]+$/, 'an email address')
    .optional(),
  roles: z
    .array(z.enum(['ADMIN', 'USER']))
    .min(1)
    .optional(),
  ssoEnabled: z.boolean().optional(),
});

export const oneIdGroupConsoleEditSchema = z.strictObject({
  displayName: text.optional(),
  description: z.string().optional(),
  /** The whole member list, as user ids. */
  members: z.array(text).optional(),
});

export type OneIdUserConsoleEdit = z.input<typeof oneIdUserConsoleEditSchema>;
export type OneIdGroupConsoleEdit = z.input<typeof oneIdGroupConsoleEditSchema>;

/** The writable fields of a stored user (what `replaceUser` takes). */
function fieldsOf(user: OneIdUserRecord): OneIdUserFields {
  const { id: _id, organizationId: _org, status: _status, region: _region, created: _created, lastModified: _modified, ...fields } = user;
  return fields;
}

/** The user's fields with `edit` merged into its name, the full name following a changed given or family name. */
function withName(
  fields: OneIdUserFields,
  current: OneIdUserRecord,
  edit: NonNullable<OneIdUserConsoleEdit['name']>,
  displayNameEdited: boolean,
): OneIdUserFields {
  const name: OneIdName = applyEdit(current.name ?? {}, edit);
  const partsChanged = edit.givenName !== undefined || edit.familyName !== undefined;
  if (partsChanged && edit.formatted === undefined) {
    const full = [name.givenName, name.familyName].filter((part) => part !== undefined).join(' ');
    if (full === '') delete name.formatted;
    else name.formatted = full;
    if (!displayNameEdited && current.displayName === current.name?.formatted) {
      if (name.formatted === undefined) delete fields.displayName;
      else fields.displayName = name.formatted;
    }
  }
  if (Object.keys(name).length === 0) return applyEdit(fields, { name: null });
  return { ...fields, name };
}

/** Apply a console edit to user `id` and return the user as it now is (`lastModified` stamped). */
export function consoleEditOneIdUser(state: OneIdState, id: string, input: unknown): OneIdUserRecord {
  const edit = parseConsoleEdit(oneIdUserConsoleEditSchema, input);
  const current = state.getUser(id);
  if (!current) throw new ConsoleEditError(404, `user ${id} does not exist`);
  if (edit.userName !== undefined && state.userNameTaken(edit.userName, id)) {
    throw new ConsoleEditError(409, `userName ${edit.userName} is already taken`);
  }
  const { name, ...rest } = edit;
  let fields = applyEdit(fieldsOf(current), rest);
  if (name === null) fields = applyEdit(fields, { name: null });
  else if (name !== undefined) fields = withName(fields, current, name, rest.displayName !== undefined);
  return state.replaceUser(id, fields) as OneIdUserRecord;
}

/** Apply a console edit to group `id` and return the group as it now is. */
export function consoleEditOneIdGroup(state: OneIdState, id: string, input: unknown): OneIdGroupRecord {
  const edit = parseConsoleEdit(oneIdGroupConsoleEditSchema, input);
  const current = state.getGroup(id);
  if (!current) throw new ConsoleEditError(404, `group ${id} does not exist`);
  if (edit.displayName !== undefined && state.groupNameTaken(edit.displayName, id)) {
    throw new ConsoleEditError(409, `a group named ${edit.displayName} already exists`);
  }
  const stranger = edit.members?.find((member) => !state.getUser(member));
  if (stranger !== undefined) throw new ConsoleEditError(400, `member ${stranger} is not a user`);
  const fields: OneIdGroupFields = {
    displayName: edit.displayName ?? current.displayName,
    description: edit.description ?? current.description,
    members: edit.members ? [...new Set(edit.members)] : current.members,
  };
  return state.replaceGroup(id, fields) as OneIdGroupRecord;
}
