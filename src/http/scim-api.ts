import type { FastifyInstance } from 'fastify';
import type { IdpTokenVerifier } from '../core/idp-credentials.js';
import { registerBearerAuth } from './plugins/auth.js';
import { registerTextHygiene } from './plugins/text-hygiene.js';
import { registerRateLimit, type RateLimitOptions } from './plugins/rate-limit.js';
import { registerDiscoveryRoutes } from './routes/discovery-routes.js';
import { registerResourceRoutes } from './routes/resource-routes.js';
import { registerRootSearchRoute } from './routes/root-search-route.js';
import type { ScimRouteDeps } from './scim-context.js';
import type { RequestLimits } from './normalise/index.js';

export interface ScimApiOptions extends ScimRouteDeps {
  verifier: IdpTokenVerifier;
  rateLimit: RateLimitOptions;
  patchResponse: 'noContent' | 'resource';
  requestLimits: RequestLimits;
  maxPayloadBytes: number;
}

/** Where the SCIM API is mounted: the credential's own tenant, or a tenant named in the path (multi-tenant). */
export const SCIM_MOUNTS = ['/scim/v2', '/t/:tenant/scim/v2'] as const;

/**
 * The SCIM API as one encapsulated plugin: one auth and one rate limit (so a credential has one budget whichever
 * mount it uses), and the routes under both mounts.
 */
export async function scimApi(app: FastifyInstance, options: ScimApiOptions): Promise<void> {
  registerBearerAuth(app, options.verifier);
  registerTextHygiene(app);
  await registerRateLimit(app, options.rateLimit);
  for (const prefix of SCIM_MOUNTS) await app.register(scimRoutes, { ...options, prefix });
}

async function scimRoutes(app: FastifyInstance, options: ScimApiOptions): Promise<void> {
  registerDiscoveryRoutes(app, options, options.maxPayloadBytes);
  registerRootSearchRoute(app, options);
  registerResourceRoutes(app, options, {
    path: '/Users',
    operations: (s) => s.users,
    schema: (s) => s.tenant.userSchema,
    patchResponse: options.patchResponse,
    limits: options.requestLimits,
  });
  registerResourceRoutes(app, options, {
    path: '/Groups',
    operations: (s) => s.groups,
    schema: (s) => s.tenant.groupSchema,
    patchResponse: options.patchResponse,
    limits: options.requestLimits,
  });
}
