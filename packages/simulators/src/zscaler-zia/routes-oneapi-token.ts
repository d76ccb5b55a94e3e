import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { acceptTokenRequestForms, tokenRequestForm } from '../oauth-token-form.js';
import { ONEAPI_AUDIENCE } from './oneapi-tokens.js';
import type { ZiaOneApiTokenStore } from './oneapi-tokens.js';

export interface OneApiTokenRouteOptions {
  tokenPath: string;
  clientId: string;
  clientSecret: string;
  tokens: ZiaOneApiTokenStore;
}

/** ZH-ONE: "failure → 400"; the body is RFC 6749 §5.2's [INF]. */
function tokenError(reply: FastifyReply, error: string, description: string): FastifyReply {
  return reply.code(400).send({ error, error_description: description });
}

/** Client credentials from HTTP Basic (RFC 6749 §2.3.1: form-encoded, then base64) or from the form. */
function clientCredentials(request: FastifyRequest, form: Record<string, string | undefined>): [string?, string?] {
  const basic = /^basic\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  if (!basic?.[1]) return [form.client_id, form.client_secret];
  const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return [];
  return [decodeURIComponent(decoded.slice(0, colon)), decodeURIComponent(decoded.slice(colon + 1))];
}

/**
 * ZIdentity's `POST /oauth2/v1/token` (ZH-ONE; docs/upstreams/zscaler-zia.md §8): form `grant_type=client_credentials`, the client's
 * id and secret in the form or as HTTP Basic, and `audience=https://api.zscaler.com`. Private-key JWT client
 * authentication (`client_assertion`) is not simulated.
 */
export async function oneApiTokenRoutes(app: FastifyInstance, options: OneApiTokenRouteOptions): Promise<void> {
  acceptTokenRequestForms(app);

  app.post(options.tokenPath, async (request, reply) => {
    const form = tokenRequestForm(request);
    if (form.grant_type !== 'client_credentials') {
      return tokenError(reply, 'unsupported_grant_type', 'grant_type must be client_credentials');
    }
    if (form.audience !== ONEAPI_AUDIENCE) return tokenError(reply, 'invalid_request', `audience must be ${ONEAPI_AUDIENCE}`);
    const [clientId, clientSecret] = clientCredentials(request, form);
    if (clientId !== options.clientId || clientSecret !== options.clientSecret) {
      return tokenError(reply, 'invalid_client', 'Client authentication failed');
    }
    return options.tokens.issue();
  });
}
