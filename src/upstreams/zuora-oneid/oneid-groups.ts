import type { UpstreamGroups } from '../upstream.js';
import { fromOneIdGroup, groupPatch, toOneIdGroup } from './group-mapping.js';
import { listPages } from './list-pages.js';
import type { OneIdGroup } from './oneid-wire.js';
import type { ZuoraOneIdClient } from './zuora-oneid-client.js';
import type { ZuoraOneIdConfig } from './zuora-oneid-config.js';

/** The id a read-only (planned) create answers with: nothing was created, so OneID gave none. */
export const PLANNED_GROUP_ID = 'planned-create';

/** Enough to cover a day of group deletions in one process (OneID keeps an Idempotency-Key for 24 hours). */
const DELETED_IDS_REMEMBERED = 10_000;

/** A bounded set: the oldest id is forgotten first. */
class RecentIds {
  private readonly ids = new Set<string>();
  constructor(private readonly capacity: number) {}
  add(id: string): void {
    this.ids.delete(id);
    this.ids.add(id);
    if (this.ids.size > this.capacity) this.ids.delete(this.ids.values().next().value as string);
  }
  has(id: string): boolean {
    return this.ids.has(id);
  }
}

/**
 * OneID's native groups (docs/upstreams/zuora-oneid.md §3): POST, GET, PUT (members replaced), one PATCH per change, DELETE ("permanently
 * removes a group (members are not deleted)"), and the list in OneID's page-number `startIndex` reading. A create
 * answered with the id of a group this process deleted was a replay of an earlier identical POST (derived
 * Idempotency-Key, see `idempotency-key.ts`) and is sent again with a fresh key. Groups are written only when the
 * core asks, on an IdP's request for that group; in a read-only context nothing is sent and each write answers as if
 * done.
 */
export function oneIdGroups(
  client: ZuoraOneIdClient,
  config: Pick<ZuoraOneIdConfig, 'organizationId' | 'groupsPageSize' | 'groupsStartIndex'>,
): UpstreamGroups {
  const read = (body: unknown) => fromOneIdGroup(body as OneIdGroup);
  const deleted = new RecentIds(DELETED_IDS_REMEMBERED);
  return {
    async create(group, ctx) {
      const body = toOneIdGroup(group, config.organizationId);
      if (ctx.readOnly) return read({ ...body, id: PLANNED_GROUP_ID });
      const created = read(await client.create('Groups', body, ctx));
      // The same POST after the group was deleted derives the same key, and OneID replays the old answer for 24 hours.
      if (!deleted.has(created.upstreamId)) return created;
      return read(await client.create('Groups', body, ctx, { freshKey: true }));
    },
    async get(upstreamId, ctx) {
      const body = await client.get('Groups', upstreamId, ctx);
      return body === undefined ? undefined : read(body);
    },
    async replace(upstreamId, group, ctx) {
      const body = toOneIdGroup(group, config.organizationId);
      if (ctx.readOnly) return read({ ...body, id: upstreamId });
      return read(await client.replace('Groups', upstreamId, body, ctx));
    },
    async modify(upstreamId, change, ctx) {
      const body = groupPatch(change);
      if (body && !ctx.readOnly) await client.patch('Groups', upstreamId, body, ctx);
    },
    async delete(upstreamId, ctx) {
      if (ctx.readOnly) return;
      await client.remove('Groups', upstreamId, ctx);
      deleted.add(upstreamId);
    },
    async *list(ctx) {
      const paging = { pageSize: config.groupsPageSize, startIndex: config.groupsStartIndex };
      for await (const page of listPages(client, 'Groups', paging, ctx)) yield page.map(read);
    },
  };
}
