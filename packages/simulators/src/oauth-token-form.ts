import type { FastifyInstance, FastifyRequest } from 'fastify';

/** The fields of an OAuth token request (RFC 6749 §4.4.2: `grant_type`, `client_id`, …) as sent; any may be missing. */
export type TokenRequestForm = Record<string, string | undefined>;

/**
 * Make this plugin scope accept `application/x-www-form-urlencoded` bodies only (RFC 6749 §4.4.2, Appendix B),
 * parsed into a {@link TokenRequestForm}. Register the token route in its own scope, so the API beside it stays JSON.
 */
export function acceptTokenRequestForms(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
}

/** The form of a token request in a scope set up by {@link acceptTokenRequestForms}; `{}` without a body. */
export function tokenRequestForm(request: FastifyRequest): TokenRequestForm {
  return (request.body ?? {}) as TokenRequestForm;
}
