import { versionOf } from '../scim/etag.js';
import { GROUP_SCHEMA, type GroupMember, type ScimGroup } from '../scim/resource.js';
import type { IndexedUser, StoredGroup } from '../store/store.js';

/** The SCIM view of a bridge-stored group: members carry the user's userName as `display` and a `$ref`. */
export function renderGroup(group: StoredGroup, members: Map<string, IndexedUser>, baseUrl: string): ScimGroup {
  const { meta: _m, id: _id, members: _mm, ...attrs } = group.resource;
  const view: ScimGroup = {
    ...attrs,
    schemas: [GROUP_SCHEMA, ...(attrs.schemas ?? []).filter((s) => s !== GROUP_SCHEMA)],
    id: group.id,
    displayName: group.displayName,
  };
  if (group.externalId !== undefined) view.externalId = group.externalId;
  view.members = group.memberIds.map((id): GroupMember => {
    const user = members.get(id);
    return { value: id, $ref: `${baseUrl}/Users/${id}`, type: 'User', ...(user ? { display: user.userName } : {}) };
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

/** What the store keeps of a group's SCIM view (members are kept apart, as ids). */
export function storableGroup(group: ScimGroup): ScimGroup {
  const { meta: _m, id: _id, members: _mm, ...rest } = group;
  return rest as ScimGroup;
}
