import type { FastifyInstance, FastifyRequest } from 'fastify';
import { allSchemas, resourceType, schemaDocument, serviceProviderConfig } from '../../scim/discovery.js';
import { notFound, ScimError } from '../../scim/errors.js';
import { listResponse } from '../../scim/list.js';
import { deepFreeze } from '../../scim/deep-freeze.js';
import { resourceJson } from '../../scim/json-text.js';
import { memoizeString } from '../../scim/memo.js';
import { SCIM_CONTENT_TYPE } from '../scim-media-type.js';
import { resolveScim, type ScimRouteDeps } from '../scim-context.js';

/** Discovery (RFC 7644 §4): ServiceProviderConfig, ResourceTypes (User first), Schemas. */
export function registerDiscoveryRoutes(app: FastifyInstance, deps: ScimRouteDeps, maxPayloadBytes: number): void {
  const tenantOf = (request: FastifyRequest) => resolveScim(request, deps);

  // The document depends only on the tenant and the base URL; built once per pair (bounded: the Host header that
  // can shape the base URL is the client's to choose) and sent as text kept beside the frozen document.
  const spcByTenantAndBase = memoizeString((key: string) => {
    const [tenant = '', baseUrl = ''] = key.split('\u0000');
    const maxResults = deps.services.get(tenant)?.tenant.limits.maxCount ?? 0;
    return deepFreeze(serviceProviderConfig(baseUrl, { maxResults, maxPayloadBytes }));
  }, 256);
  const spc = (request: FastifyRequest) => {
    const { rc } = tenantOf(request);
    return resourceJson(spcByTenantAndBase(`${rc.tenant}\u0000${rc.baseUrl}`));
  };
  // `/serviceConfiguration` is the name Microsoft's reference collection uses.
  for (const path of ['/ServiceProviderConfig', '/serviceConfiguration']) {
    app.get(path, async (request, reply) => reply.type(SCIM_CONTENT_TYPE).send(spc(request)));
  }

  const resourceTypes = (request: FastifyRequest) => {
    const { service, rc } = tenantOf(request);
    return [service.tenant.userSchema, service.tenant.groupSchema].map((rs) => resourceType(rc.baseUrl, rs));
  };
  app.get('/ResourceTypes', async (request, reply) => {
    const all = resourceTypes(request);
    return reply.type(SCIM_CONTENT_TYPE).send(listResponse(all, all.length, 1));
  });
  app.get('/ResourceTypes/:id', async (request: FastifyRequest<{ Params: { id: string } }>, reply) => {
    const found = resourceTypes(request).find((r) => String(r.id).toLowerCase() === request.params.id.toLowerCase());
    if (!found) throw notFound(`ResourceType ${request.params.id} not found`);
    return reply.type(SCIM_CONTENT_TYPE).send(found);
  });

  const schemas = (request: FastifyRequest) => {
    const { service, rc } = tenantOf(request);
    return allSchemas([service.tenant.userSchema, service.tenant.groupSchema]).map((s) => schemaDocument(rc.baseUrl, s));
  };
  app.get('/Schemas', async (request, reply) => {
    const all = schemas(request);
    return reply.type(SCIM_CONTENT_TYPE).send(listResponse(all, all.length, 1));
  });
  app.get('/Schemas/:id', async (request: FastifyRequest<{ Params: { id: string } }>, reply) => {
    const found = schemas(request).find((s) => String(s.id).toLowerCase() === request.params.id.toLowerCase());
    if (!found) throw notFound(`Schema ${request.params.id} not found`);
    return reply.type(SCIM_CONTENT_TYPE).send(found);
  });

  // Endpoints RFC 7644 defines that the bridge does not offer: say so plainly rather than 404.
  app.post('/Bulk', async () => {
    throw new ScimError(501, 'Bulk operations are not supported (see /ServiceProviderConfig)');
  });
  app.all('/Me', async () => {
    throw new ScimError(501, '/Me is not supported: the bridge authenticates identity providers, not users');
  });
}
