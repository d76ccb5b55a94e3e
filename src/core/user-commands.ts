import { randomUUID } from 'node:crypto';
import { conflict, invalidValue, mutability } from '../scim/errors.js';
import { checkPreconditions } from '../scim/etag.js';
import { applyPatchInSteps } from '../scim/patch/index.js';
import { inTurns } from './in-turns.js';
import type { PatchOperation, ScimUser } from '../scim/resource.js';
import { foldCase } from '../store/fold-case.js';
import type { IndexedUser } from '../store/store.js';
import { isUpstreamError } from '../upstreams/upstream-error.js';
import type { UpstreamUser, UserWrite } from '../upstreams/upstream.js';
import { auditChanges } from './audit-changes.js';
import { audited, trailOf } from './audit-recorder.js';
import { replayableCreate } from './create-replay.js';
import { withCreateGeneration } from './create-generation.js';
import { userKey, userNameKey } from './keyed-lock.js';
import { AMBIGUOUS, pendingCreates } from './pending-creates.js';
import type { Preconditions, RequestContext } from './request-context.js';
import type { TenantRuntime } from './tenant.js';
import { viaUpstream } from './upstream-call.js';
import { userRecords } from './user-records.js';
import { storableUser } from './user-view.js';

const requireUserName = (user: ScimUser): string => {
  if (typeof user.userName !== 'string' || user.userName.trim() === '') throw invalidValue('userName is required and must be a non-empty string');
  return user.userName;
};

/**
 * Creating, replacing, patching and deleting users (RFC 7644 §3.3, §3.5, §3.6). Every write goes upstream first;
 * the index is updated only with what the upstream accepted.
 */
