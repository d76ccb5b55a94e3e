import { USER_SCHEMA, type MultiValue, type ScimUser } from '../../../src/scim/resource.js';
import type { UpstreamUser, UpstreamUsers, UserWrite } from '../../../src/upstreams/upstream.js';
import { UpstreamError } from '../../../src/upstreams/upstream-error.js';
import { DEFAULT_ROLE, type FakeTenant, type FakeUserRecord } from './fake-tenant.js';
import type { FakeCalls } from './fake-calls.js';

/** The email the upstream's one address stands for: the primary, else the first. */
const representative = (values: MultiValue[] | undefined): MultiValue | undefined => values?.find((v) => v.primary === true) ?? values?.[0];

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** The `roles` entry that shows a user's role upstream, as Zuora shows its profile: read-back, not a request. */
export const ROLE_READ_BACK = 'fake-role';

/** The user as the fake upstream shows it, mapped to SCIM. */
export function scimOf(r: FakeUserRecord): ScimUser {
  return {
    schemas: [USER_SCHEMA],
    userName: r.userName,
    ...(r.givenName !== undefined || r.familyName !== undefined
      ? { name: { ...(r.givenName !== undefined ? { givenName: r.givenName } : {}), ...(r.familyName !== undefined ? { familyName: r.familyName } : {}) } }
      : {}),
    ...(r.email !== undefined ? { emails: [{ value: r.email, type: 'work', primary: true }] } : {}),
    ...(r.title !== undefined ? { title: r.title } : {}),
    roles: [{ value: r.role, type: ROLE_READ_BACK }],
    active: r.active,
  };
}

const upstreamUserOf = (r: FakeUserRecord): UpstreamUser => ({ upstreamId: r.id, user: scimOf(r), state: { role: r.role } });

/** What a write asks the upstream to hold (the role aside). A name the write leaves out keeps the upstream's. */
function fieldsOf(user: ScimUser, held?: FakeUserRecord): Omit<FakeUserRecord, 'id' | 'role'> {
  return {
    userName: user.userName,
    givenName: text(user.name?.givenName) ?? held?.givenName,
    familyName: text(user.name?.familyName) ?? held?.familyName,
    email: text(representative(user.emails)?.value),
    title: text(user.title),
    active: user.active !== false,
  };
}

/** The roles a write asks for: those the IdP sent, then those of the mapped groups the user is in. */
function wantedRoles(w: { user: ScimUser; groupNames: readonly string[] }, groupRoles: Readonly<Record<string, string>>): string[] {
  const sent = (w.user.roles ?? []).filter((r) => r.type !== ROLE_READ_BACK).map((r) => r.value);
  return [...sent.filter((v): v is string => typeof v === 'string'), ...w.groupNames.flatMap((g) => groupRoles[g] ?? [])];
}

/**
 * The role this write sets, or `undefined` to keep the upstream's (the ownership rule of `UserWrite`): restored as
 * given by drift enforcement; at creation the first wanted role, else the default; later only when the wanted roles
 * changed since `previous`.
 */
function roleOf(write: UserWrite, groupRoles: Readonly<Record<string, string>>): string | undefined {
  if (typeof write.restore?.role === 'string') return write.restore.role;
  const wanted = wantedRoles(write, groupRoles);
  if (write.previous && JSON.stringify(wantedRoles(write.previous, groupRoles)) === JSON.stringify(wanted)) return undefined;
  return wanted[0] ?? DEFAULT_ROLE;
}

/** The role the upstream holds for a user as last read: its state, else the read-back in its view. */
function heldRole(known: UpstreamUser): string {
  if (typeof known.state?.role === 'string') return known.state.role;
  const shown = known.user.roles?.find((r) => r.type === ROLE_READ_BACK)?.value;
  return typeof shown === 'string' ? shown : DEFAULT_ROLE;
}

const same = (a: Omit<FakeUserRecord, 'id'>, b: Omit<FakeUserRecord, 'id'>): boolean =>
  (['userName', 'givenName', 'familyName', 'email', 'title', 'active', 'role'] as const).every((k) => a[k] === b[k]);

