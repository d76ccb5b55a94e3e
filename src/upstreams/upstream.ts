import type { ScimGroup, ScimUser } from '../scim/resource.js';
import type { AttributeOverrides, SchemaDefinition } from '../scim/schemas/index.js';
import type { UpstreamState } from '../store/store.js';
import type { UpstreamCallRecord, UpstreamContext } from './call-record.js';
import type { BudgetLeft } from './http/request-budget.js';
import type { MappingProblem } from './mapping-problem.js';

export type { MappingProblem, UpstreamState };

/**
 * The one interface every upstream implements. The core decides from `capabilities` whether a filter can be pushed
 * down, whether groups live upstream or in the bridge's store, and what DELETE means.
 */
export interface UpstreamAdapter {
  /** Adapter kind, e.g. `zuora-rest`. */
  readonly name: string;
  readonly capabilities: UpstreamCapabilities;
  readonly users: UpstreamUsers;
  /** Present only when `capabilities.nativeGroups`. */
  readonly groups?: UpstreamGroups;
  /** Schema extensions the upstream adds (served in /Schemas, accepted on input), e.g. OneID's GroupExtension. */
  readonly schemaExtensions?: { user: SchemaDefinition[]; group: SchemaDefinition[] };
  /**
   * What the upstream makes true of standard attributes (required, immutable), so that `/Schemas` tells IdPs the
   * truth and PATCH refuses, with 400, a change the upstream could not take instead of dropping it silently.
   */
  readonly attributeOverrides?: { user?: AttributeOverrides; group?: AttributeOverrides };
  /** Reachability and credential check for health and `doctor`. Throws an UpstreamError when unhealthy. */
  check(ctx: UpstreamContext): Promise<void>;
  /**
   * Everything the tenant's mapping names (profiles, groups, departments) that the upstream lacks, each its own
   * problem, for `doctor` and `serve`'s start-up check. Reads only, with as few calls as the upstream allows (one
   * list of each kind); throws an UpstreamError only when the upstream cannot be read at all.
   */
  mappingProblems(ctx: UpstreamContext): Promise<MappingProblem[]>;
  /** At start-up, before serving: resume work owed from before a restart (e.g. a ZIA activation). */
  start?(ctx: UpstreamContext): Promise<void>;
  /** Adapter-specific state for health (e.g. pending ZIA activations), JSON-serialisable. */
  status?(): Record<string, unknown>;
  /** What each endpoint's documented limit still allowed after its last request, for an upstream with budgets (ZIA). */
  budgetsLeft?(): BudgetLeft[];
  /** Finish owed work (flush an activation, log out) and release connections. */
  close(): Promise<void>;
}

export interface UpstreamCapabilities {
  /** Groups live upstream (OneID); otherwise the bridge stores them and the adapter sees only group names. */
  nativeGroups: boolean;
  /** What `users.delete` does upstream: `deactivate` keeps the user (inactive), `delete` removes it. */
  deleteMode: 'deactivate' | 'delete';
}

/**
 * A user as the upstream holds it, already mapped to SCIM attributes. The core adds what the bridge owns:
 * `id`, `meta`, `externalId` and `groups`.
 */
export interface UpstreamUser {
  upstreamId: string;
  user: ScimUser;
  /** What the upstream holds that matters to an operator (profile, status, role, groups, department). */
  state?: UpstreamState;
}

/**
 * What the core asks an adapter to write: the SCIM user, and the display names of the store groups it is in.
 *
 * Ownership: an adapter changes only what this write asks for. Attributes the upstream derives from roles and
 * groups (a Zuora profile, a OneID role, ZIA groups and department) are computed again only when their inputs
 * changed between `previous` and this write (roles sent, membership of a mapped group). With no matching role or
 * mapped group the user keeps the upstream's current value, except that a user who loses its last mapped input
 * returns to the configured default. The default applies at creation (no `previous`). Fields the bridge does not
 * map are never reset.
 */
export interface UserWrite {
  user: ScimUser;
  /** Display names of the groups the user belongs to (from the store, or its mirror of upstream groups). */
  groupNames: string[];
  /** The user and group names the bridge knew before this write: the inputs derived attributes were last computed from. */
  previous?: { user: ScimUser; groupNames: readonly string[] };
  /** Drift enforcement: restore these upstream state values (profile, role, department, groups) as they are. */
  restore?: UpstreamState;
}

