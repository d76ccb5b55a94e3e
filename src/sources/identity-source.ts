import type { ScimUser } from '../scim/resource.js';
import type { UpstreamCallRecord, UpstreamContext } from '../upstreams/call-record.js';

/**
 * An identity *source*: a directory the bridge reads and provisions from, for a directory that cannot push SCIM
 * (Google Workspace). Where an upstream is written by the core, a source is only read: the core pulls a snapshot of the
 * directory and drives the provisioning service with it as an IdP would (src/core/source-sync.ts), so a source's
 * changes reach the upstream through the same ownership rules, locks, audit log and answers as an IdP's.
 *
 * A source reads whole snapshots, page by page, because the directories it is made for offer no change feed the bridge
 * could rely on across restarts; an adapter may still keep a cursor of its own inside `users`.
 */
export interface IdentitySource {
  /** Source kind, e.g. `google-workspace`: also the prefix of the `externalId` of every user it manages. */
  readonly name: string;
  /** Reachability and credential check, for health and `doctor`. Throws an UpstreamError when the source cannot be read. */
  check(ctx: UpstreamContext): Promise<void>;
  /** Every user of the directory in scope, page by page. */
  users(ctx: UpstreamContext): AsyncIterable<SourceUser[]>;
  /** Every group in scope, with its members' source ids, page by page. */
  groups(ctx: UpstreamContext): AsyncIterable<SourceGroup[]>;
  /** Release connections and cached credentials. */
  close(): Promise<void>;
  /** What the tenant configured for people who leave the directory; {@link DEFAULT_SOURCE_POLICY} when absent. */
  readonly policy?: SourcePolicy;
}

/** What a sync does with people gone from the directory, and how many it may take away without an operator. */
export interface SourcePolicy {
  /** `deactivate` (the default) keeps them upstream, inactive; `delete` deletes them as an IdP's DELETE would. */
  removal: 'deactivate' | 'delete';
  /** A sync that would remove more than `maxPercent` of the users the source manages, or more than `maxCount`, applies nothing. */
  caps: { maxPercent: number; maxCount: number };
  /** How often `serve` syncs on its own; 0: only when an operator runs `scim-bridge sync`. */
  intervalSeconds: number;
}

export const DEFAULT_SOURCE_POLICY: SourcePolicy = { removal: 'deactivate', caps: { maxPercent: 10, maxCount: 100 }, intervalSeconds: 600 };

/** A user as the source holds it, in SCIM form (`userName`, `name`, `emails`, `active`), under the source's stable id. */
export interface SourceUser {
  /** The directory's immutable id for the person (Google's numeric user id), not the login, which may change. */
  sourceId: string;
  user: ScimUser;
}

/** A group as the source holds it: its stable id, its name, and its members by source id. */
export interface SourceGroup {
  sourceId: string;
  displayName: string;
  memberSourceIds: string[];
}

/** What a source may be given besides its configuration. */
export interface SourceDeps {
  /** Each HTTP exchange with the directory, for metrics and health (as an upstream's `onCall`). */
  onCall?: (record: UpstreamCallRecord) => void;
}
