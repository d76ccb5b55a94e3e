import type { UpstreamContext } from '../call-record.js';
import type { UpstreamUser, UpstreamUsers, UserWrite } from '../upstream.js';
import { UpstreamError } from '../upstream-error.js';
import type { DeletionQueue } from './deletion-queue.js';
import type { ZiaDirectoryCache } from './directory.js';
import { changesInZia, directoryNeeds, fromZia, mergeIntoScim, toZiaUser, ziaEmailOf, type ZiaMappingRules } from './mapping.js';
import { isParkedId, parkedId, parkedView } from './parked-users.js';
import { passwordFor } from './user-password.js';
import type { ZiaUser, ZiaUserWrite } from './zia-user.js';
import { ZIA_UPSTREAM, type ZscalerZiaClient } from './zscaler-zia-client.js';
import type { ZscalerZiaConfig } from './zscaler-zia-config.js';

export interface ZiaUsersDeps {
  client: ZscalerZiaClient;
  directory: ZiaDirectoryCache;
  deletions: DeletionQueue;
  /** An accepted write: an activation is owed. */
  noteWrite(): Promise<void>;
  config: ZscalerZiaConfig;
}

export const mappingRulesOf = (c: ZscalerZiaConfig): ZiaMappingRules => ({
  defaultDepartment: c.defaultDepartment,
  groupLinks: c.groupLinks,
  disabledGroup: c.deactivation.mode === 'group' ? c.deactivation.disabledGroup : undefined,
  comments: c.comments,
});

const INT32_MAX = 2_147_483_647;
/** ZIA ids are int32 (§C.4): anything else cannot name a ZIA user. */
const ziaIdOf = (upstreamId: string): number | undefined => {
  const n = /^\d{1,10}$/.test(upstreamId) ? Number(upstreamId) : NaN;
  return n > 0 && n <= INT32_MAX ? n : undefined;
};

const withoutPassword = ({ password: _p, ...rest }: ZiaUser): ZiaUser => rest;
const gone = (upstreamId: string) => new UpstreamError('notFound', ZIA_UPSTREAM, `ZIA has no user ${upstreamId}`, { status: 404 });
const note = (ctx: UpstreamContext, text: string) => (ctx.auditNotes ??= []).push(text);

/**
 * ZIA users (upstreams.md §C.4): create is one POST with a password; replace reads the user and PUTs it whole (PUT is a
 * full replacement), and only when something ZIA holds would change; deactivation deletes and parks (or, configured,
 * moves to a disabled group); deletions are queued and batched. The last record read of each user is kept, so that a
 * write changing nothing ZIA holds costs no request at all.
 */
