import Fastify from 'fastify';
import type { FastifyError, FastifyInstance } from 'fastify';
import type { CallLog } from '../call-log.js';
import { CONTROL_PREFIX } from '../control-routes.js';
import type { FaultController } from '../faults.js';
import { directoryAuth } from './directory-access.js';
import { GoogleApiError, sendGoogleError } from './errors.js';
import type { ResolvedOptions } from './options.js';
import type { Pager } from './paging.js';
import { controlRoutes } from './routes-control.js';
import { directoryRoutes } from './routes-directory.js';
import { tokenRoutes } from './routes-token.js';
import type { ServiceAccount } from './service-account.js';
import type { DirectoryState } from './state.js';
import type { GoogleTokens } from './tokens.js';

/** Where the Directory API lives on `admin.googleapis.com`. */
export const DIRECTORY_PREFIX = '/admin/directory/v1';

export interface GoogleWorkspaceAppDeps {
  options: ResolvedOptions;
  state: DirectoryState;
  account: ServiceAccount;
  tokens: GoogleTokens;
  pager: Pager;
  calls: CallLog;
  faults: FaultController;
  baseUrl: () => string;
  snapshot: () => object;
}

/**
 * The Fastify app of the Google Workspace simulator. A request meets, in order: the call log, injected faults (before
 * auth and routes), bearer auth (Directory API only), then the route, whose scope and subject checks, paging and
 * `failPage` failures come before any answer.
 */
export function buildGoogleWorkspaceApp(deps: GoogleWorkspaceAppDeps): FastifyInstance {
  const { options, state, tokens, calls, faults } = deps;
  const app = Fastify({ logger: options.logger, forceCloseConnections: true });
  calls.install(app);
  faults.install(app);

  app.setErrorHandler((error: FastifyError | GoogleApiError, request, reply) => {
    if (error instanceof GoogleApiError) return sendGoogleError(reply, error.statusCode, error.reason, error.message);
    const status = error.statusCode !== undefined && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'simulator error');
      return sendGoogleError(reply, 500, 'backendError', 'Backend Error');
    }
    return sendGoogleError(reply, status, 'badRequest', error.message);
  });
  app.setNotFoundHandler((request, reply) => sendGoogleError(reply, 404, 'notFound', `Not Found: ${request.method} ${request.url.split('?')[0]}`));

  void app.register(tokenRoutes, { account: deps.account, tokens, state, baseUrl: deps.baseUrl, now: options.now });
  void app.register(
    async (directory) => {
      directory.addHook('onRequest', directoryAuth(tokens));
      await directory.register(directoryRoutes, { state, tokens, pager: deps.pager });
    },
    { prefix: DIRECTORY_PREFIX },
  );
  if (options.controlSurface) {
    void app.register(controlRoutes, { prefix: CONTROL_PREFIX, state, pager: deps.pager, calls, faults, snapshot: deps.snapshot });
  }
  return app;
}
