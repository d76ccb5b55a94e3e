import type { PatchOperation, ScimGroup } from '../../scim/resource.js';
import type { IdentitySource, SourceGroup, SourceUser } from '../../sources/identity-source.js';
import type { IndexedUser, StoredGroup } from '../../store/store.js';
import { newUpstreamContext, type UpstreamContext } from '../../upstreams/call-record.js';
import { pagesOf } from '../paged-list.js';
import type { ProvisioningService } from '../provisioning-service.js';
import type { RequestContext } from '../request-context.js';
import { appliedSnapshotStore, type AppliedGroup, type AppliedUser } from './applied-snapshot.js';
import { planSync, refusal, sourceAttributesOf, type HeldGroup, type HeldUser, type RemovalCaps, type SyncPlan } from './plan.js';

/**
 * Provisioning from an identity source (src/sources/identity-source.ts): the directory is read whole, planned against
 * the last applied snapshot and what the bridge holds (plan.ts), checked against the caps, and only then applied, each
 * difference as the request an IdP would have sent, through the tenant's provisioning service: the same locks,
 * ownership rules and audit entries (actor: the source's name) as an IdP's request. Each object's row of the applied
 * snapshot is written once its write succeeded (applied-snapshot.ts).
 *
 * A read that fails part-way applies nothing (the whole snapshot is read before the plan is made). What the source
 * manages is data on the object: the `externalId` `<source name>:<source id>`.
 */

export interface SourceSyncOptions {
  /** The tenant's SCIM base URL, for the `meta.location` of what the service answers. */
  baseUrl: string;
  /** Stamps each write's request id (`<runId>-<n>`), so a sync's audit entries are found together. */
  runId: string;
  caps: RemovalCaps;
  /** What a person gone from the directory becomes: inactive (the default), or deleted. */
  removal: 'deactivate' | 'delete';
  /** Plan only: nothing is written. */
  dryRun?: boolean;
  /** The operator's confirmation that a removal over the caps is meant. */
  allowMassRemoval?: boolean;
}

export interface SourceSyncReport {
  plan: SyncPlan;
  /** Why nothing was applied, when the plan went over the caps. */
  refused?: string;
  applied: boolean;
  created: number;
  updated: number;
  removed: number;
  groupsWritten: number;
  groupsRemoved: number;
  /** Writes the bridge refused or could not make, with the status an IdP would have got; the next sync retries them. */
  failed: { kind: 'user' | 'group'; sourceId: string; name: string; status: number; detail: string }[];
}

/** `externalId` prefix of what a source manages. */
export const managedPrefix = (source: Pick<IdentitySource, 'name'>): string => `${source.name}:`;

const statusOf = (e: unknown): number => (typeof (e as { status?: unknown }).status === 'number' ? (e as { status: number }).status : 500);
const detailOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

async function readAll<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(...page);
  return all;
}

async function heldByBridge(service: ProvisioningService): Promise<{ users: HeldUser[]; groups: HeldGroup[] }> {
  const t = service.tenant;
  const users: HeldUser[] = [];
  for await (const page of pagesOf<IndexedUser>((after, limit) => t.store.users.pageLive(t.id, { after, limit }))) {
    for (const u of page) users.push({ id: u.id, userName: u.userName, externalId: u.externalId, active: u.active, resource: u.resource });
  }
  const groups: HeldGroup[] = [];
  for await (const page of pagesOf<StoredGroup>((after, limit) => t.store.groups.page(t.id, { after, limit, members: true }))) {
    for (const g of page) groups.push({ id: g.id, displayName: g.displayName, externalId: g.externalId, memberIds: g.memberIds });
  }
  return { users, groups };
}

