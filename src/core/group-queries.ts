import { equalityConstraints, matchesFilter, type FilterNode } from '../scim/filter/index.js';
import { type ListParams, sortResources, toListResponse } from '../scim/list.js';
import type { ListResponse, ScimGroup } from '../scim/resource.js';
import type { StoredGroup } from '../store/store.js';
import { groupRecords } from './group-records.js';
import type { RequestContext } from './request-context.js';
import type { TenantRuntime } from './tenant.js';
import { upstreamGroupWrites } from './upstream-group-writes.js';

export function groupQueries(t: TenantRuntime) {
  const { store } = t;
  const records = groupRecords(t);

  const native = t.upstream.capabilities.nativeGroups && t.upstream.groups ? upstreamGroupWrites(t, t.upstream.groups) : undefined;

  /** One group; for upstreams that hold groups, read fresh (one call) and the mirror brought up to date. */
  async function get(id: string, rc: RequestContext): Promise<ScimGroup> {
    const mirrored = await records.load(id);
    return records.view(native ? await native.refresh(mirrored, rc) : mirrored, rc.baseUrl);
  }

  async function candidates(filter: FilterNode | undefined): Promise<StoredGroup[]> {
    for (const c of filter ? equalityConstraints(filter) : []) {
      if (c.path === 'displayname') return store.groups.findByDisplayName(t.id, c.value);
      if (c.path === 'id') {
        const g = await store.groups.get(t.id, c.value);
        return g ? [g] : [];
      }
    }
    return store.groups.list(t.id);
  }

  async function list(filter: FilterNode | undefined, params: ListParams, rc: RequestContext): Promise<ListResponse<ScimGroup>> {
    const views = await records.views(await candidates(filter), rc.baseUrl);
    const matching = filter ? views.filter((v) => matchesFilter(v, filter, t.groupSchema)) : views;
    return toListResponse(sortResources(matching, params, t.groupSchema), params);
  }

  return { get, list };
}
