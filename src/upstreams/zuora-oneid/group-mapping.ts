import { GROUP_SCHEMA, isJsonObject, PATCH_OP_SCHEMA, type JsonObject, type ScimGroup } from '../../scim/resource.js';
import type { GroupChange, UpstreamGroup } from '../upstream.js';
import { UpstreamError } from '../upstream-error.js';
import { dropNulls, extensionOf, GROUP_EXTENSION, type OneIdGroup } from './oneid-wire.js';

/**
 * Pure SCIM ⇄ OneID group mapping (docs/upstreams/zuora-oneid.md §3, §4): displayName, members (upstream user ids) and the
 * GroupExtension's description pass through; the extension's organizationId is filled from config.
 */

/** What OneID's PATCH takes as "clear this field". */
const CLEARED = ' ';

/** The GroupExtension's `description`, as the IdP sent it (a string, `null` to clear). */
const descriptionOf = (g: JsonObject): string | null | undefined => {
  const value = extensionOf(g, GROUP_EXTENSION)?.description;
  return typeof value === 'string' || value === null ? value : undefined;
};

/** The OneID group a POST or PUT sends ("PUT will replace all members … with those members provided"). */
export function toOneIdGroup(g: ScimGroup, organizationId: string): OneIdGroup {
  const extension: JsonObject = { organizationId };
  const description = descriptionOf(g);
  if (typeof description === 'string') extension.description = description;
  return {
    schemas: [GROUP_SCHEMA, GROUP_EXTENSION],
    displayName: g.displayName,
    members: (g.members ?? []).map((m) => ({ value: m.value })),
    [GROUP_EXTENSION]: extension,
  };
}

/** What OneID holds of a group: members as `{value}` (upstream user ids), the extension without its own `schemas`. */
export function fromOneIdGroup(raw: OneIdGroup): UpstreamGroup {
  const body = dropNulls(raw);
  if (typeof body.id !== 'string' || body.id === '') throw new UpstreamError('unavailable', 'zuora-oneid', 'OneID answered a group without an id');
  const group: ScimGroup = { schemas: [GROUP_SCHEMA, GROUP_EXTENSION], displayName: body.displayName };
  const members = (body.members ?? []).flatMap((m) => (typeof m.value === 'string' && m.value !== '' ? [{ value: m.value }] : []));
  if (members.length > 0) group.members = members;
  const ext = extensionOf(body, GROUP_EXTENSION) ?? {};
  const out: JsonObject = {};
  // A cleared description may read back empty or as the " " that cleared it.
  if (typeof ext.description === 'string' && ext.description.trim() !== '') out.description = ext.description;
  if (ext.organizationId !== undefined) out.organizationId = ext.organizationId;
  if (ext.active !== undefined) out.active = ext.active;
  group[GROUP_EXTENSION] = out;
  return { upstreamId: body.id, group };
}

const DESCRIPTION_PATH = `${GROUP_EXTENSION}:description`;
/** Extension attributes OneID fills itself (read-only for IdPs): a change to them is not the IdP's to make. */
const FILLED_BY_ONEID = ['organizationId', 'active'].map((a) => `${GROUP_EXTENSION}:${a}`.toLowerCase());

const refused = (attribute: string): UpstreamError =>
  new UpstreamError('invalid', 'zuora-oneid', `${attribute}: a Zuora OneID group holds only displayName, members and the GroupExtension's description`);

/**
 * The new description among the changed attributes, `null` when it goes: the attribute itself
 * (`urn…:GroupExtension:description`), or the extension object, without a description (removed) or `null` (the
 * whole extension removed). Any other attribute OneID cannot hold is refused (400 naming it) rather than dropped.
 */
function descriptionChange(attributes: Record<string, unknown>): { value: string | null } | undefined {
  let change: { value: string | null } | undefined;
  for (const [key, value] of Object.entries(attributes)) {
    const lower = key.toLowerCase();
    if (lower === DESCRIPTION_PATH.toLowerCase() || lower === 'description') {
      if (typeof value !== 'string' && value !== null) throw refused(key);
      change = { value };
    } else if (lower === GROUP_EXTENSION.toLowerCase()) {
      if (value !== null && !isJsonObject(value)) throw refused(key);
      const d = value?.description;
      change = { value: typeof d === 'string' ? d : null };
    } else if (!FILLED_BY_ONEID.includes(lower)) {
      throw refused(key);
    }
  }
  return change;
}

/**
 * One OneID PatchOp for a group change, under OneID's lower-case `operations` key (partiallyUpdateASpecificGroup),
 * or `undefined` when nothing changes. Members leave in the documented form: member objects with
 * `operation: "delete"` ("add is the default"), inside an RFC 7644 `remove` so either reading removes them. A
 * description is cleared the way OneID documents clearing with PATCH ("Updating a value to \" \" will clear and
 * remove the field", partialUpdateASpecificUser). Throws `invalid` for an attribute OneID cannot hold.
 */
export function groupPatch(change: GroupChange): JsonObject | undefined {
  const operations: JsonObject[] = [];
  if (change.displayName !== undefined) operations.push({ op: 'replace', path: 'displayName', value: change.displayName });
  const description = change.attributes ? descriptionChange(change.attributes) : undefined;
  if (description) {
    const cleared = description.value === null || description.value.trim() === '';
    operations.push({ op: 'replace', path: DESCRIPTION_PATH, value: cleared ? CLEARED : description.value });
  }
  if (change.addMemberIds.length > 0) operations.push({ op: 'add', path: 'members', value: change.addMemberIds.map((value) => ({ value })) });
  if (change.removeMemberIds.length > 0) {
    operations.push({ op: 'remove', path: 'members', value: change.removeMemberIds.map((value) => ({ value, operation: 'delete' })) });
  }
  return operations.length === 0 ? undefined : { schemas: [PATCH_OP_SCHEMA], operations };
}
