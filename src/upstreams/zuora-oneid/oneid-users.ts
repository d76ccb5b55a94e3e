import type { UpstreamContext } from '../call-record.js';
import type { UpstreamUser, UpstreamUsers, UserWrite } from '../upstream.js';
import { UpstreamError } from '../upstream-error.js';
import { listPages } from './list-pages.js';
import { emailOf, externalIdOf, fromOneIdUser, heldRole, nonEmpty, toOneIdUser, type UserMappingRules } from './mapping.js';
import { extensionOf, USER_EXTENSION, type OneIdUser } from './oneid-wire.js';
import { applyChanges, changesFor, changesNothing, hasChanges, type OneIdChanges } from './user-changes.js';
import { mergeIntoScim } from './user-merge.js';
import type { ZuoraOneIdClient } from './zuora-oneid-client.js';

const read = (body: unknown): UpstreamUser => fromOneIdUser(body as OneIdUser);

/** The id a read-only (planned) create answers with: nothing was created, so OneID gave none. */
export const PLANNED_USER_ID = 'planned-create';

/**
 * What OneID held of a user as the bridge last knew it (the stored view `current`), in OneID's shape: enough to tell
 * whether a write changes anything without asking OneID, and to answer such a write without a call.
 */
function lastKnown(current: UpstreamUser, rules: UserMappingRules): OneIdUser {
  const u = current.user;
  const email = emailOf(u);
  const role = heldRole(u);
  const text = (value: unknown) => nonEmpty(value) ?? null;
  return {
    id: current.upstreamId,
    userName: u.userName,
    // The view keeps the IdP's externalId, not OneID's: this is the one the bridge sent for it.
    externalId: externalIdOf(u, rules),
    name: { givenName: text(u.name?.givenName), familyName: text(u.name?.familyName), formatted: text(u.name?.formatted) },
    displayName: text(u.displayName),
    preferredLanguage: text(u.preferredLanguage),
    locale: text(u.locale),
    active: u.active !== false,
    ...(email ? { emails: [{ value: email, type: 'work', primary: true }] } : {}),
    ...(role ? { roles: [{ value: role }] } : {}),
    [USER_EXTENSION]: { organizationId: rules.organizationId, ...(extensionOf(u, USER_EXTENSION) ?? {}) },
  };
}

/**
 * OneID users (docs/upstreams/zuora-oneid.md §3, §4). Create is one POST of a whole user, filled where the IdP left out what OneID
 * requires. Replace changes only what the write changes (`changesFor`): nothing changed, no call; otherwise OneID's
 * record is read and PUT back whole with those fields replaced, so a full overwrite resets nothing (a PUT that would
 * change nothing is not sent). DELETE deactivates ("Deactivates a specific user"); `active` moves both ways through
 * PUT ("Deactivated users can be re-enabled by setting the active attribute to true"). In a read-only context
 * (`scim-bridge plan`) every method reads as usual and answers what it would have written, sending nothing.
 */
export function oneIdUsers(client: ZuoraOneIdClient, config: UserMappingRules & { usersPageSize: number }): UpstreamUsers {
  /** Put `changes` on OneID's record `raw` (read just now) and PUT it, unless that changes nothing. */
  async function writeOver(raw: OneIdUser, changes: OneIdChanges, ctx: UpstreamContext): Promise<UpstreamUser> {
    const id = raw.id as string;
    const body = applyChanges(raw, changes, config.organizationId);
    if (changesNothing(raw, body)) return read(raw);
    if (ctx.readOnly) return read({ ...body, id });
    return read(await client.replace('Users', id, body, ctx));
  }

  async function fresh(upstreamId: string, ctx: UpstreamContext): Promise<OneIdUser> {
    const raw = (await client.get('Users', upstreamId, ctx)) as OneIdUser | undefined;
    if (!raw) throw new UpstreamError('notFound', 'zuora-oneid', `OneID has no user ${upstreamId}`);
    return raw;
  }

  /**
   * A create that meets a deactivated OneID user with the same userName reactivates and updates it instead of failing
   * (issue 3: OneID never removes users, so a name once used stays taken). An active or pending user stays a conflict.
   * The revived user gets what a create would set, on top of what OneID still holds of it (its names, if the IdP
   * sends none).
   */
  async function reviveDeactivated(error: UpstreamError, write: UserWrite, ctx: UpstreamContext): Promise<UpstreamUser> {
    const found = (await client.findUser(write.user.userName, ctx)) as OneIdUser | undefined;
    const status = found ? extensionOf(found, USER_EXTENSION)?.status : undefined;
    if (!found || typeof found.id !== 'string' || status !== 'INACTIVE') throw error;
    return writeOver(found, changesFor({ user: write.user, groupNames: write.groupNames }, config), ctx);
  }

  return {
    async create(write, ctx) {
      const body = toOneIdUser(write.user, write.groupNames, config);
      if (ctx.readOnly) return read({ ...body, id: PLANNED_USER_ID });
      try {
        return read(await client.create('Users', body, ctx));
      } catch (e) {
        if (e instanceof UpstreamError && e.kind === 'conflict') return reviveDeactivated(e, write, ctx);
        throw e;
      }
    },
    async get(upstreamId, ctx) {
      const body = await client.get('Users', upstreamId, ctx);
      return body === undefined ? undefined : read(body);
    },
    /** After a create whose answer was lost: the user of that userName, unless it is a deactivated one it did not make. */
    async find(write, ctx) {
      const found = (await client.findUser(write.user.userName, ctx)) as OneIdUser | undefined;
      const status = found ? extensionOf(found, USER_EXTENSION)?.status : undefined;
      return found && status !== 'INACTIVE' ? read(found) : undefined;
    },
    async replace(upstreamId, write, ctx, current) {
      const changes = changesFor(write, config);
      // Judged first against what the bridge last knew, so a write that changes nothing OneID holds costs no call.
      const known = current ? lastKnown(current, config) : undefined;
      if (known && (!hasChanges(changes) || changesNothing(known, applyChanges(known, changes, config.organizationId)))) return read(known);
      return writeOver(await fresh(upstreamId, ctx), changes, ctx);
    },
    async delete(upstreamId, ctx) {
      if (ctx.readOnly) return;
      await client.remove('Users', upstreamId, ctx);
    },
    async *list(ctx) {
      for await (const page of listPages(client, 'Users', { pageSize: config.usersPageSize, startIndex: 'item' }, ctx)) yield page.map(read);
    },
    merge: (base, fromUpstream) => mergeIntoScim(base, fromUpstream.user),
  };
}
