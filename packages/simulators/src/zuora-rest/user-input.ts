import { ZuoraCode } from './envelope.js';
import type { ZuoraCodeValue } from './envelope.js';
import { OPTIONAL_USER_FIELDS } from './state.js';
import type { ZuoraUserChanges, ZuoraUserFields, ZuoraUserStatus } from './state.js';

/*
 * Validation of POST/PUT `/v1/users` bodies, as the integration guide describes them (docs/upstreams/zuora-rest.md §0):
 * username, email, firstName, lastName and profileId required on create; PUT changes only the fields sent; status is
 * Active or Inactive. Which reason code each failure carries, and rejecting unknown fields, are [INF].
 */

export type InputResult<T> = { ok: true; value: T } | { ok: false; status: number; code: ZuoraCodeValue; message: string };

const REQUIRED = ['username', 'email', 'firstName', 'lastName', 'profileId'] as const;
/** Sent back by clients that PUT what they read; ignored rather than refused. */
const READ_ONLY = new Set(['id', 'tenantId', 'createdDate', 'updatedDate', 'success']);
const WRITABLE = new Set<string>([...REQUIRED, 'status', ...OPTIONAL_USER_FIELDS]);
const STATUSES: readonly string[] = ['Active', 'Inactive'] satisfies ZuoraUserStatus[];

const fail = (status: number, code: ZuoraCodeValue, message: string) => ({ ok: false as const, status, code, message });

function checkShape(body: unknown): InputResult<Record<string, unknown>> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return fail(400, ZuoraCode.invalidValue, 'The request body must be a JSON object');
  }
  const record = body as Record<string, unknown>;
  const unknown = Object.keys(record).find((k) => !WRITABLE.has(k) && !READ_ONLY.has(k));
  if (unknown !== undefined) return fail(400, ZuoraCode.unknownField, `Unknown field: ${unknown}`);
  return { ok: true, value: record };
}

function checkValue(key: string, value: unknown, hasProfile: (id: string) => boolean): InputResult<string> {
  if (typeof value !== 'string') {
    return fail(400, ZuoraCode.invalidValue, `Invalid value for field ${key}: a string is expected`);
  }
  if (key === 'email' && !/^[^@\s]+@[^@\s]+$/.test(value)) {
    return fail(400, ZuoraCode.invalidValue, `Invalid email address: ${value}`);
  }
  if (key === 'status' && !STATUSES.includes(value)) {
    return fail(400, ZuoraCode.invalidValue, `Invalid value for field status: ${value}; expected Active or Inactive`);
  }
  if (key === 'profileId' && !hasProfile(value)) {
    return fail(400, ZuoraCode.invalidValue, `Invalid profileId: ${value} does not exist`);
  }
  return { ok: true, value };
}

/** POST body → the new user's fields; status defaults to Active. */
export function parseCreateUser(body: unknown, hasProfile: (id: string) => boolean): InputResult<ZuoraUserFields> {
  const shape = checkShape(body);
  if (!shape.ok) return shape;
  const input = shape.value;
  const missing = REQUIRED.find((k) => input[k] === undefined || input[k] === null || input[k] === '');
  if (missing !== undefined) return fail(400, ZuoraCode.missingField, `Missing required field: ${missing}`);
  const fields: Record<string, string> = { status: 'Active' };
  for (const key of WRITABLE) {
    const value = input[key];
    if (value === undefined || value === null) continue;
    const checked = checkValue(key, value, hasProfile);
    if (!checked.ok) return checked;
    fields[key] = checked.value;
  }
  return { ok: true, value: fields as unknown as ZuoraUserFields };
}

/** PUT body → the changes (only keys present); `null` clears an optional field. */
export function parseUpdateUser(body: unknown, hasProfile: (id: string) => boolean): InputResult<ZuoraUserChanges> {
  const shape = checkShape(body);
  if (!shape.ok) return shape;
  const changes: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(shape.value)) {
    if (READ_ONLY.has(key)) continue;
    const optional = (OPTIONAL_USER_FIELDS as readonly string[]).includes(key);
    if (value === null && optional) {
      changes[key] = undefined;
      continue;
    }
    if (!optional && (value === null || value === '')) return fail(400, ZuoraCode.invalidValue, `Field ${key} cannot be empty`);
    const checked = checkValue(key, value, hasProfile);
    if (!checked.ok) return checked;
    changes[key] = checked.value;
  }
  return { ok: true, value: changes as ZuoraUserChanges };
}
