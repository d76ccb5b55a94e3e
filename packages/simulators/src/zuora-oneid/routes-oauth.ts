import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { acceptTokenRequestForms, tokenRequestForm } from '../oauth-token-form.js';
import type { OneIdTokenStore } from './tokens.js';
import { TOKEN_PATH } from './urns.js';

export interface OAuthRouteOptions {
  clientId: string;
  clientSecret: string;
  invalidClientStatus: 400 | 401;
  tokens: OneIdTokenStore;
  issuer: (request: FastifyRequest) => string;
}

/** RFC 6749 §5.2 error body: OneID documents none for its token endpoint (docs/upstreams/zuora-oneid.md §1) [INF]. */
function oauthError(reply: FastifyReply, status: number, error: string, description: string): FastifyReply {
  return reply.code(status).send({ error, error_description: description });
}

/**
 * `POST /oauth2/token`, form-encoded `client_id`, `client_secret`, `grant_type=client_credentials` (SCIM tag page).
 * Only the client-credentials grant is simulated; the authorization-code grant IdPs use is out of scope.
 */
export async function oauthRoutes(app: FastifyInstance, options: OAuthRouteOptions): Promise<void> {
  acceptTokenRequestForms(app);

  app.post(TOKEN_PATH, async (request, reply) => {
    const form = tokenRequestForm(request);
    for (const field of ['grant_type', 'client_id', 'client_secret']) {
      if (!form[field]) return oauthError(reply, 400, 'invalid_request', `Missing required parameter: ${field}`);
    }
    if (form.grant_type !== 'client_credentials') {
      return oauthError(reply, 400, 'unsupported_grant_type', `Unsupported grant_type: ${form.grant_type}`);
    }
    if (form.client_id !== options.clientId || form.client_secret !== options.clientSecret) {
      return oauthError(reply, options.invalidClientStatus, 'invalid_client', 'Client authentication failed');
    }
    return options.tokens.issue(options.issuer(request));
  });
}
