import type { FastifyRequest } from 'fastify';
import type { ProvisioningService } from '../core/provisioning-service.js';
import type { RequestContext } from '../core/request-context.js';
import { ScimError } from '../scim/errors.js';
import { newUpstreamContext } from '../upstreams/call-record.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The core's view of this request, once a SCIM route has resolved its tenant. */
    scim: RequestContext | undefined;
  }
}

export interface ScimRouteDeps {
  services: ReadonlyMap<string, ProvisioningService>;
  /** Fixed external base URL (behind a proxy); otherwise derived from the request's Host. */
  publicBaseUrl: string | undefined;
}

/**
 * Resolve the authenticated tenant's service and build the request context the core works with. Under
 * `/t/{tenant}/scim/v2` the tenant in the path must be the credential's own: a token for one tenant never reaches
 * another, whatever the path says.
 */
export function resolveScim(request: FastifyRequest, deps: ScimRouteDeps): { service: ProvisioningService; rc: RequestContext } {
  const idp = request.idp;
  const service = idp ? deps.services.get(idp.tenant) : undefined;
  if (!idp || !service) throw new ScimError(401, 'This credential is not bound to a tenant served here');
  const named = (request.params as { tenant?: unknown } | undefined)?.tenant;
  if (named !== undefined && named !== idp.tenant) throw new ScimError(401, 'This credential is not valid for that tenant');
  const prefix = named === undefined ? '/scim/v2' : `/t/${encodeURIComponent(idp.tenant)}/scim/v2`;
  const base = deps.publicBaseUrl ?? `${request.protocol}://${request.host}`;
  const rc: RequestContext = {
    tenant: idp.tenant,
    requestId: String(request.id),
    actor: idp.label,
    baseUrl: `${base.replace(/\/+$/, '')}${prefix}`,
    upstream: newUpstreamContext(String(request.id)),
  };
  const key = request.headers['idempotency-key'];
  if (typeof key === 'string' && key.length > 0 && key.length <= 255) rc.idempotencyKey = key;
  request.scim = rc;
  return { service, rc };
}
