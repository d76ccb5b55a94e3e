import type { FastifyRequest } from 'fastify';
import type { BehaviourSwitches } from './behaviour.js';
import type { RenderContext } from './render.js';
import type { OneIdState } from './state.js';

/** What every SCIM route plugin is given. */
export interface ScimRouteOptions {
  state: OneIdState;
  behaviour: BehaviourSwitches;
  publicBaseUrl?: string;
  usersMaxCount: number;
  bulkMaxOperations: number;
}

export function originOf(request: FastifyRequest, publicBaseUrl?: string): string {
  return (publicBaseUrl ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '');
}

export function renderContextOf(request: FastifyRequest, options: ScimRouteOptions): RenderContext {
  return {
    origin: originOf(request, options.publicBaseUrl),
    requestPath: request.url.split('?')[0] ?? request.url,
    locationStyle: options.behaviour.get().locationStyle,
  };
}