export function userCommands(t: TenantRuntime) {
  const { store, upstream } = t;
  const records = userRecords(t);
  const pending = pendingCreates(t);

  async function assertUserNameFree(userName: string, exceptId?: string): Promise<IndexedUser | undefined> {
    const found = await store.users.findByUserName(t.id, userName);
    if (found.some((e) => e.deletedAt === undefined && e.id !== exceptId)) throw conflict(`userName "${userName}" is already in use`);
    return found.find((e) => e.deletedAt !== undefined);
  }

  /** The user a request is about, for its audit entry whatever the outcome (a refused PATCH is found by userName). */
  const noteTarget = (rc: RequestContext, entry: IndexedUser): void => {
    trailOf(rc).primary = { resourceId: entry.id, resourceName: entry.userName, upstreamId: entry.upstreamId };
  };

  /**
   * Upstream write, then the index entry for what the upstream now holds. `before` is the stored user being replaced
   * (absent on create): its view and group names are the inputs derived attributes were last computed from, so the
   * adapter recomputes a profile or role only when they changed. The upstream's answer becomes the user's `synced`
   * snapshot, the baseline drift is measured against. A revived user (`revival`) is a create for the IdP: its
   * derived attributes are computed as at creation.
   */
  async function write(
    entry: Omit<IndexedUser, 'resource' | 'active' | 'lastModified'>,
    user: ScimUser,
    rc: RequestContext,
    before?: IndexedUser,
    revival = false,
  ) {
    const groupNames = before ? await records.groupNamesOf(entry.id) : [];
    const upstreamWrite: UserWrite = { user, groupNames, ...(before && !revival ? { previous: { user: before.resource, groupNames } } : {}) };
    const current: UpstreamUser | undefined = before
      ? { upstreamId: before.upstreamId, user: before.resource, ...(before.upstreamState ? { state: before.upstreamState } : {}) }
      : undefined;
    const result = await viaUpstream(() =>
      current ? upstream.users.replace(current.upstreamId, upstreamWrite, rc.upstream, current) : createUpstream(upstreamWrite, rc),
    );
    const merged = upstream.users.merge(user, result);
    const now = t.now().toISOString();
    const saved: IndexedUser = {
      ...entry,
      upstreamId: result.upstreamId,
      active: merged.active !== false,
      resource: storableUser(merged),
      lastModified: now,
      upstreamState: result.state,
      synced: { user: storableUser(result.user), state: result.state ?? {}, at: now },
    };
    await store.users.put(saved);
    trailOf(rc).primary = {
      resourceId: saved.id,
      resourceName: saved.userName,
      upstreamId: saved.upstreamId,
      changes: auditChanges(before?.resource, saved.resource, before?.upstreamState, saved.upstreamState),
      upstreamState: saved.upstreamState,
    };
    return saved;
  }

  async function create(body: ScimUser, rc: RequestContext): Promise<ScimUser> {
    const current = async (id: string) => {
      const e = await store.users.get(t.id, id);
      return e && e.deletedAt === undefined ? records.view(e, rc.baseUrl) : undefined;
    };
    return audited(
      store,
      rc,
      t.now,
      { operation: 'createUser', resourceType: 'User', status: 201 },
      () => replayableCreate(t, rc, 'User', body, () => createUser(body, rc), current),
      (u) => u.id,
    );
  }

  /**
   * A create upstream. When its answer is lost (timeout, reset, 5xx, unreadable), the user may exist: the upstream is
   * asked (`users.find`) before anything is reported. Found, the create succeeded. Not found, the failure stands.
   * When the upstream cannot say either, the failure stands and the create stays pending (`unsettled`), for the next
   * request for this userName or the sweep to settle.
   */
  async function createUpstream(write: UserWrite, rc: RequestContext): Promise<UpstreamUser> {
    try {
      return await upstream.users.create(write, rc.upstream);
    } catch (e) {
      if (!isUpstreamError(e) || !AMBIGUOUS.has(e.kind) || !upstream.users.find) throw e;
      let found: UpstreamUser | undefined;
      try {
        found = await upstream.users.find(write, rc.upstream);
      } catch {
        throw Object.assign(e, { unsettled: true });
      }
      if (!found) throw e;
      (rc.upstream.auditNotes ??= []).push(`the create's answer was lost (${e.message}); the user was found upstream`);
      return found;
    }
  }

  /**
   * Under the userName's lock, which every replica honours: concurrent creates of one userName take turns, so one
   * makes the user and the others find it (409); a rename to the name waits too. A create the bridge could not
   * finish knowing (its answer lost, its replica killed) is settled first: found upstream, it is indexed and this
   * create is a 409; while the upstream cannot say, this create is a 503, never a second user.
   */
  async function createUser(body: ScimUser, rc: RequestContext): Promise<ScimUser> {
    const userName = requireUserName(body);
    // Named in the audit even when refused (a 409 is searchable by the userName the IdP sent).
    trailOf(rc).primary = { resourceName: userName };
    return t.locks.run([userNameKey(userName)], async () => {
      const leftover = await pending.get(userName);
      if (leftover) await viaUpstream(() => pending.settle(leftover, rc.upstream));
      const revived = await assertUserNameFree(userName);
      const now = t.now().toISOString();
      const user = storableUser({ ...body, active: body.active ?? true });
      const base = { tenant: t.id, id: randomUUID(), userName, externalId: body.externalId, created: now, deletedAt: undefined };
      // Known to every replica before the upstream is asked, until the user is in the index.
      if (!revived) await pending.record(userName, user);
      try {
        // A userName the IdP deleted earlier still exists upstream (soft delete): revive and update that user.
        const saved = await withCreateGeneration(t, rc, 'user', userName, () =>
          write({ ...base, upstreamId: revived?.upstreamId ?? '' }, user, rc, revived, true),
        );
        if (!revived) await pending.clear(userName);
        return records.view(saved, rc.baseUrl);
      } catch (e) {
        const unsettled = (e as { cause?: { unsettled?: boolean } }).cause?.unsettled === true;
        if (!revived && !unsettled) await pending.clear(userName);
        throw e;
      }
    });
  }

  async function replaceWith(entry: IndexedUser, next: ScimUser, rc: RequestContext): Promise<ScimUser> {
    const userName = requireUserName(next);
    if (foldCase(userName) !== foldCase(entry.userName)) {
      // A rename takes the new name's lock too, so it cannot race a create of that name.
      return t.locks.run([userNameKey(userName)], async () => {
        await assertUserNameFree(userName, entry.id);
        return replaceChecked(entry, next, userName, rc);
      });
    }
    return replaceChecked(entry, next, userName, rc);
  }

  async function replaceChecked(entry: IndexedUser, next: ScimUser, userName: string, rc: RequestContext): Promise<ScimUser> {
    // PUT without `active` keeps the current state rather than silently (de)activating.
    const user = storableUser({ ...next, active: next.active ?? entry.active });
    rc.upstream.writeBasis = entry.lastModified;
    const saved = await write({ ...entry, userName, externalId: next.externalId }, user, rc, entry);
    return records.view(saved, rc.baseUrl);
  }

  async function replace(id: string, body: ScimUser, rc: RequestContext, pre: Preconditions): Promise<ScimUser> {
    return audited(store, rc, t.now, { operation: 'replaceUser', resourceType: 'User', resourceId: id, status: 200 }, () =>
      t.locks.run([userKey(id)], async () => {
        const entry = await records.loadLive(id);
        noteTarget(rc, entry);
        checkPreconditions((await records.view(entry, rc.baseUrl)).meta?.version ?? '', pre);
        return replaceWith(entry, body, rc);
      }),
    );
  }

  async function patch(id: string, operations: PatchOperation[], rc: RequestContext, pre: Preconditions): Promise<ScimUser> {
    return audited(store, rc, t.now, { operation: 'patchUser', resourceType: 'User', resourceId: id, status: 200 }, () =>
      t.locks.run([userKey(id)], async () => {
        const entry = await records.loadLive(id);
        noteTarget(rc, entry);
        const current = await records.view(entry, rc.baseUrl);
        checkPreconditions(current.meta?.version ?? '', pre);
        const next = await inTurns(applyPatchInSteps(current, operations, t.userSchema));
        // Every upstream holds a state for each user: `remove active` cannot be carried out, and answering 204 for it
        // would be a change accepted and silently dropped (a PUT without `active` keeps the state, as documented).
        if (next.active === undefined)
          throw mutability("'active' cannot be removed: the upstream always holds a user as active or inactive; replace it with true or false");
        return replaceWith(entry, next, rc);
      }),
    );
  }

  async function remove(id: string, rc: RequestContext, pre: Preconditions): Promise<void> {
    return audited(store, rc, t.now, { operation: 'deleteUser', resourceType: 'User', resourceId: id, status: 204 }, () =>
      t.locks.run([userKey(id)], () => removeUser(id, rc, pre)),
    );
  }

  async function removeUser(id: string, rc: RequestContext, pre: Preconditions): Promise<void> {
    const entry = await records.loadLive(id);
    checkPreconditions((await records.view(entry, rc.baseUrl)).meta?.version ?? '', pre);
    trailOf(rc).primary = { resourceId: id, resourceName: entry.userName, upstreamId: entry.upstreamId, upstreamState: entry.upstreamState };
    await viaUpstream(() => upstream.users.delete(entry.upstreamId, rc.upstream));
    await store.groups.removeMemberEverywhere(t.id, id);
    const now = t.now().toISOString();
    if (upstream.capabilities.deleteMode === 'deactivate') {
      // Kept as a tombstone: the id answers 404 from now on, the reconciler does not resurrect the upstream user,
      // and a later create with this userName revives it.
      await store.users.put({ ...entry, active: false, resource: { ...entry.resource, active: false }, lastModified: now, deletedAt: now });
      trailOf(rc).primary.changes = auditChanges({ active: entry.active }, { active: false });
    } else {
      await store.users.remove(t.id, id);
    }
  }

  return { create, replace, patch, remove };
}
