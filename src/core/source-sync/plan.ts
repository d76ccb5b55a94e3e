import { isDeepStrictEqual } from 'node:util';
import type { ScimUser } from '../../scim/resource.js';
import type { SourceGroup, SourceUser } from '../../sources/identity-source.js';
import { EMPTY_SNAPSHOT, type AppliedSnapshot } from './applied-snapshot.js';

/**
 * The plan of one sync from an identity source: what the directory says, against what it said when the bridge last
 * applied it (applied-snapshot.ts) and what the bridge holds, as the commands an IdP would send. Pure, so that
 * `sync --dry-run` prints exactly what a sync would do, and the caps are checked on the whole plan before anything is
 * written (issue 13 "Safety").
 */

/** The attributes a source holds for a user, and so the only ones a sync writes. */
export const SOURCE_ATTRIBUTES = [
  'userName',
  'name',
  'displayName',
  'emails',
  'phoneNumbers',
  'title',
  'active',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
] as const;
export type SourceAttribute = (typeof SOURCE_ATTRIBUTES)[number];

/** What the bridge holds of a user, as the planner needs it. */
export interface HeldUser {
  id: string;
  userName: string;
  externalId: string | undefined;
  active: boolean;
  resource: ScimUser;
}

/** What the bridge holds of a group. */
export interface HeldGroup {
  id: string;
  displayName: string;
  externalId: string | undefined;
  memberIds: readonly string[];
}

export interface UserChange {
  sourceId: string;
  /** The bridge's user id. */
  id: string;
  userName: string;
  /** The attributes the directory holds differently, each replaced as a whole. */
  changed: SourceAttribute[];
  user: ScimUser;
}

export interface SyncPlan {
  /** Users the directory listed. */
  inScope: number;
  /** Groups the directory listed. */
  groupsInScope: number;
  creates: { sourceId: string; user: ScimUser }[];
  /** Users the tenant already had (matched by userName or email, not managed by anyone else) that the source takes on. */
  adoptions: UserChange[];
  updates: UserChange[];
  /** Users the source managed that it no longer lists, still active, and not already removed by an earlier sync. */
  removals: { sourceId: string; id: string; userName: string }[];
  /** Source users that match a user someone else manages (an IdP's externalId): never taken over, reported. */
  conflicts: { sourceId: string; userName: string; id: string; detail: string }[];
  /** New groups: members the bridge holds by id, and members this sync creates by source id (their ids come later). */
  groupCreates: { sourceId: string; displayName: string; memberSourceIds: string[]; memberUserIds: string[]; addSourceIds: string[] }[];
  groupUpdates: {
    sourceId: string;
    id: string;
    displayName: string;
    rename?: string;
    addUserIds: string[];
    /** Members this sync creates: their ids are known once they are. */
    addSourceIds: string[];
    removeUserIds: string[];
  }[];
  /**
   * Groups the source managed that it no longer lists (deleted in the directory, or out of scope). One the sync created
   * is deleted; one it took on (or cannot tell) is let go: its externalId and the members the source put in removed.
   */
  groupRemovals: { sourceId: string; id: string; displayName: string; created: boolean; releaseMemberIds: string[] }[];
  unchanged: number;
  /** The bridge's id of each listed user it already holds (managed or adopted), by source id. */
  heldIds: ReadonlyMap<string, string>;
}

/** An attribute's value as JSON carries it (keys without a value dropped). */
const jsonOf = (user: ScimUser | Partial<ScimUser>, a: SourceAttribute): string => JSON.stringify((user as Record<string, unknown>)[a] ?? null);
/**
 * Whether two users hold an attribute differently. Key order is not a difference (upstreams list a name's parts in their
 * own order): equal JSON text settles most comparisons at once, and only unequal text is compared as values.
 */
const differs = (x: ScimUser | Partial<ScimUser>, y: ScimUser | Partial<ScimUser>, a: SourceAttribute): boolean => {
  const [tx, ty] = [jsonOf(x, a), jsonOf(y, a)];
  return tx !== ty && !isDeepStrictEqual(JSON.parse(tx), JSON.parse(ty));
};
/**
 * The attributes the directory states and the bridge holds differently. One the directory does not state (a person
 * with no title) is left as it is: the sync writes what the source says, never clears what it is silent about.
 */
const changedAttributes = (want: ScimUser, have: ScimUser): SourceAttribute[] =>
  SOURCE_ATTRIBUTES.filter((a) => (want as Record<string, unknown>)[a] !== undefined && differs(want, have, a));
/**
 * The attributes the directory changed since the bridge last applied it, and that the bridge does not already hold as
 * the directory now says: an attribute someone else edited in the bridge is left alone while the directory is silent.
 */
const changedSince = (want: ScimUser, last: Partial<ScimUser>, have: ScimUser): SourceAttribute[] =>
  changedAttributes(want, have).filter((a) => differs(want, last, a));

