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
  /** Mount point of the SCIM API, e.g. `/scim/v2`. */
  prefix: string;
}

/** Resolve the authenticated tenant's service and build the request context the core works with. */
export function resolveScim(request: FastifyRequest, deps: ScimRouteDeps): { service: ProvisioningService; rc: RequestContext } {
  const idp = request.idp;
  const service = idp ? deps.services.get(idp.tenant) : undefined;
  if (!idp || !service) throw new ScimError(401, 'This credential is not bound to a tenant served here');
  const base = deps.publicBaseUrl ?? `${request.protocol}://${request.host}`;
  const rc: RequestContext = {
    tenant: idp.tenant,
    requestId: String(request.id),
    actor: idp.label,
    baseUrl: `${base.replace(/\/+$/, '')}${deps.prefix}`,
    upstream: newUpstreamContext(String(request.id)),
  };
  const key = request.headers['idempotency-key'];
  if (typeof key === 'string' && key.length > 0 && key.length <= 255) rc.idempotencyKey = key;
  request.scim = rc;
  return { service, rc };
}
