import type { FastifyInstance } from 'fastify';
import { acceptTokenRequestForms, tokenRequestForm } from '../oauth-token-form.js';
import { ZuoraCode, sendZuoraError } from './envelope.js';
import type { ZuoraRestTokenStore } from './tokens.js';

export interface OAuthRouteOptions {
  tokenPath: string;
  clientId: string;
  clientSecret: string;
  tokens: ZuoraRestTokenStore;
}

const AUTH_HEADERS = ['authorization', 'apiaccesskeyid', 'apisecretaccesskey'];

/**
 * `POST /oauth/token`, Zuora "Create an OAuth token" (docs/upstreams/zuora-rest.md §1): form-encoded `client_id` (exactly 36
 * characters), `client_secret` (≤42), `grant_type=client_credentials`, and no authentication headers ("do not set any
 * authentication headers such as Authorization"). The error answers are not documented [INF]: 400 with the v1
 * envelope for a malformed request, 401 with reason `90000011` for unknown credentials.
 */
export async function oauthRoutes(app: FastifyInstance, options: OAuthRouteOptions): Promise<void> {
  acceptTokenRequestForms(app);

  app.post(options.tokenPath, async (request, reply) => {
    const authHeader = AUTH_HEADERS.find((h) => request.headers[h] !== undefined);
    if (authHeader !== undefined) {
      return sendZuoraError(reply, 400, ZuoraCode.invalidValue, `Do not set the ${authHeader} header when requesting a token`);
    }
    const form = tokenRequestForm(request);
    for (const field of ['client_id', 'client_secret', 'grant_type']) {
      if (!form[field]) return sendZuoraError(reply, 400, ZuoraCode.missingField, `Missing required field: ${field}`);
    }
    if (form.grant_type !== 'client_credentials') {
      return sendZuoraError(reply, 400, ZuoraCode.invalidValue, 'grant_type must be client_credentials');
    }
    if (form.client_id?.length !== 36) {
      return sendZuoraError(reply, 400, ZuoraCode.invalidValue, 'client_id must be 36 characters');
    }
    if ((form.client_secret?.length ?? 0) > 42) {
      return sendZuoraError(reply, 400, ZuoraCode.invalidValue, 'client_secret must be at most 42 characters');
    }
    if (form.client_id !== options.clientId || form.client_secret !== options.clientSecret) {
      return sendZuoraError(reply, 401, ZuoraCode.authFailed, 'Invalid client credentials');
    }
    return options.tokens.issue();
  });
}