/** The users of a fake tenant, each upstream request made through `calls` (recorded, retried, refused in a plan). */
export function fakeUsers(
  tenant: FakeTenant,
  calls: FakeCalls,
  options: { deleteMode: 'deactivate' | 'delete'; pageSize: number; groupRoles: Readonly<Record<string, string>> },
): UpstreamUsers {
  const conflict = (userName: string) => new UpstreamError('conflict', calls.upstream, `a user named ${userName} exists`, { status: 409 });
  const notFound = (id: string) => new UpstreamError('notFound', calls.upstream, `user ${id} does not exist`, { status: 404 });

  const get: UpstreamUsers['get'] = async (upstreamId, ctx) => {
    const r = await calls.run(
      ctx,
      { method: 'GET', path: '/users/{id}', objectId: upstreamId },
      () => tenant.users.get(upstreamId),
      (found) => (found ? 200 : 404),
    );
    return r && upstreamUserOf(structuredClone(r));
  };

  return {
    async create(write, ctx) {
      const record: FakeUserRecord = { id: '', ...fieldsOf(write.user), role: roleOf({ ...write, previous: undefined }, options.groupRoles) ?? DEFAULT_ROLE };
      // A plan creates nothing: the user as it would be, without an id.
      if (ctx.readOnly) return upstreamUserOf(record);
      const made = await calls.run(ctx, { method: 'POST', path: '/users' }, () => {
        if (tenant.userNamed(record.userName)) throw conflict(record.userName);
        const r = { ...record, id: tenant.newId('u') };
        tenant.users.set(r.id, r);
        return r;
      });
      return upstreamUserOf(structuredClone(made));
    },

    async find(write, ctx) {
      const r = await calls.run(ctx, { method: 'GET', path: '/users?userName' }, () => tenant.userNamed(write.user.userName));
      return r && upstreamUserOf(structuredClone(r));
    },

    get,

    async replace(upstreamId, write, ctx, current) {
      // Without the user as last read, read it (as a full-replace API needs to); with it, no read.
      const known = current ?? (await get(upstreamId, ctx));
      if (!known) throw notFound(upstreamId);
      const held: FakeUserRecord = { id: upstreamId, ...fieldsOf(known.user), role: heldRole(known) };
      const next: FakeUserRecord = { ...held, ...fieldsOf(write.user, held), role: roleOf(write, options.groupRoles) ?? held.role };
      if (same(held, next) || ctx.readOnly) return upstreamUserOf(next);
      await calls.run(ctx, { method: 'PUT', path: '/users/{id}', objectId: upstreamId }, () => {
        if (!tenant.users.has(upstreamId)) throw notFound(upstreamId);
        const other = tenant.userNamed(next.userName);
        if (other && other.id !== upstreamId) throw conflict(next.userName);
        tenant.users.set(upstreamId, structuredClone(next));
      });
      return upstreamUserOf(next);
    },

    async delete(upstreamId, ctx) {
      if (ctx.readOnly) return;
      const method = options.deleteMode === 'delete' ? 'DELETE' : 'PATCH';
      await calls.run(ctx, { method, path: '/users/{id}', objectId: upstreamId }, () => {
        const r = tenant.users.get(upstreamId);
        if (!r) throw notFound(upstreamId);
        if (options.deleteMode === 'delete') tenant.users.delete(upstreamId);
        else r.active = false;
      });
    },

    async *list(ctx) {
      for (let start = 0; ; start += options.pageSize) {
        const page = await calls.run(ctx, { method: 'GET', path: '/users' }, () =>
          structuredClone([...tenant.users.values()].slice(start, start + options.pageSize)),
        );
        if (page.length > 0) yield page.map(upstreamUserOf);
        if (page.length < options.pageSize) return;
      }
    },

    merge(base, fromUpstream) {
      if (!base) return fromUpstream.user;
      const up = fromUpstream.user;
      const { title: _title, ...rest } = base;
      const merged: ScimUser = { ...rest, userName: up.userName, active: up.active !== false, ...(up.title !== undefined ? { title: up.title } : {}) };
      // The roles the IdP sent are kept; the read-back of the upstream's role is the upstream's.
      const roles = [...(base.roles ?? []).filter((r) => r.type !== ROLE_READ_BACK), ...(up.roles ?? []).filter((r) => r.type === ROLE_READ_BACK)];
      if (roles.length > 0) merged.roles = roles;
      else delete merged.roles;
      if (up.name) merged.name = { ...base.name, ...up.name };
      const held = representative(up.emails);
      if (held) {
        // The upstream holds one address: it stands for the base's primary (else first), the others are kept.
        const mine = representative(base.emails);
        merged.emails = mine ? (base.emails ?? []).map((e) => (e === mine ? { ...e, value: held.value } : e)) : [held];
      }
      return merged;
    },
  };
}
