import { badRequest } from './errors.js';
import { isRecord } from './patch-request.js';
import type { OneIdGroupFields } from './records.js';
import { URN } from './urns.js';

/**
 * - `create` (POST /Groups): "Must include the displayName attribute"; the GroupExtension is optional [INF].
 * - `bulkCreate` (POST /Groups/bulk): schemas, displayName, the GroupExtension and `meta` (object or null) are all
 *   marked required (postBulkCreateGroups).
 * - `replace` (PUT): "PUT will replace all members of a group with those members provided"; a left-out description
 *   is cleared.
 */
export type GroupWritePolicy = 'create' | 'bulkCreate' | 'replace';

/** Member user ids from `[{value}]`, each an existing user (unknown ids → 400 [INF]), without duplicates. */
export function parseMemberIds(value: unknown, userExists: (id: string) => boolean): string[] {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : [value];
  const ids: string[] = [];
  for (const item of items) {
    const id = isRecord(item) ? item.value : undefined;
    if (typeof id !== 'string' || id === '') throw badRequest('Each member must be an object with a string value (a user id)');
    if (!userExists(id)) throw badRequest(`Member ${id} is not a user of this organization`);
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

export function parseDisplayName(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw badRequest('Missing required attribute: displayName');
  return value;
}

export function parseGroupBody(body: unknown, policy: GroupWritePolicy, orgId: string, userExists: (id: string) => boolean): OneIdGroupFields {
  if (!isRecord(body)) throw badRequest('A group must be a JSON object', 'invalidSyntax');
  if (policy === 'bulkCreate') {
    const missing = ['schemas', 'displayName', URN.groupExtension].find((key) => body[key] === undefined || body[key] === null);
    if (missing !== undefined) throw badRequest(`Missing required attribute: ${missing}`);
    if (!('meta' in body)) throw badRequest('Missing required attribute: meta (an object or null)');
  }
  if (body.schemas !== undefined && (!Array.isArray(body.schemas) || !body.schemas.includes(URN.group))) {
    throw badRequest(`schemas must include ${URN.group}`, 'invalidSyntax');
  }
  const extension = body[URN.groupExtension];
  if (extension !== undefined && extension !== null && !isRecord(extension)) throw badRequest(`${URN.groupExtension} must be an object`);
  const ext = isRecord(extension) ? extension : {};
  if (policy === 'bulkCreate' && (ext.organizationId === undefined || ext.organizationId === null)) {
    throw badRequest(`Missing required attribute: ${URN.groupExtension}:organizationId`);
  }
  if (ext.organizationId !== undefined && ext.organizationId !== null && ext.organizationId !== orgId) {
    throw badRequest(`organizationId ${JSON.stringify(ext.organizationId)} is not this organization's id`);
  }
  if (ext.description !== undefined && ext.description !== null && typeof ext.description !== 'string') {
    throw badRequest('description must be a string');
  }
  const description = typeof ext.description === 'string' && ext.description.trim() !== '' ? ext.description : '';
  return { displayName: parseDisplayName(body.displayName), description, members: parseMemberIds(body.members, userExists) };
}
