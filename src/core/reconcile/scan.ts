import { sameContent, stableStringify } from '../../scim/etag.js';
import type { JsonValue, ScimUser } from '../../scim/resource.js';
import type { IndexedUser } from '../../store/store.js';
import type { UpstreamContext } from '../../upstreams/call-record.js';
import { isParkedId, type UpstreamUser } from '../../upstreams/upstream.js';
import type { TenantRuntime } from '../tenant.js';
import { storableUser } from '../user-view.js';
import { driftOf, type DriftItem } from './drift.js';
import { pagesOf } from '../paged-list.js';

/** One upstream user, beside what the index holds of it. */
export interface ScannedUser {
  up: UpstreamUser;
  /** The index entry; undefined for a user the bridge has not seen (to adopt). */
  entry: IndexedUser | undefined;
  /** The user's view once the upstream's values are overlaid on the index's. */
  resource: ScimUser;
  /** Whether the index must change to match the upstream (a new user, or one read differently). */
  indexChanged: boolean;
  drift: DriftItem | undefined;
}

/**
 * Read every upstream user, page by page, each paired with its index entry. Users the IdP deleted (tombstones) and
 * entries the bridge wrote after `startedAt` are skipped: the page is older than them. Reads only.
 */
export async function* scanUpstreamUsers(t: TenantRuntime, ctx: UpstreamContext, startedAt: string): AsyncGenerator<{ seen: string[]; users: ScannedUser[] }> {
  for await (const page of t.upstream.users.list(ctx)) {
    const users: ScannedUser[] = [];
    for (const up of page) {
      const entry = await t.store.users.getByUpstreamId(t.id, up.upstreamId);
      if (entry && (entry.deletedAt !== undefined || entry.lastModified > startedAt)) continue;
      const resource = storableUser(t.upstream.users.merge(entry?.resource, up));
      const sameState = stableStringify((entry?.upstreamState ?? null) as JsonValue) === stableStringify((up.state ?? null) as JsonValue);
      const indexChanged = !entry || !sameContent(resource, entry.resource) || !sameState;
      users.push({ up, entry, resource, indexChanged, drift: entry ? driftOf(entry, up) : undefined });
    }
    yield { seen: page.map((u) => u.upstreamId), users };
  }
}

/**
 * Index entries whose upstream user is gone (not seen, not written since `startedAt`, not parked), a page of the
 * index at a time: the index is never loaded whole. A caller may remove each page's entries before asking for the
 * next (the walk goes by key, so removing what it has passed moves nothing). `seen` holds the upstream's ids only.
 */
export async function* goneUpstream(t: TenantRuntime, seen: ReadonlySet<string>, startedAt: string): AsyncGenerator<IndexedUser[]> {
  for await (const page of pagesOf<IndexedUser>((after, limit) => t.store.users.pageLive(t.id, { after, limit }))) {
    const gone = page.filter((e) => !seen.has(e.upstreamId) && e.lastModified <= startedAt && !isParkedId(e.upstreamId));
    if (gone.length > 0) yield gone;
  }
}
