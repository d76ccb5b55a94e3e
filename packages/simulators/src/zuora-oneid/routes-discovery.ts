import type { FastifyInstance } from 'fastify';
import { RESOURCE_TYPE_IDS, resourceTypeDocument, serviceProviderConfig } from './discovery-documents.js';
import { notFound } from './errors.js';
import { listResponse } from './list.js';
import { originOf } from './route-context.js';
import type { ScimRouteOptions } from './route-context.js';
import { SCHEMA_IDS, schemaDocument } from './schema-documents.js';
import { SCIM_PREFIX } from './urns.js';

type IdParams = { Params: { id: string } };

/** ServiceProviderConfig, ResourceTypes (+/{id}) and Schemas (+/{id}); all behind the bearer token, as documented. */
export async function discoveryRoutes(app: FastifyInstance, options: ScimRouteOptions): Promise<void> {
  const base = (request: Parameters<typeof originOf>[0]) => `${originOf(request, options.publicBaseUrl)}${SCIM_PREFIX}`;

  app.get('/ServiceProviderConfig', async (request) => serviceProviderConfig(base(request), options.bulkMaxOperations));

  app.get('/ResourceTypes', async (request) => {
    const resources = RESOURCE_TYPE_IDS.map((id) => resourceTypeDocument(id, base(request)));
    return listResponse(resources, resources.length, { startIndex: 1, itemsPerPage: resources.length });
  });
  app.get<IdParams>('/ResourceTypes/:id', async (request) => {
    const document = resourceTypeDocument(request.params.id, base(request));
    if (!document) throw notFound(`ResourceType ${request.params.id} not found`);
    return document;
  });

  app.get('/Schemas', async (request) => {
    const resources = SCHEMA_IDS.map((id) => schemaDocument(id, base(request)));
    return listResponse(resources, resources.length);
  });
  app.get<IdParams>('/Schemas/:id', async (request) => {
    const document = schemaDocument(request.params.id, base(request));
    if (!document) throw notFound(`Schema ${request.params.id} not found`);
    return document;
  });
}
