import { notFound } from '../scim/errors.js';
import type { ScimGroup } from '../scim/resource.js';
import type { IndexedUser, StoredGroup } from '../store/store.js';
import { renderGroup } from './group-view.js';
import type { TenantRuntime } from './tenant.js';

export function groupRecords(t: TenantRuntime) {
  const { store } = t;

  async function load(id: string): Promise<StoredGroup> {
    const g = await store.groups.get(t.id, id);
    if (!g) throw notFound(`Group ${id} not found`);
    return g;
  }

  async function membersOf(groups: StoredGroup[]): Promise<Map<string, IndexedUser>> {
    const ids = [...new Set(groups.flatMap((g) => g.memberIds))];
    const users = await Promise.all(ids.map((id) => store.users.get(t.id, id)));
    return new Map(users.filter((u): u is IndexedUser => u !== undefined).map((u) => [u.id, u]));
  }

  async function view(group: StoredGroup, baseUrl: string): Promise<ScimGroup> {
    return renderGroup(group, await membersOf([group]), baseUrl);
  }

  async function views(groups: StoredGroup[], baseUrl: string): Promise<ScimGroup[]> {
    const members = await membersOf(groups);
    return groups.map((g) => renderGroup(g, members, baseUrl));
  }

  /** The view a PATCH applies to: members carry only the labels the IdP gave, not the userNames filled in. */
  function patchBase(group: StoredGroup, baseUrl: string): ScimGroup {
    return renderGroup(group, new Map(), baseUrl);
  }

  return { load, view, views, patchBase };
}
