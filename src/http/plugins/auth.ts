import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { IdpCredential, IdpTokenVerifier } from '../../core/idp-credentials.js';
import { ScimError } from '../../scim/errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The IdP credential that authenticated this request (set by the auth hook on SCIM routes). */
    idp: IdpCredential | undefined;
  }
}

const BEARER = /^Bearer[ ]+(\S+)\s*$/i;

/** RFC 6750 bearer authentication for the SCIM routes; 401 with a SCIM error body otherwise (docs/idps.md §8.10). */
export function registerBearerAuth(app: FastifyInstance, verifier: IdpTokenVerifier): void {
  app.decorateRequest('idp', undefined);
  app.addHook('onRequest', (request: FastifyRequest, _reply, done) => {
    const header = request.headers.authorization;
    const token = typeof header === 'string' ? BEARER.exec(header)?.[1] : undefined;
    const credential = token ? verifier.verify(token) : undefined;
    if (!credential) return done(new ScimError(401, header ? 'The bearer token is not valid' : 'Authorization: Bearer <token> is required'));
    request.idp = credential;
    done();
  });
}
