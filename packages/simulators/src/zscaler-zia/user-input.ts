import { ZiaCode, ZiaProblem, invalidInput } from './errors.js';
import type { ZiaDirectory } from './directory.js';
import { ZIA_USER_TYPES } from './records.js';
import type { ZiaUserFields, ZiaUserRecord, ZiaUserType } from './records.js';

/*
 * POST / PUT `/users` bodies against ZH-UM's User model: `name` (UTF-8, ≤ 127), `email` (≤ 127, `@` mandatory,
 * unique, "its domain must belong to the organization"), `department` (exactly one) and `groups` (any number, may be
 * empty) required and both existing by id, `password` required for hosted-database users. Every refusal is 400
 * `INVALID_INPUT_ARGUMENT` naming the field, except a taken email (400 `DUPLICATE_ITEM`) [INF codes]. Unknown fields
 * (ZSDK's `authMethods`, `deleted`, …) and `null`s are ignored.
 */

export interface UserInputContext {
  directory: ZiaDirectory;
  domains: string[] | 'any';
  hostedDb: boolean;
  passwordMinLength: number;
}

type Body = Record<string, unknown>;

const MAX_LENGTH = 127;
const codePoints = (value: string) => [...value].length;
const present = (body: Body, key: string) => body[key] !== undefined && body[key] !== null;

function objectBody(body: unknown): Body {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidInput('The request body must be a User object');
  return body as Body;
}

function text(body: Body, key: string, required: boolean): string | undefined {
  if (!present(body, key)) {
    if (required) throw invalidInput(`${key} is required`);
    return undefined;
  }
  const value = body[key];
  if (typeof value !== 'string') throw invalidInput(`${key} must be a string`);
  return value;
}

function refId(value: unknown, what: string): number {
  const id = typeof value === 'object' && value !== null ? (value as Body).id : undefined;
  if (typeof id !== 'number' || !Number.isInteger(id)) throw invalidInput(`${what} must be an object with an integer id`);
  return id;
}

function checkedEmail(email: string, context: UserInputContext): string {
  if (codePoints(email) > MAX_LENGTH) throw invalidInput(`email must be at most ${MAX_LENGTH} characters`);
  const at = email.lastIndexOf('@');
  if (at < 1 || at === email.length - 1 || /\s/.test(email)) throw invalidInput('email must be a login name, an @ and a domain');
  const domain = email.slice(at + 1).toLowerCase();
  if (context.domains !== 'any' && !context.domains.some((d) => d.toLowerCase() === domain)) {
    throw invalidInput(`The email domain ${domain} does not belong to the organization`);
  }
  return email;
}

function groupIds(body: Body, required: boolean, directory: ZiaDirectory): number[] {
  if (!present(body, 'groups')) {
    if (required) throw invalidInput('groups is required (an empty array for none)');
    return [];
  }
  if (!Array.isArray(body.groups)) throw invalidInput('groups must be an array of Group objects');
  const ids = [...new Set(body.groups.map((g) => refId(g, 'each of groups')))];
  const missing = ids.find((id) => !directory.getGroup(id));
  if (missing !== undefined) throw invalidInput(`Group ${missing} does not exist`);
  return ids;
}

function userType(body: Body): ZiaUserType | undefined {
  const type = text(body, 'type', false);
  if (type !== undefined && !(ZIA_USER_TYPES as readonly string[]).includes(type)) throw invalidInput(`Invalid user type: ${type}`);
  return type as ZiaUserType | undefined;
}

/**
 * The user a POST creates, or the whole new state a PUT replaces `current` with (ZH-GS: PUT updates "the entire
 * resource"). On PUT a field left out is reset (`groups` to none, `comments`, `tempAuthEmail`, `type` cleared,
 * `adminUser` false), except the write-only `password`, which is kept, and the read-only `email`: leaving it out keeps
 * it, and any other value than the current one is refused [INF].
 */
export function parseUserBody(raw: unknown, context: UserInputContext, current?: ZiaUserRecord): ZiaUserFields {
  const body = objectBody(raw);
  const creating = current === undefined;
  const name = text(body, 'name', true) as string;
  if (name.trim() === '' || codePoints(name) > MAX_LENGTH) throw invalidInput(`name must be 1 to ${MAX_LENGTH} characters`);

  const sentEmail = text(body, 'email', creating);
  if (!creating && sentEmail !== undefined && sentEmail !== current.email) {
    throw invalidInput('email is read-only and cannot be changed');
  }
  const email = creating ? checkedEmail(sentEmail as string, context) : current.email;
  const holder = creating ? context.directory.userIdByEmail(email) : undefined;
  if (holder !== undefined) throw new ZiaProblem(400, ZiaCode.duplicate, `A user with email ${email} already exists`);

  if (!present(body, 'department')) throw invalidInput('department is required');
  const departmentId = refId(body.department, 'department');
  if (!context.directory.getDepartment(departmentId)) throw invalidInput(`Department ${departmentId} does not exist`);

  const password = text(body, 'password', creating && context.hostedDb) ?? current?.password;
  if (present(body, 'password') && codePoints(password as string) < context.passwordMinLength) {
    throw invalidInput(`password must be at least ${context.passwordMinLength} characters`);
  }
  if (present(body, 'adminUser') && typeof body.adminUser !== 'boolean') throw invalidInput('adminUser must be a boolean');

  const fields: ZiaUserFields = {
    name,
    email,
    departmentId,
    groupIds: groupIds(body, creating, context.directory),
    adminUser: body.adminUser === true,
  };
  const comments = text(body, 'comments', false);
  const tempAuthEmail = text(body, 'tempAuthEmail', false);
  const type = userType(body);
  if (comments !== undefined) fields.comments = comments;
  if (tempAuthEmail !== undefined) fields.tempAuthEmail = tempAuthEmail;
  if (type !== undefined) fields.type = type;
  if (password !== undefined) fields.password = password;
  return fields;
}
