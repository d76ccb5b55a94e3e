import { setImmediate as nextTurn } from 'node:timers/promises';
import { notFound } from '../scim/errors.js';
import type { ScimGroup } from '../scim/resource.js';
import type { IndexedUser, StoredGroup } from '../store/store.js';
import { renderGroup } from './group-view.js';
import type { TenantRuntime } from './tenant.js';

/** Members read between two turns of the event loop when rendering a group. */
const MEMBERS_PER_TURN = 500;

export function groupRecords(t: TenantRuntime) {
  const { store } = t;

  async function load(id: string): Promise<StoredGroup> {
    const g = await store.groups.get(t.id, id);
    if (!g) throw notFound(`Group ${id} not found`);
    return g;
  }

  /** The members' index entries, read in chunks with a turn of the event loop between them (a group may be huge). */
  async function membersOf(groups: StoredGroup[]): Promise<Map<string, IndexedUser>> {
    const ids = [...new Set(groups.flatMap((g) => g.memberIds))];
    const members = new Map<string, IndexedUser>();
    for (let i = 0; i < ids.length; i += MEMBERS_PER_TURN) {
      if (i > 0) await nextTurn();
      const users = await Promise.all(ids.slice(i, i + MEMBERS_PER_TURN).map((id) => store.users.get(t.id, id)));
      for (const u of users) if (u) members.set(u.id, u);
    }
    return members;
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
