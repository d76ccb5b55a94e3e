import type { UpstreamContext } from '../upstreams/call-record.js';
import type { AuditTrail } from './audit-recorder.js';

/** What the HTTP edge tells the core about one IdP request. */
export interface RequestContext {
  tenant: string;
  requestId: string;
  /** Label of the IdP credential that authenticated the request (never the token). */
  actor: string;
  /** Absolute base URL of this tenant's SCIM endpoint, e.g. `https://bridge.example.com/scim/v2`. */
  baseUrl: string;
  /** The client's `Idempotency-Key` header, when it sent one (creates are replayed for it). */
  idempotencyKey?: string;
  /** Collects the upstream calls this request causes. */
  upstream: UpstreamContext;
  /** The status a successful answer will have, when the route knows it differs from the operation's usual one (PATCH → 204). */
  successStatus?: number;
  /** What the request wrote, per object, for the audit log (filled in by the core). */
  trail?: AuditTrail;
}

export interface Preconditions {
  ifMatch?: string;
  ifNoneMatch?: string;
}
