import type { UpstreamContext } from '../call-record.js';
import type { UpstreamUser, UpstreamUsers, UserWrite } from '../upstream.js';
import { UpstreamError } from '../upstream-error.js';
import { applyAsked, askedChanges, changesInZia, directoryNeeds, requireDisabledGroup, type AskedChanges } from './asked-changes.js';
import type { DeletionQueue } from './deletion-queue.js';
import type { ZiaDirectoryCache } from './directory.js';
import { loginOf, sameLogin } from './login-rule.js';
import { creationNeeds, fromZia, mergeIntoScim, newZiaUser, stateOf, ziaNameOf, type ZiaMappingRules } from './mapping.js';
import { isParkedId, parkedId, parkedUser } from './parked-users.js';
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
  ...(c.defaultDepartment !== undefined ? { defaultDepartment: c.defaultDepartment } : {}),
  groupLinks: c.groupLinks,
  ...(c.deactivation.mode === 'group' ? { disabledGroup: c.deactivation.disabledGroup } : {}),
  comments: c.comments,
  login: c.login,
});

const INT32_MAX = 2_147_483_647;
/** ZIA ids are int32: anything else cannot name a ZIA user. */
const ziaIdOf = (upstreamId: string): number | undefined => {
  const n = /^\d{1,10}$/.test(upstreamId) ? Number(upstreamId) : NaN;
  return n > 0 && n <= INT32_MAX ? n : undefined;
};

/** The id a plan (`ctx.readOnly`) answers for a user it would create. */
const PLANNED_ID = 'planned:new';

const withoutPassword = ({ password: _p, ...rest }: ZiaUser): ZiaUser => rest;
const gone = (upstreamId: string) => new UpstreamError('notFound', ZIA_UPSTREAM, `ZIA has no user ${upstreamId}`, { status: 404 });
const note = (ctx: UpstreamContext, text: string) => (ctx.auditNotes ??= []).push(text);

/**
 * ZIA users (ZIA API guide, User Management): create is one POST with a password; an update reads the user and PUTs
 * it whole (PUT is a full replacement), changing only what the IdP asked (`asked-changes.ts`) and only when that
 * changes something ZIA holds: the decision is made from the record just read, never from a copy kept in memory, so
 * a change made in ZIA's console or by another replica is never overwritten or mistaken for done. A write that asks
 * nothing of ZIA costs that one read and sends nothing. Deactivation deletes and parks (or, configured, adds the disabled group); deletions
 * are queued and batched. With `ctx.readOnly` every write is computed and answered as if made, and nothing is sent.
 */
