import { createHash } from 'node:crypto';
import { stableStringify } from '../../scim/etag.js';
import type { JsonValue } from '../../scim/resource.js';

/** What identifies one write for OneID's `Idempotency-Key` (docs/upstreams/zuora-oneid.md §2: per tenant, method and URL). */
export interface IdempotencyKeyParts {
  organizationId: string;
  method: 'POST' | 'PATCH';
  /** The request path, e.g. `/scim/v2/Groups/7f5c…`. */
  path: string;
  body: JsonValue | undefined;
  /** `UpstreamContext.writeBasis`: what the core knew of the target before this write. */
  basis: string | undefined;
}

/**
 * The `Idempotency-Key` of a POST or PATCH: SHA-256 (hex, 64 characters; Zuora allows 255) of the tenant, method,
 * path, canonical body (sorted keys) and basis. An IdP's retry of the same write derives the same key, so OneID
 * answers it from its record of the first instead of writing twice; the same body after the target changed (a new
 * basis) derives a new one. Pure.
 */
export function idempotencyKey(parts: IdempotencyKeyParts): string {
  const canonical = stableStringify({
    organizationId: parts.organizationId,
    method: parts.method,
    path: parts.path,
    body: parts.body ?? null,
    basis: parts.basis ?? '',
  });
  return createHash('sha256').update(canonical).digest('hex');
}
