import type { ScimGroup, ScimUser } from '../scim/resource.js';
import type { UpstreamContext } from './call-record.js';

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
  /** Reachability and credential check for health and `doctor`. Throws an UpstreamError when unhealthy. */
  check(ctx: UpstreamContext): Promise<void>;
  close(): Promise<void>;
}

export interface UpstreamCapabilities {
  /** Groups live upstream (OneID); otherwise the bridge stores them and the adapter sees only group names. */
  nativeGroups: boolean;
  /** What `users.delete` does upstream: `deactivate` keeps the user (inactive), `delete` removes it. */
  deleteMode: 'deactivate' | 'delete';
  /** The upstream can hold `externalId` itself; otherwise the store keeps it. */
  holdsExternalId: boolean;
}

/**
 * A user as the upstream holds it, already mapped to SCIM attributes. The core adds what the bridge owns:
 * `id`, `meta`, `externalId` (when the upstream cannot hold it) and `groups`.
 */
export interface UpstreamUser {
  upstreamId: string;
  user: ScimUser;
}

/** What the core asks an adapter to write: the SCIM user, and the display names of the store groups it is in. */
export interface UserWrite {
  user: ScimUser;
  /** Display names of the bridge-stored groups the user belongs to (empty for native-group upstreams). */
  groupNames: string[];
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
   * Pure: overlay what the upstream holds on the bridge's last SCIM view of the user, keeping what the upstream
   * cannot hold (a second email, addresses, externalId…). `base` is undefined for users the bridge never saw.
   */
  merge(base: ScimUser | undefined, fromUpstream: UpstreamUser): ScimUser;
}

export interface UpstreamGroup {
  upstreamId: string;
  group: ScimGroup;
}

export interface UpstreamGroups {
  create(group: ScimGroup, ctx: UpstreamContext): Promise<UpstreamGroup>;
  get(upstreamId: string, ctx: UpstreamContext): Promise<UpstreamGroup | undefined>;
  replace(upstreamId: string, group: ScimGroup, ctx: UpstreamContext): Promise<UpstreamGroup>;
  delete(upstreamId: string, ctx: UpstreamContext): Promise<void>;
  list(ctx: UpstreamContext): AsyncIterable<UpstreamGroup[]>;
}