/** One sync of a tenant from its source. Throws only when the source cannot be read whole (nothing is written then). */
export async function syncFromSource(source: IdentitySource, service: ProvisioningService, options: SourceSyncOptions): Promise<SourceSyncReport> {
  const ctx: UpstreamContext = newUpstreamContext(`${options.runId}-read`);
  const snapshot: { users: SourceUser[]; groups: SourceGroup[] } = { users: await readAll(source.users(ctx)), groups: await readAll(source.groups(ctx)) };
  const prefix = managedPrefix(source);
  const t = service.tenant;
  const appliedRows = appliedSnapshotStore(t.store.state, t.id, source.name);
  const applied = await appliedRows.load();
  const bridge = await heldByBridge(service);
  const plan = planSync(snapshot, bridge, prefix, applied);
  const managedBefore = bridge.users.filter((u) => u.externalId?.startsWith(prefix)).length;
  const refused = refusal(plan, managedBefore, options.caps);
  const report: SourceSyncReport = { plan, applied: false, created: 0, updated: 0, removed: 0, groupsWritten: 0, groupsRemoved: 0, failed: [] };
  if (options.dryRun) return report;
  // An empty directory is refused whatever the operator says: there is nothing to confirm it against.
  if (refused && (!options.allowMassRemoval || plan.inScope === 0)) return { ...report, refused };

  // The audit names the directory itself, as it names an IdP by its token's label (issue 13: actor `google-workspace`).
  const actor = source.name;
  let n = 0;
  const rc = (): RequestContext => {
    const requestId = `${options.runId}-${++n}`;
    return { tenant: t.id, requestId, actor, baseUrl: options.baseUrl, upstream: newUpstreamContext(requestId) };
  };
  const attempt = async (kind: 'user' | 'group', sourceId: string, name: string, write: () => Promise<unknown>): Promise<boolean> => {
    try {
      await write();
      return true;
    } catch (e) {
      report.failed.push({ kind, sourceId, name, status: statusOf(e), detail: detailOf(e) });
      return false;
    }
  };
  const replaceOps = (changed: readonly string[], user: Record<string, unknown>): PatchOperation[] =>
    changed.map((a) => ({ op: 'replace', path: a, value: user[a] as never }));

  const idOfSource = new Map<string, string>(plan.heldIds);
  for (const c of plan.creates) {
    await attempt('user', c.sourceId, c.user.userName, async () => {
      const created = await service.users.create(c.user, rc());
      idOfSource.set(c.sourceId, String(created.id));
      report.created++;
    });
  }
  for (const u of [...plan.adoptions, ...plan.updates]) {
    idOfSource.set(u.sourceId, u.id);
    const changed = plan.adoptions.includes(u) ? ['externalId', ...u.changed] : u.changed;
    if (changed.length === 0) continue;
    if (await attempt('user', u.sourceId, u.userName, () => service.users.patch(u.id, replaceOps(changed, u.user as Record<string, unknown>), rc(), {})))
      report.updated++;
  }
  const removedSourceIds = new Set<string>();
  for (const r of plan.removals) {
    const write =
      options.removal === 'delete'
        ? () => service.users.remove(r.id, rc(), {})
        : () => service.users.patch(r.id, [{ op: 'replace', path: 'active', value: false }], rc(), {});
    if (await attempt('user', r.sourceId, r.userName, write)) {
      report.removed++;
      removedSourceIds.add(r.sourceId);
    }
  }
  const groupsCreated = new Set<string>();
  for (const g of plan.groupCreates) {
    // Members the bridge already held (managed, unchanged ones included), and those this run created.
    const members = [...g.memberUserIds, ...g.addSourceIds.map((s) => idOfSource.get(s)).filter((id): id is string => id !== undefined)];
    const body: ScimGroup = {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: g.displayName,
      externalId: `${prefix}${g.sourceId}`,
      members: members.map((value) => ({ value })),
    };
    if (await attempt('group', g.sourceId, g.displayName, () => service.groups.create(body, rc()))) {
      report.groupsWritten++;
      groupsCreated.add(g.sourceId);
    }
  }
  for (const g of plan.groupUpdates) {
    // Members created in this run are known only now.
    const created = g.addSourceIds.map((s) => idOfSource.get(s)).filter((id): id is string => id !== undefined);
    const add = [...g.addUserIds, ...created];
    const ops: PatchOperation[] = [{ op: 'replace', path: 'externalId', value: `${prefix}${g.sourceId}` }];
    if (g.rename) ops.push({ op: 'replace', path: 'displayName', value: g.rename });
    if (add.length > 0) ops.push({ op: 'add', path: 'members', value: add.map((value) => ({ value })) });
    for (const id of g.removeUserIds) ops.push({ op: 'remove', path: `members[value eq "${id}"]` });
    if (await attempt('group', g.sourceId, g.displayName, () => service.groups.patch(g.id, ops, rc(), {}))) report.groupsWritten++;
  }
  const groupsRemoved = new Set<string>();
  for (const g of plan.groupRemovals) {
    if (g.created) {
      if (await attempt('group', g.sourceId, g.displayName, () => service.groups.remove(g.id, rc(), {}))) {
        report.groupsRemoved++;
        groupsRemoved.add(g.sourceId);
      }
      continue;
    }
    // A group the tenant had before the source took it on outlives the source: let go, not deleted.
    const ops: PatchOperation[] = [
      { op: 'remove', path: 'externalId' },
      ...g.releaseMemberIds.map((id) => ({ op: 'remove' as const, path: `members[value eq "${id}"]` })),
    ];
    if (await attempt('group', g.sourceId, g.displayName, () => service.groups.patch(g.id, ops, rc(), {}))) {
      report.groupsWritten++;
      groupsRemoved.add(g.sourceId);
    }
  }
  for (const c of plan.conflicts) report.failed.push({ kind: 'user', sourceId: c.sourceId, name: c.userName, status: 409, detail: c.detail });
  await recordApplied(appliedRows, applied, snapshot, report, {
    idOfSource,
    removedSourceIds,
    groupsCreated,
    groupsRemoved,
    deleted: options.removal === 'delete',
  });
  return { ...report, applied: true };
}

