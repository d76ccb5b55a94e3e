import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ScimError } from '../../scim/errors.js';
import { jsonSyntaxDetail } from './error-handler.js';

type Done = (err: Error | null, body?: unknown) => void;

/**
 * Request bodies (docs/idps.md §8.1): `application/scim+json` and `application/json`, with or without a
 * charset, and `text/json`. A bodiless request that still carries a content type (Okta sends one on GET, some
 * clients on DELETE) parses to `undefined` instead of failing. Anything else with a body is 415.
 */
export function registerContentTypes(app: FastifyInstance): void {
  const defaultJson = app.getDefaultJsonParser('error', 'ignore');
  const parseJson = (req: FastifyRequest, body: string | Buffer, done: Done): void => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    defaultJson(req, text, (err, parsed) => {
      if (err) return done(new ScimError(400, jsonSyntaxDetail(err.message), 'invalidSyntax'));
      done(null, parsed);
    });
  };
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(['application/json', 'application/scim+json', 'text/json'], { parseAs: 'string' }, parseJson);
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req: FastifyRequest, body: string | Buffer, done: Done) => {
    if (body.length === 0) return done(null, undefined);
    done(new ScimError(415, 'Unsupported Content-Type: send application/scim+json or application/json'));
  });
}
