import { badRequest } from './errors.js';
import { parseDisplayName } from './group-input.js';
import { isRecord, normalisePath, unwrapValue, valueEqualsFilter } from './patch-request.js';
import type { PatchOperation } from './patch-request.js';
import type { OneIdGroupFields } from './records.js';
import { URN } from './urns.js';

const DESCRIPTION_PATHS = [`${URN.groupExtension}:description`, `${URN.groupExtension}.description`].map((p) => p.toLowerCase());

interface MemberChange {
  id: string;
  remove: boolean;
}

/**
 * Member objects; "Setting the operation attribute of a member object to delete will remove members … add is the
 * default" (partiallyUpdateASpecificGroup, the SCIM 1.1 style).
 */
function memberChanges(value: unknown): MemberChange[] {
  const items = value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
  return items.map((item) => {
    const id = isRecord(item) ? item.value : undefined;
    if (typeof id !== 'string' || id === '') throw badRequest('Each member must be an object with a string value (a user id)');
    const operation = isRecord(item) && typeof item.operation === 'string' ? item.operation.toLowerCase() : 'add';
    return { id, remove: operation === 'delete' };
  });
}

function patchMembers(group: OneIdGroupFields, op: PatchOperation['op'], value: unknown, userExists: (id: string) => boolean): void {
  const changes = memberChanges(unwrapValue('members', value));
  if (op === 'remove') {
    group.members = value === undefined ? [] : group.members.filter((id) => !changes.some((c) => c.id === id));
    return;
  }
  if (op === 'replace') group.members = [];
  for (const change of changes) {
    if (change.remove) {
      group.members = group.members.filter((id) => id !== change.id);
      continue;
    }
    if (!userExists(change.id)) throw badRequest(`Member ${change.id} is not a user of this organization`);
    if (!group.members.includes(change.id)) group.members.push(change.id);
  }
}

function patchDescription(group: OneIdGroupFields, op: PatchOperation['op'], value: unknown): void {
  if (op !== 'remove' && value !== null && typeof value !== 'string') throw badRequest('description must be a string');
  group.description = op === 'remove' || typeof value !== 'string' || value.trim() === '' ? '' : value;
}

function applyAt(group: OneIdGroupFields, rawPath: string, op: PatchOperation['op'], value: unknown, userExists: (id: string) => boolean): void {
  const path = normalisePath(rawPath);
  const lower = path.toLowerCase();
  if (lower === 'members') return patchMembers(group, op, value, userExists);
  const filtered = /^members\[(.+)\]$/i.exec(path);
  if (filtered?.[1] !== undefined) {
    const id = valueEqualsFilter(filtered[1]);
    if (op !== 'remove' || id === undefined) throw badRequest(`Unsupported path: ${path}`, 'invalidPath');
    group.members = group.members.filter((member) => member !== id);
    return;
  }
  if (lower === 'displayname' || lower === `${URN.group}:displayname`.toLowerCase()) {
    if (op === 'remove') throw badRequest('displayName is required and cannot be removed', 'mutability');
    group.displayName = parseDisplayName(unwrapValue('displayName', value));
    return;
  }
  if (DESCRIPTION_PATHS.includes(lower)) return patchDescription(group, op, unwrapValue('description', value));
  if (lower === URN.groupExtension.toLowerCase()) {
    if (!isRecord(value)) throw badRequest(`${URN.groupExtension} must be an object`);
    if ('description' in value) patchDescription(group, op, value.description);
    return;
  }
  if (lower === 'id' || lower === 'schemas') return; // Entra repeats the id in no-path replaces.
  throw badRequest(`Unsupported path: ${path}`, 'invalidPath');
}

/**
 * Apply PATCH operations to a group: add/replace/remove on `members` (value `[{value}]`, members flagged
 * `operation:"delete"` are removed), RFC 7644 `remove` with `members[value eq "…"]`, `displayName`, the extension's
 * `description`, and no-path operations whose value maps those attributes.
 */
export function applyGroupPatch(current: OneIdGroupFields, operations: readonly PatchOperation[], userExists: (id: string) => boolean): OneIdGroupFields {
  const group = structuredClone(current);
  for (const operation of operations) {
    if (operation.path !== undefined) {
      applyAt(group, operation.path, operation.op, operation.value, userExists);
      continue;
    }
    for (const [key, value] of Object.entries(operation.value as Record<string, unknown>)) applyAt(group, key, operation.op, value, userExists);
  }
  return group;
}

/** A SCIM 1.1-style PATCH body without operations: `{members:[{value, operation?}], displayName?}` [INF]. */
export function applyLegacyGroupPatch(current: OneIdGroupFields, body: Record<string, unknown>, userExists: (id: string) => boolean): OneIdGroupFields {
  const operations: PatchOperation[] = [];
  if (body.displayName !== undefined) operations.push({ op: 'replace', path: 'displayName', value: body.displayName });
  if (body.members !== undefined) operations.push({ op: 'add', path: 'members', value: body.members });
  if (operations.length === 0) throw badRequest('operations must be a non-empty array', 'invalidSyntax');
  return applyGroupPatch(current, operations, userExists);
}
