import { versionOf } from '../scim/etag.js';
import { GROUP_SCHEMA, type GroupMember, type ScimGroup } from '../scim/resource.js';
import type { IndexedUser, StoredGroup } from '../store/store.js';

/** The SCIM view of a bridge-stored group: members carry the user's userName as `display` and a `$ref`. */
export function renderGroup(group: StoredGroup, members: Map<string, IndexedUser>, baseUrl: string): ScimGroup {
  const { meta: _m, id: _id, members: _labels, ...attrs } = group.resource;
  const view: ScimGroup = {
    ...attrs,
    schemas: [GROUP_SCHEMA, ...(attrs.schemas ?? []).filter((s) => s !== GROUP_SCHEMA)],
    id: group.id,
    displayName: group.displayName,
  };
  if (group.externalId !== undefined) view.externalId = group.externalId;
  const labels = new Map((group.resource.members ?? []).map((m) => [m.value, m.display]));
  view.members = group.memberIds.map((id): GroupMember => {
    const display = labels.get(id) ?? members.get(id)?.userName;
    return { value: id, $ref: `${baseUrl}/Users/${id}`, type: 'User', ...(display ? { display } : {}) };
  });
  view.meta = {
    resourceType: 'Group',
    created: group.created,
    lastModified: group.lastModified,
    location: `${baseUrl}/Groups/${group.id}`,
    version: versionOf(view),
  };
  return view;
}

/**
 * What the store keeps of a group's SCIM view. Membership itself lives in the store's member table; the resource
 * keeps only the labels (`display`) the IdP gave members, so it reads back what it wrote.
 */
export function storableGroup(group: ScimGroup, memberIds: readonly string[]): ScimGroup {
  const { meta: _m, id: _id, members, ...rest } = group;
  const kept = new Set(memberIds);
  const labelled = (members ?? []).filter((m) => kept.has(m.value) && typeof m.display === 'string' && m.display !== '');
  const out = rest as ScimGroup;
  if (labelled.length > 0) out.members = labelled.map((m) => ({ value: m.value, display: m.display as string }));
  return out;
}
