import { equalityConstraints, matchesFilter, type FilterNode } from '../scim/filter/index.js';
import { type ListParams, listResponse, sortResources, toListResponse } from '../scim/list.js';
import type { ListResponse, ScimGroup } from '../scim/resource.js';
import type { StoredGroup } from '../store/store.js';
import { groupRecords } from './group-records.js';
import { keepYielding, pagesOf, scanList } from './paged-list.js';
import type { RequestContext } from './request-context.js';
import type { TenantRuntime } from './tenant.js';
import { upstreamGroupWrites } from './upstream-group-writes.js';

/** Groups read per page of a scan: each comes with its member list. */
const GROUPS_PER_SCAN_PAGE = 100;

export function groupQueries(t: TenantRuntime) {
  const { store } = t;
  const records = groupRecords(t);

  const native = t.upstream.capabilities.nativeGroups && t.upstream.groups ? upstreamGroupWrites(t, t.upstream.groups) : undefined;

  /** One group; for upstreams that hold groups, read fresh (one call) and the mirror brought up to date. */
  async function get(id: string, rc: RequestContext): Promise<ScimGroup> {
    const mirrored = await records.load(id);
    return records.view(native ? await native.refresh(mirrored, rc) : mirrored, rc.baseUrl);
  }

  /** Index look-up for the filter's equality terms; undefined when it has none the index answers. */
  async function lookup(filter: FilterNode | undefined): Promise<StoredGroup[] | undefined> {
    for (const c of filter ? equalityConstraints(filter) : []) {
      if (c.path === 'displayname') return store.groups.findByDisplayName(t.id, c.value);
      if (c.path === 'id') {
        const g = await store.groups.get(t.id, c.value);
        return g ? [g] : [];
      }
    }
    return undefined;
  }

  /**
   * GET /Groups, as users are listed (user-queries.ts): a displayName or id term from the index, else without filter
   * or sort one offset read and a count, else a walk a page at a time. Each group comes with its member list (its
   * view and ETag show them, even when `excludedAttributes=members` drops them from the answer), so a scan's pages
   * are smaller than the users'.
   */
  async function list(filter: FilterNode | undefined, params: ListParams, rc: RequestContext): Promise<ListResponse<ScimGroup>> {
    const found = await lookup(filter);
    if (found) {
      const views = await records.views(found, rc.baseUrl);
      const matching = filter ? views.filter((v) => matchesFilter(v, filter, t.groupSchema)) : views;
      return toListResponse(sortResources(matching, params, t.groupSchema), params);
    }
    if (!filter && !params.sortBy) {
      const [total, page] = await Promise.all([
        store.groups.count(t.id),
        params.count === 0 ? [] : store.groups.page(t.id, { offset: params.startIndex - 1, limit: params.count, members: true }),
      ]);
      return listResponse(await records.views(page, rc.baseUrl), total, params.startIndex);
    }
    const pages = pagesOf<StoredGroup>((after, limit) => store.groups.page(t.id, { after, limit, members: true }), GROUPS_PER_SCAN_PAGE);
    return scanList(
      pages,
      {
        keep: async (rows) => {
          if (!filter) return rows;
          const views = await records.views(rows, rc.baseUrl);
          return keepYielding(rows, (_, i) => matchesFilter(views[i] as ScimGroup, filter, t.groupSchema));
        },
        render: (rows) => records.views(rows, rc.baseUrl),
        sortViews: (rows) => records.views(rows, rc.baseUrl),
        reload: async (ids) => (await Promise.all(ids.map((id) => store.groups.get(t.id, id)))).filter((g): g is StoredGroup => g !== undefined),
      },
      params,
      t.groupSchema,
    );
  }

  return { get, list };
}
