import type { FastifyInstance } from 'fastify';
import type { IdpTokenVerifier } from '../core/idp-credentials.js';
import { registerBearerAuth } from './plugins/auth.js';
import { registerTextHygiene } from './plugins/text-hygiene.js';
import { registerRateLimit, type RateLimitOptions } from './plugins/rate-limit.js';
import { registerDiscoveryRoutes } from './routes/discovery-routes.js';
import { registerResourceRoutes } from './routes/resource-routes.js';
import { registerRootSearchRoute } from './routes/root-search-route.js';
import type { ScimRouteDeps } from './scim-context.js';

export interface ScimApiOptions extends ScimRouteDeps {
  verifier: IdpTokenVerifier;
  rateLimit: RateLimitOptions;
  patchResponse: 'noContent' | 'resource';
  maxPayloadBytes: number;
}

/** The SCIM API as one encapsulated plugin: its own auth, rate limit and routes, mounted at `options.prefix`. */
export async function scimApi(app: FastifyInstance, options: ScimApiOptions): Promise<void> {
  registerBearerAuth(app, options.verifier);
  registerTextHygiene(app);
  await registerRateLimit(app, options.rateLimit);
  registerDiscoveryRoutes(app, options, options.maxPayloadBytes);
  registerRootSearchRoute(app, options);
  registerResourceRoutes(app, options, {
    path: '/Users',
    operations: (s) => s.users,
    schema: (s) => s.tenant.userSchema,
    patchResponse: options.patchResponse,
  });
  registerResourceRoutes(app, options, {
    path: '/Groups',
    operations: (s) => s.groups,
    schema: (s) => s.tenant.groupSchema,
    patchResponse: options.patchResponse,
  });
}
