import { deepFreeze } from '../scim/deep-freeze.js';
import type { ScimUser } from '../scim/resource.js';
import type { GroupRef, IndexedUser } from '../store/store.js';
import { renderUser } from './user-view.js';

/** Views kept per resource object: one per base URL and group set is the usual case; a few cover the rest. */
const MAX_VIEWS_PER_RESOURCE = 4;

/**
 * Rendered user views, memoised by what they are made of. The store hands out one frozen resource object per
 * distinct stored text (store/stored-user-resource.ts), so a view is fully determined by that object, the scalar
 * columns beside it, the user's groups and the base URL. An unchanged user is then rendered, and its ETag hashed,
 * once rather than on every `filter=userName eq` an IdP sends before a create. Views are frozen and shared: callers
 * that change a resource (PATCH) work on a copy already (`applyPatch` clones).
 *
 * Resources that are not frozen (built in memory by a write, not read from a store) are rendered every time.
 * Held weakly, so a cached view goes when its resource object does.
 */
export function userViewCache(): (entry: IndexedUser, groups: readonly GroupRef[], baseUrl: string) => ScimUser {
  const byResource = new WeakMap<object, Views>();
  return (entry, groups, baseUrl) => {
    if (!Object.isFrozen(entry.resource)) return renderUser(entry, groups, baseUrl);
    let views = byResource.get(entry.resource);
    // The same frozen entry and group list as last time (the SQLite read cache hands out the same objects while
    // nothing changed): the same view, without building its key.
    const last = views?.last;
    if (last && last.entry === entry && last.groups === groups && last.baseUrl === baseUrl) return last.view;
    const key = viewKey(entry, groups, baseUrl);
    let view = views?.byKey.get(key);
    if (!view) {
      view = deepFreeze(renderUser(entry, groups, baseUrl));
      if (!views) byResource.set(entry.resource, (views = { byKey: new Map() }));
      if (views.byKey.size >= MAX_VIEWS_PER_RESOURCE) views.byKey.delete(views.byKey.keys().next().value as string);
      views.byKey.set(key, view);
    }
    // Only frozen inputs can be recognised by identity: an open one may have changed since.
    if (views && Object.isFrozen(entry) && Object.isFrozen(groups)) views.last = { entry, groups, baseUrl, view };
    return view;
  };
}

interface Views {
  byKey: Map<string, ScimUser>;
  last?: { entry: IndexedUser; groups: readonly GroupRef[]; baseUrl: string; view: ScimUser };
}

/** Everything besides the resource object that `renderUser` reads; NUL cannot occur in any of it (http/plugins/text-hygiene.ts). */
function viewKey(entry: IndexedUser, groups: readonly GroupRef[], baseUrl: string): string {
  let key = `${entry.id}\u0000${entry.userName}\u0000${entry.externalId ?? '\u0001'}\u0000${entry.active}\u0000${entry.created}\u0000${entry.lastModified}\u0000${baseUrl}`;
  for (const g of groups) key += `\u0000${g.id}\u0000${g.displayName}`;
  return key;
}
