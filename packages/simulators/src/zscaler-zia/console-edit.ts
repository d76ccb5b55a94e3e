import { z } from 'zod';
import { ConsoleEditError, applyEdit, parseConsoleEdit } from '../console-edit.js';
import type { ZiaDirectory } from './directory.js';
import { ZIA_USER_TYPES } from './records.js';
import type { ZiaUserFields, ZiaUserRecord } from './records.js';

/*
 * What a ZIA admin changes on a user in the Admin Portal (Administration › User Management) and then activates: the
 * name, department, groups, comments, temporary authentication email, admin flag and type. Not the email, which ZIA
 * keeps read-only. Departments and groups are given as the user record shows them (`{id, name}`), or by `id` or
 * `name` alone; `null` clears an optional field. The edit is saved and live at once (the admin activated it), so it
 * leaves nothing pending for the API's next activation.
 */

const reference = z.union([z.strictObject({ id: z.number().int(), name: z.string().optional() }), z.strictObject({ name: z.string().min(1) })]);
type Reference = z.output<typeof reference>;

export const ziaConsoleEditSchema = z.strictObject({
  name: z.string().trim().min(1).max(127).optional(),
  department: reference.optional(),
  groups: z.array(reference).optional(),
  comments: z.string().nullable().optional(),
  tempAuthEmail: z.string().nullable().optional(),
  adminUser: z.boolean().optional(),
  type: z.enum(ZIA_USER_TYPES).nullable().optional(),
});

export type ZiaConsoleEdit = z.input<typeof ziaConsoleEditSchema>;

/** The id a reference names, looked up by id or else by name (exactly, then ignoring case). */
function resolve(ref: Reference, units: ReadonlyArray<{ id: number; name: string }>, what: string): number {
  const found =
    'id' in ref
      ? units.find((u) => u.id === ref.id)
      : (units.find((u) => u.name === ref.name) ?? units.find((u) => u.name.toLowerCase() === ref.name.toLowerCase()));
  if (!found) throw new ConsoleEditError(400, `${what} ${'id' in ref ? ref.id : ref.name} does not exist`);
  return found.id;
}

/** Apply a console edit to user `id`, make it live policy, and return the user as it now is. */
export function consoleEditZiaUser(directory: ZiaDirectory, id: number, input: unknown): ZiaUserRecord {
  const edit = parseConsoleEdit(ziaConsoleEditSchema, input);
  const current = directory.getUser(id);
  if (!current) throw new ConsoleEditError(404, `user ${id} does not exist`);
  const { department, groups, ...rest } = edit;
  const { id: _id, department: currentDepartment, groups: currentGroups, deleted: _deleted, ...kept } = current;
  const fields: ZiaUserFields = applyEdit(
    {
      ...kept,
      departmentId: department ? resolve(department, directory.departments(), 'department') : currentDepartment.id,
      groupIds: groups ? [...new Set(groups.map((g) => resolve(g, directory.groups(), 'group')))] : currentGroups.map((g) => g.id),
    },
    rest,
  );
  directory.replaceUser(id, fields);
  directory.makeLive(id);
  return directory.getUser(id) as ZiaUserRecord;
}