/** The source's attributes of a user as the directory states them: what the applied snapshot keeps. */
export const sourceAttributesOf = (user: ScimUser): Partial<ScimUser> =>
  Object.fromEntries(SOURCE_ATTRIBUTES.filter((a) => user[a] !== undefined).map((a) => [a, user[a]])) as Partial<ScimUser>;
const lower = (s: string) => s.toLowerCase();
const emailsOf = (u: ScimUser): string[] => (u.emails ?? []).map((e) => lower(String(e.value)));

/**
 * The plan for a snapshot. `prefix` + a source id is the `externalId` of a user or group the source manages (data on
 * the object). Matching for adoption is by userName, then by any email, both case-insensitive, and only among users
 * with no `externalId` (nobody's); a user an IdP manages is a conflict. Adoption never renames the login: a person the
 * tenant knows under another login (matched by email) keeps it until the directory changes the primary email.
 */
export function planSync(
  snapshot: { users: readonly SourceUser[]; groups: readonly SourceGroup[] },
  bridge: { users: readonly HeldUser[]; groups: readonly HeldGroup[] },
  prefix: string,
  applied: AppliedSnapshot = EMPTY_SNAPSHOT,
): SyncPlan {
  const plan: SyncPlan = {
    inScope: snapshot.users.length,
    groupsInScope: snapshot.groups.length,
    creates: [],
    adoptions: [],
    updates: [],
    removals: [],
    conflicts: [],
    groupCreates: [],
    groupUpdates: [],
    groupRemovals: [],
    unchanged: 0,
    heldIds: new Map(),
  };
  const byExternalId = new Map(bridge.users.filter((u) => u.externalId !== undefined).map((u) => [u.externalId as string, u]));
  const byUserName = new Map(bridge.users.map((u) => [lower(u.userName), u]));
  const byEmail = new Map(bridge.users.flatMap((u) => emailsOf(u.resource).map((e) => [e, u] as const)));
  const claimed = new Set<string>();
  const idOfSource = new Map<string, string | undefined>();

  for (const { sourceId, user } of snapshot.users) {
    const externalId = `${prefix}${sourceId}`;
    const want = { ...user, externalId };
    const managed = byExternalId.get(externalId);
    if (managed) {
      claimed.add(managed.id);
      idOfSource.set(sourceId, managed.id);
      const last = applied.users.get(sourceId);
      const changed = last && !last.removed ? changedSince(want, last.user, managed.resource) : changedAttributes(want, managed.resource);
      if (changed.length === 0) plan.unchanged++;
      else plan.updates.push({ sourceId, id: managed.id, userName: managed.userName, changed, user: want });
      continue;
    }
    const match =
      byUserName.get(lower(user.userName)) ??
      emailsOf(user)
        .map((e) => byEmail.get(e))
        .find((u) => u !== undefined);
    if (match && !claimed.has(match.id)) {
      if (match.externalId !== undefined) {
        plan.conflicts.push({ sourceId, userName: user.userName, id: match.id, detail: `already managed as externalId ${match.externalId}` });
        continue;
      }
      claimed.add(match.id);
      idOfSource.set(sourceId, match.id);
      const changed = changedAttributes(want, match.resource).filter((a) => a !== 'userName');
      plan.adoptions.push({ sourceId, id: match.id, userName: match.userName, changed, user: { ...want, userName: match.userName } });
      continue;
    }
    idOfSource.set(sourceId, undefined);
    plan.creates.push({ sourceId, user: want });
  }

  plan.heldIds = new Map([...idOfSource].filter((e): e is [string, string] => e[1] !== undefined));
  for (const u of bridge.users) {
    if (!u.externalId?.startsWith(prefix) || claimed.has(u.id) || !u.active) continue;
    const sourceId = u.externalId.slice(prefix.length);
    // Removed by an earlier sync and made active again since by someone else: theirs to decide now.
    if (applied.users.get(sourceId)?.removed) continue;
    plan.removals.push({ sourceId, id: u.id, userName: u.userName });
  }

  const removedIds = new Set(plan.removals.map((r) => r.id));
  const groupsByExternalId = new Map(bridge.groups.filter((g) => g.externalId !== undefined).map((g) => [g.externalId as string, g]));
  const groupsByName = new Map(bridge.groups.filter((g) => g.externalId === undefined).map((g) => [lower(g.displayName), g]));
  for (const g of snapshot.groups) {
    const existing = groupsByExternalId.get(`${prefix}${g.sourceId}`) ?? groupsByName.get(lower(g.displayName));
    if (!existing) {
      plan.groupCreates.push({
        sourceId: g.sourceId,
        displayName: g.displayName,
        memberSourceIds: [...g.memberSourceIds],
        memberUserIds: g.memberSourceIds.map((s) => idOfSource.get(s)).filter((id): id is string => id !== undefined),
        addSourceIds: g.memberSourceIds.filter((s) => idOfSource.has(s) && idOfSource.get(s) === undefined),
      });
      continue;
    }
    const have = new Set(existing.memberIds);
    const idOf = (s: string) => idOfSource.get(s) ?? byExternalId.get(`${prefix}${s}`)?.id;
    const known = (id: string | undefined): id is string => id !== undefined;
    const last = existing.externalId === `${prefix}${g.sourceId}` ? applied.groups.get(g.sourceId) : undefined;
    let addUserIds: string[];
    let removeUserIds: string[];
    let rename: string | undefined;
    if (last) {
      // What the directory changed since the last applied sync; a member someone else took out or put in stays so.
      const before = new Set(last.memberSourceIds);
      const now = new Set(g.memberSourceIds);
      addUserIds = g.memberSourceIds
        .filter((s) => !before.has(s))
        .map((s) => idOfSource.get(s))
        .filter(known)
        .filter((id) => !have.has(id));
      removeUserIds = last.memberSourceIds
        .filter((s) => !now.has(s))
        .map(idOf)
        .filter(known)
        .filter((id) => have.has(id));
      rename = g.displayName !== last.displayName && g.displayName !== existing.displayName ? g.displayName : undefined;
    } else {
      // Members the bridge can name now; a member still to be created joins once it exists (the group's create or the next sync).
      const want = new Set(g.memberSourceIds.map((s) => idOfSource.get(s)).filter(known));
      addUserIds = [...want].filter((id) => !have.has(id));
      // Only members the source manages leave: someone an IdP or an admin put in the group stays.
      removeUserIds = [...have].filter((id) => !want.has(id) && (claimed.has(id) || removedIds.has(id)));
      rename = existing.displayName !== g.displayName ? g.displayName : undefined;
    }
    const addSourceIds = g.memberSourceIds.filter((s) => idOfSource.has(s) && idOfSource.get(s) === undefined);
    const adopt = existing.externalId === undefined;
    if (addUserIds.length > 0 || addSourceIds.length > 0 || removeUserIds.length > 0 || rename !== undefined || adopt) {
      plan.groupUpdates.push({
        sourceId: g.sourceId,
        id: existing.id,
        displayName: existing.displayName,
        ...(rename ? { rename } : {}),
        addUserIds,
        addSourceIds,
        removeUserIds,
      });
    }
  }
  const listed = new Set(snapshot.groups.map((g) => `${prefix}${g.sourceId}`));
  for (const g of bridge.groups) {
    if (g.externalId?.startsWith(prefix) && !listed.has(g.externalId)) {
      const sourceId = g.externalId.slice(prefix.length);
      const last = applied.groups.get(sourceId);
      const members = new Set(g.memberIds);
      const releaseMemberIds = (last?.memberSourceIds ?? [])
        .map((s) => byExternalId.get(`${prefix}${s}`)?.id)
        .filter((id): id is string => id !== undefined && members.has(id));
      plan.groupRemovals.push({ sourceId, id: g.id, displayName: g.displayName, created: last?.created === true, releaseMemberIds });
    }
  }
  return plan;
}

