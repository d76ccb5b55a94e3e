import { randomUUID } from 'node:crypto';
import type { ScimUser } from '../scim/resource.js';
import { foldCase } from '../store/fold-case.js';
import type { IndexedUser } from '../store/store.js';
import type { UpstreamContext } from '../upstreams/call-record.js';
import { isUpstreamError, type UpstreamErrorKind } from '../upstreams/upstream-error.js';
import { recordOwnWrite } from './audit-recorder.js';
import { userNameKey } from './keyed-lock.js';
import type { TenantRuntime } from './tenant.js';
import { storableUser } from './user-view.js';

const PREFIX = 'pending-create:';

/**
 * A create the bridge sent upstream without knowing how it ended: written before the upstream call and removed once
 * the user is in the index, so a create whose answer was lost, or whose replica died between the upstream write and
 * the index write, is still known to every replica.
 */
export interface PendingCreate {
  userName: string;
  /** The user as the IdP sent it (without its password), for the index entry should the upstream have made it. */
  user: ScimUser;
  since: string;
}

/** Upstream failures after which the request may have been carried out: no answer, a 5xx, an unreadable answer. */
export const AMBIGUOUS: ReadonlySet<UpstreamErrorKind> = new Set(['timeout', 'unavailable', 'malformed']);

export type Resolution = 'indexed' | 'absent';

/**
 * Creates whose outcome the bridge must find out. Each is settled under the userName's lock (so never while its own
 * create is still running): the upstream is asked for the user (`users.find`); found, it is indexed under the IdP's
 * userName, so the IdP's filter finds it and its retry gets a 409; not found, the record is dropped and a create may
 * go ahead. While the upstream cannot say, the record stays and the caller answers 503.
 */
export function pendingCreates(t: TenantRuntime) {
  const state = t.store.state;
  const key = (userName: string) => `${PREFIX}${foldCase(userName)}`;

  async function get(userName: string): Promise<PendingCreate | undefined> {
    const raw = await state.get(t.id, key(userName));
    return raw ? (JSON.parse(raw) as PendingCreate) : undefined;
  }

  async function record(userName: string, user: ScimUser): Promise<void> {
    const pending: PendingCreate = { userName, user: storableUser(user), since: t.now().toISOString() };
    await state.set(t.id, key(userName), JSON.stringify(pending));
  }

  async function clear(userName: string): Promise<void> {
    await state.delete(t.id, key(userName));
  }

  /** Index what the upstream made of a create whose answer the bridge never read. */
  async function index(pending: PendingCreate, found: { upstreamId: string; user: ScimUser; state?: IndexedUser['upstreamState'] }): Promise<IndexedUser> {
    const now = t.now().toISOString();
    const resource = storableUser({ ...t.upstream.users.merge(pending.user, found), userName: pending.userName });
    const entry: IndexedUser = {
      tenant: t.id,
      id: randomUUID(),
      upstreamId: found.upstreamId,
      userName: pending.userName,
      externalId: pending.user.externalId,
      active: resource.active !== false,
      resource,
      created: now,
      lastModified: now,
      deletedAt: undefined,
      upstreamState: found.state,
      synced: { user: storableUser(found.user), state: found.state ?? {}, at: now },
    };
    await t.store.users.put(entry);
    return entry;
  }

  /**
   * Settle one pending create: the caller holds the userName's lock. Throws the upstream's error while it cannot say
   * whether the user exists (the record stays for the next request or sweep).
   */
  async function settle(pending: PendingCreate, ctx: UpstreamContext): Promise<Resolution> {
    const live = (await t.store.users.findByUserName(t.id, pending.userName)).find((e) => e.deletedAt === undefined);
    if (live) {
      await clear(pending.userName);
      return 'indexed';
    }
    const from = ctx.calls.length;
    const found = t.upstream.users.find ? await t.upstream.users.find({ user: pending.user, groupNames: [] }, ctx) : undefined;
    if (!found) {
      await clear(pending.userName);
      return 'absent';
    }
    const entry = await index(pending, found);
    await clear(pending.userName);
    await recordOwnWrite(
      t.store,
      { tenant: t.id, requestId: ctx.requestId, actor: 'reconciler' },
      {
        operation: 'resolveCreate',
        resourceType: 'User',
        resourceId: entry.id,
        resourceName: entry.userName,
        upstreamId: entry.upstreamId,
        upstreamState: entry.upstreamState,
        calls: ctx.calls.slice(from),
        detail: `a create sent at ${pending.since} whose answer was lost had made the user upstream: indexed, nothing written`,
      },
      200,
      t.now(),
    );
    return 'indexed';
  }

  /** Settle the pending create of `userName`, if any, under its lock (waiting for a create of it still running). */
  async function settleName(userName: string, ctx: UpstreamContext): Promise<Resolution | undefined> {
    return t.locks.run([userNameKey(userName)], async () => {
      const pending = await get(userName);
      return pending ? settle(pending, ctx) : undefined;
    });
  }

  /** Settle every pending create whose creator is gone (the sweep: a replica died mid-create). Failures stay. */
  async function sweep(ctx: UpstreamContext): Promise<{ indexed: number; absent: number; unknown: number }> {
    const counts = { indexed: 0, absent: 0, unknown: 0 };
    for (const row of await state.list(t.id, PREFIX)) {
      const pending = JSON.parse(row.value) as PendingCreate;
      try {
        const outcome = await settleName(pending.userName, ctx);
        if (outcome) counts[outcome]++;
      } catch (e) {
        if (!isUpstreamError(e)) throw e;
        counts.unknown++;
      }
    }
    return counts;
  }

  return { get, record, clear, settle, settleName, sweep };
}
