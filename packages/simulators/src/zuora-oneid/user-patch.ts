import { badRequest } from './errors.js';
import { isRecord, unwrapValue, valueEqualsFilter } from './patch-request.js';
import type { PatchOperation } from './patch-request.js';
import { URN } from './urns.js';

type Draft = Record<string, unknown>;

/** `[urn:]attribute[filter][.sub]`, e.g. `emails[type eq "work"].value`, `urn:…:UserExtension:ssoEnabled`. */
const PATH = /^(?:(urn:[^[\]]+):)?([A-Za-z][\w$-]*)(?:\[(.+)\])?(?:\.([A-Za-z][\w$-]*))?$/;

const SIMPLE = ['userName', 'externalId', 'displayName', 'preferredLanguage', 'locale', 'active'];
const READ_ONLY = ['id', 'meta', 'groups', 'schemas'];
const canonical = (name: string, names: readonly string[]) => names.find((n) => n.toLowerCase() === name.toLowerCase());

interface Target {
  extension: boolean;
  attribute: string;
  filter?: string;
  sub?: string;
}

function resolve(path: string): Target {
  if (path.toLowerCase() === URN.userExtension.toLowerCase()) return { extension: true, attribute: '' };
  const match = PATH.exec(path);
  if (!match) throw badRequest(`Invalid path: ${path}`, 'invalidPath');
  const [, urn, attribute = '', filter, sub] = match;
  const extension = urn !== undefined && urn.toLowerCase() === URN.userExtension.toLowerCase();
  if (urn !== undefined && !extension && urn.toLowerCase() !== URN.user.toLowerCase()) throw badRequest(`Unknown schema in path: ${path}`, 'invalidPath');
  const target: Target = { extension, attribute };
  if (filter !== undefined) target.filter = filter;
  if (sub !== undefined) target.sub = sub;
  return target;
}

const isClear = (value: unknown) => typeof value === 'string' && value.trim() === '';

function patchExtension(draft: Draft, target: Target, op: PatchOperation['op'], value: unknown): void {
  const ext: Draft = isRecord(draft[URN.userExtension]) ? { ...(draft[URN.userExtension] as Draft) } : {};
  if (target.attribute === '') {
    if (!isRecord(value)) throw badRequest(`${URN.userExtension} must be an object`);
    Object.assign(ext, value);
  } else {
    const name = canonical(target.attribute, ['organizationId', 'ssoEnabled', 'status', 'region']);
    if (name === undefined) throw badRequest(`Unknown attribute: ${target.attribute}`, 'invalidPath');
    // `status` follows `active`, and `region` is the organization's [INF].
    if (name === 'status' || name === 'region') throw badRequest(`${name} is read-only; set active instead`, 'mutability');
    if (op === 'remove') delete ext[name];
    else ext[name] = value;
  }
  draft[URN.userExtension] = ext;
}

function patchName(draft: Draft, target: Target, op: PatchOperation['op'], value: unknown): void {
  if (target.sub === undefined) {
    if (op === 'remove' || isClear(value)) delete draft.name;
    else if (isRecord(value)) draft.name = { ...(isRecord(draft.name) ? draft.name : {}), ...value };
    else throw badRequest('name must be an object');
    return;
  }
  const sub = canonical(target.sub, ['formatted', 'familyName', 'givenName']);
  if (sub === undefined) throw badRequest(`Unknown attribute: name.${target.sub}`, 'invalidPath');
  const name: Draft = isRecord(draft.name) ? { ...draft.name } : {};
  if (op === 'remove' || isClear(value)) delete name[sub];
  else name[sub] = value;
  draft.name = name;
}

/** OneID keeps one email: every add/replace on `emails` sets it; removing it leaves the user without one (→ 400). */
function patchEmails(draft: Draft, target: Target, op: PatchOperation['op'], value: unknown): void {
  if (op === 'remove' || isClear(value)) delete draft.emails;
  else if (target.sub !== undefined) {
    if (target.sub.toLowerCase() !== 'value') return; // type/primary/display are not stored
    draft.emails = [{ value }];
  } else draft.emails = Array.isArray(value) ? value : [value];
}

function patchRoles(draft: Draft, target: Target, op: PatchOperation['op'], value: unknown): void {
  const current = Array.isArray(draft.roles) ? (draft.roles as unknown[]) : [];
  const roleOf = (entry: unknown) => (isRecord(entry) ? entry.value : entry);
  if (target.filter !== undefined && op === 'remove') {
    const role = valueEqualsFilter(target.filter);
    draft.roles = role === undefined ? [] : current.filter((r) => roleOf(r) !== role);
    return;
  }
  if (target.sub !== undefined) {
    // Entra: `roles[primary eq "True"].value` — the one role.
    if (op === 'remove') delete draft.roles;
    else draft.roles = [{ value }];
    return;
  }
  const given = value === undefined ? [] : Array.isArray(value) ? value : [value];
  if (op === 'replace') draft.roles = given;
  else if (op === 'add') draft.roles = [...current, ...given];
  else if (value === undefined) delete draft.roles;
  else draft.roles = current.filter((r) => !given.some((g) => roleOf(g) === roleOf(r)));
}

function applyAt(draft: Draft, path: string, op: PatchOperation['op'], rawValue: unknown): void {
  const target = resolve(path);
  const value = unwrapValue(target.sub ?? (target.attribute || URN.userExtension), rawValue);
  if (target.extension) return patchExtension(draft, target, op, value);
  const name = target.attribute.toLowerCase();
  if (READ_ONLY.some((n) => n.toLowerCase() === name)) {
    throw badRequest(`${target.attribute} is read-only`, 'mutability');
  }
  if (name === 'name') return patchName(draft, target, op, value);
  if (name === 'emails') return patchEmails(draft, target, op, value);
  if (name === 'roles') return patchRoles(draft, target, op, value);
  const simple = canonical(target.attribute, SIMPLE);
  if (simple === undefined || target.filter !== undefined || target.sub !== undefined) {
    throw badRequest(`Unsupported path: ${path}`, 'invalidPath');
  }
  // "Updating a value to \" \" will clear and remove the field" (partialUpdateASpecificUser).
  if (op === 'remove' || isClear(value)) delete draft[simple];
  else draft[simple] = value;
}

/**
 * Apply PATCH operations to a user body (from `userAsBody`); the caller validates the result as a full replacement.
 * Supports OneID's documented form (`"path":"/emails"` with a `value` wrapping the attribute name), RFC 7644 paths
 * (`name.givenName`, `emails[type eq "work"].value`, URN-qualified extension attributes) and no-path operations
 * whose value maps attribute paths to values.
 */
export function applyUserPatch(body: Draft, operations: readonly PatchOperation[]): Draft {
  const draft = structuredClone(body);
  for (const operation of operations) {
    if (operation.path !== undefined) {
      applyAt(draft, operation.path, operation.op, operation.value);
      continue;
    }
    for (const [key, value] of Object.entries(operation.value as Draft)) {
      if (key === 'schemas' || key === 'id') continue;
      applyAt(draft, key, operation.op, value);
    }
  }
  return draft;
}
