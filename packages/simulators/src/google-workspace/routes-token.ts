import type { FastifyInstance, FastifyReply } from 'fastify';
import { acceptTokenRequestForms, tokenRequestForm } from '../oauth-token-form.js';
import { JWT_BEARER_GRANT, isRefusal, verifyAssertion } from './jwt-grant.js';
import type { ServiceAccount } from './service-account.js';
import type { DirectoryState } from './state.js';
import type { GoogleTokens } from './tokens.js';

export const TOKEN_PATH = '/token';

export interface TokenRouteOptions {
  account: ServiceAccount;
  tokens: GoogleTokens;
  state: DirectoryState;
  /** The simulator's base URL now (the key file's `token_uri` is this plus `/token`). */
  baseUrl: () => string;
  now: () => number;
}

const oauthError = (reply: FastifyReply, status: number, error: string, description: string) =>
  reply.code(status).type('application/json; charset=utf-8').send({ error, error_description: description });

/**
 * `POST /token`: Google's OAuth 2.0 token endpoint for a service account (form-encoded `grant_type` = the JWT-bearer
 * grant, `assertion` = the signed JWT); refusals are RFC 6749 §5.2 bodies, as Google sends them.
 */
export async function tokenRoutes(app: FastifyInstance, options: TokenRouteOptions): Promise<void> {
  acceptTokenRequestForms(app);

  app.post(TOKEN_PATH, async (request, reply) => {
    const form = tokenRequestForm(request);
    if (!form.grant_type) return oauthError(reply, 400, 'invalid_request', 'Missing required parameter: grant_type');
    if (form.grant_type !== JWT_BEARER_GRANT) return oauthError(reply, 400, 'unsupported_grant_type', `Invalid grant_type: ${form.grant_type}`);
    if (!form.assertion) return oauthError(reply, 400, 'invalid_request', 'Missing required parameter: assertion');
    const result = verifyAssertion(form.assertion, {
      account: options.account,
      audience: `${options.baseUrl()}${TOKEN_PATH}`,
      nowSeconds: Math.floor(options.now() / 1000),
      userExists: (email) => options.state.findUser(email) !== undefined,
    });
    if (isRefusal(result)) return oauthError(reply, result.status, result.error, result.description);
    return options.tokens.issue(result);
  });
}