/** Caps on what one sync may take away (issue 13 "Safety"). */
export interface RemovalCaps {
  /** Percent of the users the source managed before this sync. */
  maxPercent: number;
  /** An absolute number, whatever the percentage. */
  maxCount: number;
}

/**
 * Why a plan must not be applied without an operator's confirmation, or `undefined`. A directory that reads as empty
 * while the bridge holds users from it is refused whatever the caps: far more often an outage than an empty company.
 * Groups have no percentage cap (deleting a group in the directory is an everyday change, and a cap on it would hold
 * every other change back), but a directory that lists no groups while the bridge holds some from it is confirmed first.
 */
export function refusal(plan: SyncPlan, managedBefore: number, caps: RemovalCaps): string | undefined {
  const n = plan.removals.length;
  if (n > 0 && plan.inScope === 0) return `the source listed no users while the bridge holds ${managedBefore} from it: nobody was deactivated`;
  const percent = managedBefore === 0 ? 100 : (100 * n) / managedBefore;
  if (n > 0 && (n > caps.maxCount || percent > caps.maxPercent)) {
    return `this sync would deactivate ${n} of ${managedBefore} users the source manages (${percent.toFixed(1)}%; caps: ${caps.maxPercent}% and ${caps.maxCount}): nothing was applied. Check the directory and its scope, then confirm with --allow-mass-deactivation`;
  }
  if (plan.groupRemovals.length > 0 && plan.groupsInScope === 0) {
    return `the source listed no groups while the bridge holds ${plan.groupRemovals.length} from it: no group was deleted and nothing was applied. Check the directory and its scope, then confirm with --allow-mass-deactivation`;
  }
  return undefined;
}
