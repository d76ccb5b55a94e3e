import { randomUUID } from 'node:crypto';
import type { JsonObject } from '../../scim/resource.js';
import type { UpstreamContext } from '../call-record.js';
import type { UpstreamHttpClient } from '../http/index.js';
import { UpstreamError } from '../upstream-error.js';
import { idempotencyKey } from './idempotency-key.js';
import { anyJsonAnswer, listResources, oneIdListSchema, oneIdResourceSchema, serviceProviderConfigSchema } from './oneid-wire.js';
import type { ZuoraOneIdConfig } from './zuora-oneid-config.js';

/** Where SCIM lives on OneID's host (docs/upstreams/zuora-oneid.md §3). */
export const SCIM_PATH = '/scim/v2';

export type OneIdEndpoint = 'Users' | 'Groups';

export interface OneIdPage {
  resources: JsonObject[];
  totalResults: number | undefined;
}

const isStatus = (e: unknown, status: number): boolean => e instanceof UpstreamError && e.status === status;

/**
 * Raw calls to OneID SCIM (docs/upstreams/zuora-oneid.md §3): no mapping, no decisions. Every POST and PATCH carries an
 * `Idempotency-Key` derived from the request (see `idempotency-key.ts`) and may therefore be retried by the HTTP
 * client after a timeout or a reset; a 422 ("the key was first used for another request") is retried once with a
 * fresh random key. Every answer is read through its schema in `oneid-wire.ts`: one that does not match is a
 * `malformed` error (a 502), never a cast.
 */
export function zuoraOneIdClient(http: UpstreamHttpClient, config: Pick<ZuoraOneIdConfig, 'organizationId'>) {
  const at = (endpoint: OneIdEndpoint, id: string) => `${SCIM_PATH}/${endpoint}/${encodeURIComponent(id)}`;
  const route = (endpoint: OneIdEndpoint, id?: string) => `${SCIM_PATH}/${endpoint}${id === undefined ? '' : '/{id}'}`;

  async function write(
    method: 'POST' | 'PATCH',
    endpoint: OneIdEndpoint,
    path: string,
    template: string,
    body: JsonObject,
    ctx: UpstreamContext,
    fresh = false,
  ): Promise<unknown> {
    // A PATCH may answer 204 without a body (partiallyUpdateASpecificGroup documents 200 and 204).
    const answer = method === 'PATCH' ? oneIdResourceSchema[endpoint].optional() : oneIdResourceSchema[endpoint];
    const send = async (key: string) =>
      (await http.request({ method, path, route: template, json: body, headers: { 'Idempotency-Key': key }, idempotent: true, answer }, ctx)).body;
    if (fresh) return send(randomUUID());
    const derived = idempotencyKey({ organizationId: config.organizationId, method, path, body, basis: ctx.writeBasis });
    try {
      return await send(derived);
    } catch (e) {
      if (!isStatus(e, 422)) throw e;
      return send(randomUUID());
    }
  }

  async function read(endpoint: OneIdEndpoint, path: string, template: string, ctx: UpstreamContext): Promise<JsonObject | undefined> {
    try {
      return (await http.request({ method: 'GET', path, route: template, answer: oneIdResourceSchema[endpoint] }, ctx)).body as JsonObject;
    } catch (e) {
      if (e instanceof UpstreamError && e.kind === 'notFound') return undefined;
      throw e;
    }
  }

  return {
    /** `freshKey`: a random Idempotency-Key instead of the derived one, when the derived one's record is known stale. */
    // The schemas checked each answer is a user or a group (nulls dropped); being JSON, it is a JsonObject.
    create: async (endpoint: OneIdEndpoint, body: JsonObject, ctx: UpstreamContext, options: { freshKey?: boolean } = {}) =>
      (await write('POST', endpoint, `${SCIM_PATH}/${endpoint}`, route(endpoint), body, ctx, options.freshKey)) as JsonObject,

    /** `undefined` when OneID answers 404. */
    get: (endpoint: OneIdEndpoint, id: string, ctx: UpstreamContext) => read(endpoint, at(endpoint, id), route(endpoint, id), ctx),

    /** Full overwrite ("PUT … overwriting all values", updateASpecificUser). */
    async replace(endpoint: OneIdEndpoint, id: string, body: JsonObject, ctx: UpstreamContext): Promise<JsonObject> {
      const answer = oneIdResourceSchema[endpoint];
      return (await http.request({ method: 'PUT', path: at(endpoint, id), route: route(endpoint, id), json: body, answer }, ctx)).body as JsonObject;
    },

    /** The resource as patched, or `undefined` when OneID answered 204. */
    patch: async (endpoint: OneIdEndpoint, id: string, body: JsonObject, ctx: UpstreamContext) =>
      (await write('PATCH', endpoint, at(endpoint, id), route(endpoint, id), body, ctx)) as JsonObject | undefined,

    /** DELETE; a resource already gone is not an error (the outcome the caller wants holds). */
    async remove(endpoint: OneIdEndpoint, id: string, ctx: UpstreamContext): Promise<void> {
      try {
        await http.request({ method: 'DELETE', path: at(endpoint, id), route: route(endpoint, id), answer: anyJsonAnswer }, ctx);
      } catch (e) {
        if (!(e instanceof UpstreamError && e.kind === 'notFound')) throw e;
      }
    },

    /**
     * One list page. `startIndex` is passed as given: for Groups OneID reads it as a page number unless configured
     * otherwise (the caller decides). The Groups list page marks `Content-Type: application/json` required, so it
     * is sent even on this GET.
     */
    async list(endpoint: OneIdEndpoint, startIndex: number, count: number, ctx: UpstreamContext): Promise<OneIdPage> {
      const headers = endpoint === 'Groups' ? { 'Content-Type': 'application/json' } : undefined;
      const res = await http.request(
        { method: 'GET', path: `${SCIM_PATH}/${endpoint}`, query: { startIndex, count }, ...(headers ? { headers } : {}), answer: oneIdListSchema[endpoint] },
        ctx,
      );
      return listResources(res.body);
    },

    /** The user with this userName (OneID compares it case-insensitively), found with the documented `eq` filter. */
    async findUser(userName: string, ctx: UpstreamContext): Promise<JsonObject | undefined> {
      const filter = `userName eq "${userName.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
      const res = await http.request({ method: 'GET', path: `${SCIM_PATH}/Users`, query: { filter, count: 1 }, answer: oneIdListSchema.Users }, ctx);
      return listResources(res.body).resources[0];
    },

    async serviceProviderConfig(ctx: UpstreamContext): Promise<unknown> {
      return (await http.request({ method: 'GET', path: `${SCIM_PATH}/ServiceProviderConfig`, answer: serviceProviderConfigSchema }, ctx)).body;
    },
  };
}

export type ZuoraOneIdClient = ReturnType<typeof zuoraOneIdClient>;