export function ziaUsers(d: ZiaUsersDeps): UpstreamUsers {
  const { client, directory, deletions, config } = d;
  const rules = mappingRulesOf(config);
  const view = (z: ZiaUser): UpstreamUser => ({ upstreamId: String(z.id), user: fromZia(z, rules), state: stateOf(z) });
  /** The directory, read only when the asked changes name a department or group (GET /groups is 1/s and 400/h). */
  const directoryFor = (asked: AskedChanges, ctx: UpstreamContext) => {
    const needs = directoryNeeds(asked);
    return needs.departments.length + needs.groups.length === 0 ? Promise.resolve({ departments: [], groups: [] }) : directory.covering(needs, ctx);
  };

  /** POST a whole new user (with its password); the email may belong to a user whose deletion is still queued. */
  async function createInZia(body: ZiaUserWrite, ctx: UpstreamContext): Promise<UpstreamUser> {
    if (ctx.readOnly) return { ...view({ ...body, id: 0 }), upstreamId: PLANNED_ID };
    const withPassword = { ...body, password: passwordFor(config) };
    let created: ZiaUser;
    try {
      created = await client.createUser(withPassword, ctx);
    } catch (e) {
      if (!(e instanceof UpstreamError && e.kind === 'conflict')) throw e;
      // The login may belong to a user whose deletion is owed to ZIA: send the queue now, then try once more.
      const owedBefore = (await deletions.owedForMs()) !== undefined;
      if ((await deletions.flushNow(ctx)) === 0) {
        // Nothing could be sent now. A deletion still owed (waiting out ZIA's Retry-After, or another replica sending
        // it) may be that user's: the IdP retries after it rather than being told, for good, that the name is taken.
        const owedForMs = await deletions.owedForMs();
        if (owedForMs !== undefined) {
          throw new UpstreamError(
            'unavailable',
            ZIA_UPSTREAM,
            'ZIA already holds a user with this login, and deletions the bridge owes ZIA are not yet sent: retry once they are',
            {
              retryAfterSeconds: Math.max(1, Math.ceil(owedForMs / 1000)),
              cause: e,
            },
          );
        }
        // No deletion was ever owed: ZIA's answer stands. (One owed then but sent meanwhile: try again.)
        if (!owedBefore) throw e;
      }
      created = await client.createUser(withPassword, ctx);
    }
    await d.noteWrite();
    return view(withoutPassword(created));
  }

  async function createNew(write: UserWrite, ctx: UpstreamContext): Promise<UpstreamUser> {
    const needs = creationNeeds(write.user, write.groupNames, rules);
    const dir = await directory.covering(needs, ctx);
    requireDisabledGroup(dir, rules, needs.groups);
    return createInZia(newZiaUser(write.user, write.groupNames, dir, rules), ctx);
  }

  /** Deactivation by deletion: the record goes to the audit log, the deletion is queued, the user is parked. */
  async function park(id: number, write: UserWrite, ctx: UpstreamContext): Promise<UpstreamUser> {
    const parked = parkedUser(parkedId(id), write.user, rules);
    if (ctx.readOnly) return parked;
    const record = await client.getUser(id, ctx);
    if (record) note(ctx, `ZIA has no inactive state: user ${id} deleted on deactivation. Its record: ${JSON.stringify(withoutPassword(record))}`);
    await deletions.add(id);
    return parked;
  }

  /** ZIA's login (`email`) is read-only once the user exists: refused, or (configured) the user is re-created. */
  async function changeLogin(
    current: ZiaUser,
    asked: AskedChanges & { login: NonNullable<AskedChanges['login']> },
    ctx: UpstreamContext,
  ): Promise<UpstreamUser> {
    const { value, carrier } = asked.login;
    if (value === undefined) {
      throw new UpstreamError('invalid', ZIA_UPSTREAM, `${carrier}: ZIA's login "${current.email}" is made from ${carrier} and cannot be removed`);
    }
    if (config.emailChange === 'reject') {
      throw new UpstreamError(
        'invalid',
        ZIA_UPSTREAM,
        `${carrier}: ZIA's login (email) is read-only once a user exists: "${current.email}" cannot become "${value}" (emailChange "recreate" deletes and re-creates the user instead)`,
      );
    }
    // Re-created with everything the old record held, the asked changes applied, under the new login.
    const dir = await directoryFor(asked, ctx);
    const created = await createInZia({ ...applyAsked(current, asked, dir, rules), email: value }, ctx);
    if (ctx.readOnly) return created;
    note(
      ctx,
      `ZIA's login is read-only: user ${current.id} re-created as ${created.upstreamId} with a new email and deleted. Its record: ${JSON.stringify(current)}`,
    );
    await deletions.add(current.id);
    return created;
  }

  return {
    async create(write, ctx) {
      if (write.user.active === false && config.deactivation.mode === 'delete') {
        // Refused now if ZIA could not take it once activated.
        const dir = await directory.covering(creationNeeds(write.user, write.groupNames, rules), ctx);
        newZiaUser(write.user, write.groupNames, dir, rules);
        return parkedUser(parkedId(), write.user, rules);
      }
      return createNew(write, ctx);
    },

    async get(upstreamId, ctx) {
      const id = ziaIdOf(upstreamId);
      if (id === undefined || (await deletions.isQueued(id))) return undefined;
      const z = await client.getUser(id, ctx);
      return z ? view(withoutPassword(z)) : undefined;
    },

    async replace(upstreamId, write, ctx, current) {
      if (isParkedId(upstreamId)) return write.user.active === false ? parkedUser(upstreamId, write.user, rules) : createNew(write, ctx);
      const id = ziaIdOf(upstreamId);
      if (id === undefined || (await deletions.isQueued(id))) throw gone(upstreamId);
      if (write.user.active === false && config.deactivation.mode === 'delete') return park(id, write, ctx);
      const asked = askedChanges(write, rules, current?.user);
      // Read even when nothing is asked: the answer is what ZIA holds, exactly (the core keeps it as the baseline for
      // drift), and PUT replaces the whole user, so what ZIA holds now is the base of any write.
      const fetched = await client.getUser(id, ctx);
      if (!fetched) throw gone(upstreamId);
      const record = withoutPassword(fetched);
      if (asked.login && !sameLogin(asked.login.value, record.email)) return changeLogin(record, { ...asked, login: asked.login }, ctx);
      const target = applyAsked(record, asked, await directoryFor(asked, ctx), rules);
      if (!changesInZia(target, record)) return view(record);
      if (ctx.readOnly) return view({ ...target, id });
      const updated = await client.updateUser(id, target, ctx);
      await d.noteWrite();
      return view(withoutPassword(updated));
    },

    async delete(upstreamId, ctx) {
      const id = isParkedId(upstreamId) ? undefined : ziaIdOf(upstreamId);
      if (id === undefined || ctx.readOnly) return;
      await deletions.add(id);
    },

    async *list(ctx) {
      for (let page = 1; ; page++) {
        const rows = await client.listUsers(page, config.pageSize, ctx);
        const queued = await deletions.queuedAmong(rows.map((z) => z.id));
        const live = rows.filter((z) => !queued.has(z.id)).map(withoutPassword);
        if (live.length > 0) yield live.map(view);
        if (rows.length < config.pageSize) return;
      }
    },

    /**
     * ZIA cannot search by email, and listing users is its scarcest budget (10 a minute): a user this create made has
     * exactly the name the create sent, so one `name` search finds it, and the login tells it from namesakes.
     */
    async find(write, ctx) {
      const login = loginOf(write.user, config.login).value;
      if (login === undefined) return undefined;
      const rows = await client.searchUsersByName(ziaNameOf(write.user), config.pageSize, ctx);
      const candidates = rows.filter((z) => sameLogin(z.email, login));
      const queued = await deletions.queuedAmong(candidates.map((z) => z.id));
      const hit = candidates.find((z) => !queued.has(z.id));
      return hit ? view(withoutPassword(hit)) : undefined;
    },

    merge: (base, fromUpstream) => mergeIntoScim(base, fromUpstream.user, rules),
  };
}