export function ziaUsers(d: ZiaUsersDeps): UpstreamUsers {
  const { client, directory, deletions, config } = d;
  const rules = mappingRulesOf(config);
  const held = new Map<number, ZiaUser>();
  const remember = (z: ZiaUser): ZiaUser => {
    const kept = withoutPassword(z);
    held.set(z.id, kept);
    return kept;
  };
  const view = (z: ZiaUser): UpstreamUser => ({ upstreamId: String(z.id), user: fromZia(z, rules) });

  /** The whole ZIA user to write, departments and groups found by name (the directory read again if one is new). */
  async function targetFor(write: UserWrite, ctx: UpstreamContext, current?: ZiaUser): Promise<ZiaUserWrite> {
    const needs = directoryNeeds(write.user, write.groupNames, rules);
    const dir = await directory.covering(needs, ctx);
    const disabled = write.user.active === false ? rules.disabledGroup : undefined;
    if (disabled && !dir.groups.some((g) => g.name.toLowerCase() === disabled.toLowerCase())) {
      throw new UpstreamError('invalid', ZIA_UPSTREAM, `ZIA has no group named "${disabled}" (deactivation.disabledGroup): a user cannot be deactivated`);
    }
    const target = toZiaUser(write.user, write.groupNames, dir, rules, current);
    // ZIA refuses any other email on PUT, a change of case included.
    return current && target.email.toLowerCase() === current.email.toLowerCase() ? { ...target, email: current.email } : target;
  }

  async function post(write: UserWrite, ctx: UpstreamContext): Promise<ZiaUser> {
    const body = { ...(await targetFor(write, ctx)), password: passwordFor(config) };
    let created: ZiaUser;
    try {
      created = await client.createUser(body, ctx);
    } catch (e) {
      if (!(e instanceof UpstreamError && e.kind === 'conflict' && deletions.size() > 0)) throw e;
      // The email may belong to a user whose deletion is still queued (deleted, then created again): send the queue.
      await deletions.flushNow(ctx);
      created = await client.createUser(body, ctx);
    }
    await d.noteWrite();
    return remember(created);
  }

  /** Deactivation by deletion: the record goes to the audit log, the deletion is queued, the user is parked. */
  async function park(id: number, write: UserWrite, ctx: UpstreamContext): Promise<UpstreamUser> {
    const record = await client.getUser(id, ctx);
    if (record) note(ctx, `ZIA has no inactive state: user ${id} deleted on deactivation. Its record: ${JSON.stringify(withoutPassword(record))}`);
    held.delete(id);
    await deletions.add(id);
    return { upstreamId: parkedId(id), user: parkedView(write.user, rules) };
  }

  /** ZIA's `email` is read-only after create (§C.4): refused, or (configured) the user is re-created. */
  async function changeEmail(current: ZiaUser, write: UserWrite, ctx: UpstreamContext): Promise<UpstreamUser> {
    const wanted = ziaEmailOf(write.user) ?? '';
    if (config.emailChange === 'reject') {
      throw new UpstreamError('invalid', ZIA_UPSTREAM, `ZIA's email is read-only after a user is created: "${current.email}" cannot become "${wanted}" (set emailChange to "recreate" to delete and re-create the user)`);
    }
    const created = await post(write, ctx);
    note(ctx, `ZIA's email is read-only: user ${current.id} re-created as ${created.id} with a new email and deleted. Its record: ${JSON.stringify(current)}`);
    held.delete(current.id);
    await deletions.add(current.id);
    return view(created);
  }

  /** Without a request, from the record last read: would this write change anything ZIA holds? */
  const changesKnown = async (write: UserWrite, known: ZiaUser, ctx: UpstreamContext): Promise<boolean> =>
    changesInZia(await targetFor(write, ctx, known), known);

  return {
    async create(write, ctx) {
      if (write.user.active === false && config.deactivation.mode === 'delete') {
        await targetFor(write, ctx); // refused now if ZIA could not take it when activated
        return { upstreamId: parkedId(), user: parkedView(write.user, rules) };
      }
      return view(await post(write, ctx));
    },

    async get(upstreamId, ctx) {
      const id = ziaIdOf(upstreamId);
      if (id === undefined || deletions.has(id)) return undefined;
      const z = await client.getUser(id, ctx);
      return z ? view(remember(z)) : undefined;
    },

    async replace(upstreamId, write, ctx) {
      if (isParkedId(upstreamId)) return write.user.active === false ? { upstreamId, user: parkedView(write.user, rules) } : view(await post(write, ctx));
      const id = ziaIdOf(upstreamId);
      if (id === undefined || deletions.has(id)) throw gone(upstreamId);
      if (write.user.active === false && config.deactivation.mode === 'delete') return park(id, write, ctx);
      const known = held.get(id);
      if (known && !(await changesKnown(write, known, ctx))) return view(known);
      // PUT replaces the whole user: read it first, so nothing set in ZIA is reset by omission (ZH-GS).
      const fetched = await client.getUser(id, ctx);
      if (!fetched) throw gone(upstreamId);
      const current = remember(fetched);
      const email = ziaEmailOf(write.user);
      if (email !== undefined && email.toLowerCase() !== current.email.toLowerCase()) return changeEmail(current, write, ctx);
      const target = await targetFor(write, ctx, current);
      if (!changesInZia(target, current)) return view(current);
      const updated = remember(await client.updateUser(id, target, ctx));
      await d.noteWrite();
      return view(updated);
    },

    async delete(upstreamId) {
      const id = isParkedId(upstreamId) ? undefined : ziaIdOf(upstreamId);
      if (id === undefined) return;
      held.delete(id);
      await deletions.add(id);
    },

    async *list(ctx) {
      for (let page = 1; ; page++) {
        const rows = await client.listUsers(page, config.pageSize, ctx);
        const live = rows.filter((z) => !deletions.has(z.id)).map(remember);
        if (live.length > 0) yield live.map(view);
        if (rows.length < config.pageSize) return;
      }
    },

    merge: (base, fromUpstream) => mergeIntoScim(base, fromUpstream.user),
    isParked: isParkedId,
  };
}
