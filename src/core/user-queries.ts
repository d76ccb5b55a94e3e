import { equalityConstraints, filterReads, matchesFilter, pathReads, type FilterNode } from '../scim/filter/index.js';
import { type ListParams, listResponse, sortResources, toListResponse } from '../scim/list.js';
import type { ListResponse, ScimUser } from '../scim/resource.js';
import type { IndexedUser } from '../store/store.js';
import type { RequestContext } from './request-context.js';
import type { TenantRuntime } from './tenant.js';
import { viaUpstream } from './upstream-call.js';
import { sameContent, stableStringify } from '../scim/etag.js';
import type { JsonValue } from '../scim/resource.js';
import { pendingCreates } from './pending-creates.js';
import { userRecords } from './user-records.js';
import { isUpstreamError } from '../upstreams/upstream-error.js';
import { isParkedId } from '../upstreams/upstream.js';
import { storableUser } from './user-view.js';
import { keepYielding, pagesOf, scanList } from './paged-list.js';

/**
 * Reading users. Filters are answered from the local index, never by scanning the upstream: an equality term on
 * userName, externalId or id narrows the candidates through the index, and the full filter is then evaluated on
 * the SCIM views, so an answer is never wrong, only sometimes slower. Without such a term the index is read a page
 * at a time (`list` below): nothing loads the whole tenant.
 */
export function userQueries(t: TenantRuntime) {
  const { store, upstream } = t;
  const records = userRecords(t);
  const pending = pendingCreates(t);

  /** GET /Users/{id}: one upstream read (or none, when configured to read from the index). */
  async function get(id: string, rc: RequestContext): Promise<ScimUser> {
    let entry = await records.loadLive(id);
    if (t.userReads === 'upstream' && !isParkedId(entry.upstreamId)) entry = await refresh(entry, rc);
    return records.view(entry, rc.baseUrl);
  }

  async function refresh(entry: IndexedUser, rc: RequestContext): Promise<IndexedUser> {
    const fresh = await viaUpstream(() => upstream.users.get(entry.upstreamId, rc.upstream));
    if (!fresh) {
      // Gone upstream (deleted outside the bridge): forget it, and answer as the upstream does.
      await store.users.remove(t.id, entry.id);
      return records.loadLive(entry.id);
    }
    const merged = storableUser(upstream.users.merge(entry.resource, fresh));
    const sameState = fresh.state === undefined || stableStringify(fresh.state as JsonValue) === stableStringify((entry.upstreamState ?? null) as JsonValue);
    if (sameContent(merged, entry.resource) && sameState) return entry;
    const updated: IndexedUser = {
      ...entry,
      userName: merged.userName,
      active: merged.active !== false,
      resource: merged,
      lastModified: t.now().toISOString(),
      ...(fresh.state ? { upstreamState: fresh.state } : {}),
    };
    await store.users.put(updated);
    return updated;
  }

  /**
   * A userName the index lacks may be a create in flight or one whose answer was lost (`pending-creates.ts`): wait
   * for it or settle it, then look again, so an IdP's "0 found" is never followed by a 409 for the same name. Costs
   * one state read on a miss. While the upstream cannot say, the filter answers from the index as it is.
   */
  async function afterPendingCreate(userName: string, rc: RequestContext): Promise<IndexedUser[]> {
    if (!(await pending.get(userName))) return [];
    try {
      await pending.settleName(userName, rc.upstream);
    } catch (e) {
      if (!isUpstreamError(e)) throw e;
    }
    return store.users.findByUserName(t.id, userName);
  }

  async function lookup(constraints: { path: string; value: string }[], rc: RequestContext): Promise<IndexedUser[] | undefined> {
    const live = (xs: IndexedUser[]) => xs.filter((u) => u.deletedAt === undefined);
    for (const c of constraints) {
      if (c.path === 'username') {
        const found = live(await store.users.findByUserName(t.id, c.value));
        return found.length > 0 ? found : live(await afterPendingCreate(c.value, rc));
      }
      if (c.path === 'externalid') return live(await store.users.findByExternalId(t.id, c.value));
      if (c.path === 'id') {
        const one = await store.users.get(t.id, c.value);
        return one ? live([one]) : [];
      }
    }
    return undefined;
  }

  /**
   * GET /Users. A filter with an equality term on userName, externalId or id is answered from that look-up (a
   * single such term needs no second evaluation: the index matches as the filter does, userName case-insensitively,
   * externalId and id exactly). Without a filter or sort, a page is one offset read in SQL and `totalResults` the
   * tenant's kept count (one row). Any other filter, or a sort, walks the tenant a page at a time (paged-list.ts).
   */
  async function list(filter: FilterNode | undefined, params: ListParams, rc: RequestContext): Promise<ListResponse<ScimUser>> {
    const constraints = filter ? equalityConstraints(filter) : [];
    const found = await lookup(constraints, rc);
    if (found) {
      const views = await records.views(found, rc.baseUrl);
      const matching = filter && constraints.length > 1 ? views.filter((v) => matchesFilter(v, filter, t.userSchema)) : views;
      return toListResponse(sortResources(matching, params, t.userSchema), params);
    }
    if (!filter && !params.sortBy) {
      // Two reads at once, not one snapshot: a user created meanwhile may make the total one off, as between two pages.
      const [total, page] = await Promise.all([
        store.users.countLive(t.id),
        params.count === 0 ? [] : store.users.pageLive(t.id, { offset: params.startIndex - 1, limit: params.count }),
      ]);
      return listResponse(await records.views(page, rc.baseUrl), total, params.startIndex);
    }
    // A filter (or sort) that reads neither `groups` nor `meta` is tested on a lighter view: no group look-up, no ETag.
    const reads = (name: string) => (filter !== undefined && filterReads(filter, name)) || (params.sortBy !== undefined && pathReads(params.sortBy, name));
    const fullView = reads('groups') || reads('meta');
    const testViews = async (rows: IndexedUser[]) => (fullView ? records.views(rows, rc.baseUrl) : rows.map((e) => records.filterView(e, rc.baseUrl)));
    const pages = pagesOf<IndexedUser>((after, limit) => store.users.pageLive(t.id, { after, limit }));
    return scanList(
      pages,
      {
        keep: async (rows) => {
          if (!filter) return rows;
          if (fullView) {
            const views = await records.views(rows, rc.baseUrl);
            return keepYielding(rows, (_, i) => matchesFilter(views[i] as ScimUser, filter, t.userSchema));
          }
          return keepYielding(rows, (e) => matchesFilter(records.filterView(e, rc.baseUrl), filter, t.userSchema));
        },
        render: (rows) => records.views(rows, rc.baseUrl),
        sortViews: testViews,
        reload: async (ids) => {
          const users = await Promise.all(ids.map((id) => store.users.get(t.id, id)));
          return users.filter((u): u is IndexedUser => u !== undefined && u.deletedAt === undefined);
        },
      },
      params,
      t.userSchema,
    );
  }

  return { get, list };
}
