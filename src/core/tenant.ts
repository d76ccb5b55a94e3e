import type { ListLimits } from '../scim/list.js';
import type { ResourceSchema } from '../scim/schemas/index.js';
import type { Store } from '../store/store.js';
import type { UpstreamAdapter } from '../upstreams/upstream.js';
import type { ObjectLocks } from '../store/store.js';

/** Everything the core needs to serve one tenant. Built once at start-up from validated config. */
export interface TenantRuntime {
  id: string;
  upstream: UpstreamAdapter;
  store: Store;
  userSchema: ResourceSchema;
  groupSchema: ResourceSchema;
  limits: ListLimits;
  /**
   * Where `GET /Users/{id}` reads from: `upstream` (one upstream call, always fresh; the default) or `index`
   * (no upstream call, as fresh as the reconciler and the bridge's own writes).
   */
  userReads: 'upstream' | 'index';
  /**
   * What the reconciler does about drift (a user the upstream holds differently from the bridge's last write):
   * `report` counts and lists it, writes nothing; `enforce` writes the bridge's last write back, audited.
   */
  drift: 'report' | 'enforce';
  /** How long a create's response is kept for replay to an IdP retrying the same request. */
  replayWindowSeconds: number;
  now: () => Date;
  /**
   * Serialises writes that read and write the same user or group, in this process and across replicas (the store's
   * locks): a user's upstream write depends on its group memberships, so two group changes for one user must not
   * interleave (the later write would carry a stale view), and a DELETE and a PATCH of one user end in one order.
   */
  locks: ObjectLocks;
}