/**
 * The applied snapshot's rows for what this sync carried out: a user or group whose write failed (or a conflict) keeps
 * its old row, so the next sync plans that write again; a row that would not change is not written.
 */
async function recordApplied(
  rows: ReturnType<typeof appliedSnapshotStore>,
  before: Awaited<ReturnType<ReturnType<typeof appliedSnapshotStore>['load']>>,
  snapshot: { users: SourceUser[]; groups: SourceGroup[] },
  report: SourceSyncReport,
  done: {
    idOfSource: ReadonlyMap<string, string>;
    removedSourceIds: ReadonlySet<string>;
    groupsCreated: ReadonlySet<string>;
    groupsRemoved: ReadonlySet<string>;
    deleted: boolean;
  },
): Promise<void> {
  const failed = new Set(report.failed.filter((f) => f.kind === 'user').map((f) => f.sourceId));
  const failedGroups = new Set(report.failed.filter((f) => f.kind === 'group').map((f) => f.sourceId));
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  for (const { sourceId, user } of snapshot.users) {
    if (failed.has(sourceId) || !done.idOfSource.has(sourceId)) continue;
    const row: AppliedUser = { user: sourceAttributesOf(user) };
    if (!same(before.users.get(sourceId), row)) await rows.putUser(sourceId, row);
  }
  for (const sourceId of done.removedSourceIds) {
    if (done.deleted) await rows.dropUser(sourceId);
    else await rows.putUser(sourceId, { user: before.users.get(sourceId)?.user ?? {}, removed: true });
  }
  for (const g of snapshot.groups) {
    if (failedGroups.has(g.sourceId)) continue;
    // The members the bridge could put in: one not yet created joins, and is recorded, on a later sync.
    const created = done.groupsCreated.has(g.sourceId) || before.groups.get(g.sourceId)?.created === true;
    const row: AppliedGroup = {
      displayName: g.displayName,
      memberSourceIds: g.memberSourceIds.filter((s) => done.idOfSource.has(s)),
      ...(created ? { created: true as const } : {}),
    };
    if (!same(before.groups.get(g.sourceId), row)) await rows.putGroup(g.sourceId, row);
  }
  for (const sourceId of done.groupsRemoved) await rows.dropGroup(sourceId);
}
