import { z } from 'zod';
import { ConsoleEditError, parseConsoleEdit } from '../console-edit.js';
import type { ZuoraRestState, ZuoraUser, ZuoraUserChanges } from './state.js';

/*
 * What a Zuora admin changes on a user in the tenant's "Manage Users" screen: names, email, username, the profile
 * (role), Active/Inactive, and the optional details. The same checks as the API (a profile the tenant has, a unique
 * username, an address with an @); `null` clears an optional field.
 */

const required = z.string().min(1);
const optional = z.string().min(1).nullable().optional();

export const zuoraRestConsoleEditSchema = z.strictObject({
  username: required.optional(),
  email: z
    .string()
    .regex(/^[^@\s]+@[^@\s]+$/, 'an email address')
    .optional(),
  firstName: required.optional(),
  lastName: required.optional(),
  profileId: required.optional(),
  status: z.enum(['Active', 'Inactive']).optional(),
  userType: optional,
  phoneNumber: optional,
  title: optional,
  department: optional,
  locale: optional,
  timezone: optional,
});

/** A partial user record, as `PATCH /__sim/users/:id` takes it. */
export type ZuoraRestConsoleEdit = z.input<typeof zuoraRestConsoleEditSchema>;

/** Apply a console edit to user `id` (stamping `updatedDate`, as any save does) and return the user as it now is. */
export function consoleEditZuoraUser(state: ZuoraRestState, id: string, input: unknown): ZuoraUser {
  const edit = parseConsoleEdit(zuoraRestConsoleEditSchema, input);
  if (!state.getUser(id)) throw new ConsoleEditError(404, `user ${id} does not exist`);
  if (edit.profileId !== undefined && !state.hasProfile(edit.profileId)) {
    throw new ConsoleEditError(400, `profile ${edit.profileId} does not exist`);
  }
  const holder = edit.username === undefined ? undefined : state.findByUsername(edit.username);
  if (holder && holder.id !== id) throw new ConsoleEditError(409, `username ${edit.username} already exists`);
  // `null` (clear) becomes the state's `undefined` (remove the key).
  const changes: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(edit)) if (value !== undefined) changes[key] = value ?? undefined;
  return state.updateUser(id, changes as ZuoraUserChanges) as ZuoraUser;
}