export interface UpstreamUsers {
  create(write: UserWrite, ctx: UpstreamContext): Promise<UpstreamUser>;
  /** `undefined` when the upstream says the user does not exist. */
  get(upstreamId: string, ctx: UpstreamContext): Promise<UpstreamUser | undefined>;
  /**
   * Write the whole user. `current` is the user as last read, when the core has it, so an adapter can skip the
   * upstream call when nothing it holds would change, or avoid a read before a full-replace PUT.
   */
  replace(upstreamId: string, write: UserWrite, ctx: UpstreamContext, current?: UpstreamUser): Promise<UpstreamUser>;
  /** DELETE as configured (`capabilities.deleteMode`). */
  delete(upstreamId: string, ctx: UpstreamContext): Promise<void>;
  /** Every user upstream, page by page, for the reconciler. */
  list(ctx: UpstreamContext): AsyncIterable<UpstreamUser[]>;
  /**
   * The user a `create(write)` would have made, if the upstream holds it: asked after a create whose answer was lost
   * (timeout, reset, 5xx, unreadable answer), by the login the write carries (userName or email), within the upstream's
   * budget. `undefined` when the upstream has no such user; throws when it cannot say.
   */
  find?(write: UserWrite, ctx: UpstreamContext): Promise<UpstreamUser | undefined>;
  /**
   * Pure: overlay what the upstream holds on the bridge's last SCIM view of the user, keeping what the upstream
   * cannot hold (a second email, addresses, externalId…). `base` is undefined for users the bridge never saw.
   */
  merge(base: ScimUser | undefined, fromUpstream: UpstreamUser): ScimUser;
}

/**
 * The prefix of an upstream id an adapter answers for a user the upstream does not hold ("parked"): one it removed on
 * deactivation, or created inactive, because the upstream has no inactive state (ZIA). The bridge's own view is then
 * the whole truth: the core neither reads such a user upstream nor forgets it when a reconcile does not find it, and
 * the adapter re-creates it (under a new id) when a write makes it active. Data on the id, so the core needs no hook.
 */
export const PARKED_ID_PREFIX = 'parked:';

/** Whether an upstream id names a parked user (see {@link PARKED_ID_PREFIX}). */
export const isParkedId = (upstreamId: string): boolean => upstreamId.startsWith(PARKED_ID_PREFIX);

/**
 * A group as the upstream holds it. `group.members[].value` are UPSTREAM user ids: the core translates them to and
 * from SCIM user ids through its user index. `group.id`/`meta` are not set; the core renders them.
 */
export interface UpstreamGroup {
  upstreamId: string;
  group: ScimGroup;
}

/** A change to one group, as a PATCH upstream: only what changed (member ids are upstream user ids). */
export interface GroupChange {
  displayName?: string;
  /** Other attributes the IdP changed (e.g. an extension's description), as the new values; `null` clears. */
  attributes?: Record<string, unknown>;
  addMemberIds: string[];
  removeMemberIds: string[];
}

/**
 * Groups that live upstream (`capabilities.nativeGroups`). The bridge keeps a mirror of them in its store (ids,
 * names, members) so that listing, paging and a user's `groups` never scan the upstream; writes go upstream first.
 */
export interface UpstreamGroups {
  create(group: ScimGroup, ctx: UpstreamContext): Promise<UpstreamGroup>;
  /** `undefined` when the upstream says the group does not exist. */
  get(upstreamId: string, ctx: UpstreamContext): Promise<UpstreamGroup | undefined>;
  /** Full replacement (members included). */
  replace(upstreamId: string, group: ScimGroup, ctx: UpstreamContext): Promise<UpstreamGroup>;
  /** Apply a change with as few requests as the upstream allows (one PATCH); a change with nothing in it costs none. */
  modify(upstreamId: string, change: GroupChange, ctx: UpstreamContext): Promise<void>;
  delete(upstreamId: string, ctx: UpstreamContext): Promise<void>;
  /** Every group upstream, members included, page by page (for the reconciler). */
  list(ctx: UpstreamContext): AsyncIterable<UpstreamGroup[]>;
}

/**
 * An upstream write an adapter makes on its own schedule rather than inside an IdP request (a ZIA activation, a
 * queued ZIA deletion sent in a batch), for the audit log. One per object written; `System` for tenant-wide ones.
 */
export interface BackgroundWrite {
  /** `zia-activation`, `zia-deletion-queue`, … */
  actor: string;
  operation: string;
  resourceType: 'User' | 'System';
  upstreamId?: string;
  /**
   * Shared by the entries of one call that wrote several objects (a ZIA bulkDelete): their audit entries carry it as
   * their request id, so the audit shows them as one request, and a count of calls counts that call once.
   */
  batch?: string;
  /** The calls that made the write (a bulk call appears in the entry of every object it wrote). */
  calls: UpstreamCallRecord[];
  /** 200 when the upstream accepted the write; the failure's status (or 0) when it did not. */
  status: number;
  detail?: string;
}
