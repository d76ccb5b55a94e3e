import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FilterNode } from '../../scim/filter/index.js';
import type { Preconditions, RequestContext } from '../../core/request-context.js';
import type { ProvisioningService } from '../../core/provisioning-service.js';
import { notModified } from '../../scim/etag.js';
import type { ListParams } from '../../scim/list.js';
import { applyProjection } from '../../scim/projection.js';
import { listResponseJson, resourceJson } from '../../scim/json-text.js';
import type { ListResponse, PatchOperation, ScimResource } from '../../scim/resource.js';
import type { ResourceSchema } from '../../scim/schemas/index.js';
import { normalisePatch, normaliseResource, type RequestLimits } from '../normalise/index.js';
import { SCIM_CONTENT_TYPE } from '../scim-media-type.js';
import { resolveScim, type ScimRouteDeps } from '../scim-context.js';
import { readListQuery, readProjection } from './query-params.js';

/** What a resource type offers the routes; Users and Groups both have this shape. */
export interface ResourceOperations<R extends ScimResource> {
  list(filter: FilterNode | undefined, params: ListParams, rc: RequestContext): Promise<ListResponse<R>>;
  get(id: string, rc: RequestContext): Promise<R>;
  create(body: R, rc: RequestContext): Promise<R>;
  replace(id: string, body: R, rc: RequestContext, pre: Preconditions): Promise<R>;
  patch(id: string, ops: PatchOperation[], rc: RequestContext, pre: Preconditions): Promise<R>;
  remove(id: string, rc: RequestContext, pre: Preconditions): Promise<void>;
}

export interface ResourceRouteSpec {
  path: '/Users' | '/Groups';
  operations(service: ProvisioningService): ResourceOperations<ScimResource>;
  schema(service: ProvisioningService): ResourceSchema;
  /** RFC 7644 §3.5.2 lets a PATCH answer 204; Entra prefers it and Microsoft's collection requires it. */
  patchResponse: 'noContent' | 'resource';
  /** Operations per PATCH and values per multi-valued attribute a request may send (`server.limits`). */
  limits: RequestLimits;
}

type IdRequest = FastifyRequest<{ Params: { id: string }; Querystring: Record<string, unknown> }>;

const preconditionsOf = (request: FastifyRequest): Preconditions => {
  const h = request.headers;
  const pre: Preconditions = {};
  if (typeof h['if-match'] === 'string') pre.ifMatch = h['if-match'];
  if (typeof h['if-none-match'] === 'string') pre.ifNoneMatch = h['if-none-match'];
  return pre;
};

function sendResource(reply: FastifyReply, status: number, resource: ScimResource, body: ScimResource = resource): FastifyReply {
  if (resource.meta?.version) reply.header('ETag', resource.meta.version);
  if (status === 201 && resource.meta?.location) reply.header('Location', resource.meta.location);
  return reply.code(status).type(SCIM_CONTENT_TYPE).send(resourceJson(body));
}

/** The six operations of one resource type plus its `.search` (RFC 7644 §3.2–§3.6, §3.4.3). Routes stay thin. */
export function registerResourceRoutes(app: FastifyInstance, deps: ScimRouteDeps, spec: ResourceRouteSpec): void {
  const ctx = (request: FastifyRequest) => {
    const { service, rc } = resolveScim(request, deps);
    return { ops: spec.operations(service), schema: spec.schema(service), limits: service.tenant.limits, rc };
  };

  const list = async (request: FastifyRequest, reply: FastifyReply, source: unknown) => {
    const { ops, schema, limits, rc } = ctx(request);
    const q = readListQuery(source, limits);
    const page = await ops.list(q.filter, q.params, rc);
    const Resources = page.Resources.map((r) => applyProjection(r, q.projection, schema));
    return reply.type(SCIM_CONTENT_TYPE).send(listResponseJson({ ...page, Resources }));
  };

  app.get(spec.path, (request, reply) => list(request, reply, request.query));
  app.post(`${spec.path}/.search`, (request, reply) => list(request, reply, request.body));

  app.get(`${spec.path}/:id`, async (request: IdRequest, reply) => {
    const { ops, schema, rc } = ctx(request);
    const resource = await ops.get(request.params.id, rc);
    const version = resource.meta?.version;
    if (version && notModified(version, request.headers['if-none-match'])) return reply.code(304).header('ETag', version).send();
    return sendResource(reply, 200, resource, applyProjection(resource, readProjection(request.query), schema));
  });

  app.post(spec.path, async (request: FastifyRequest<{ Querystring: Record<string, unknown> }>, reply) => {
    const { ops, schema, rc } = ctx(request);
    const created = await ops.create(normaliseResource(request.body, schema, spec.limits), rc);
    return sendResource(reply, 201, created, applyProjection(created, readProjection(request.query), schema));
  });

  app.put(`${spec.path}/:id`, async (request: IdRequest, reply) => {
    const { ops, schema, rc } = ctx(request);
    const updated = await ops.replace(request.params.id, normaliseResource(request.body, schema, spec.limits), rc, preconditionsOf(request));
    return sendResource(reply, 200, updated, applyProjection(updated, readProjection(request.query), schema));
  });

  app.patch(`${spec.path}/:id`, async (request: IdRequest, reply) => {
    const { ops, schema, rc } = ctx(request);
    const projection = readProjection(request.query);
    // RFC 7644 §3.5.2: with `attributes` asked for, the answer must be 200 with the resource.
    const wantsBody = spec.patchResponse === 'resource' || projection.attributes.length > 0 || projection.excludedAttributes.length > 0;
    // The audit log records the status the IdP actually gets.
    rc.successStatus = wantsBody ? 200 : 204;
    const updated = await ops.patch(request.params.id, normalisePatch(request.body, schema, spec.limits), rc, preconditionsOf(request));
    if (!wantsBody) {
      if (updated.meta?.version) reply.header('ETag', updated.meta.version);
      return reply.code(204).send();
    }
    return sendResource(reply, 200, updated, applyProjection(updated, projection, schema));
  });

  app.delete(`${spec.path}/:id`, async (request: IdRequest, reply) => {
    const { ops, rc } = ctx(request);
    await ops.remove(request.params.id, rc, preconditionsOf(request));
    return reply.code(204).send();
  });
}
