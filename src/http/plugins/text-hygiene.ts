import type { FastifyInstance } from 'fastify';
import { ScimError } from '../../scim/errors.js';

/**
 * Text no store can hold: U+0000 and unpaired UTF-16 surrogates (PostgreSQL refuses both in TEXT and JSONB). Such
 * input is refused at the edge with a 400 naming where it was, instead of failing deep in a store as a 500.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const MAX_DEPTH = 64;
const unusable = (s: string): boolean => s.includes('\u0000') || LONE_SURROGATE.test(s);

function findUnusable(value: unknown, where: string, depth = 0): string | undefined {
  if (typeof value === 'string') return unusable(value) ? where : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  if (depth >= MAX_DEPTH) throw new ScimError(400, `Request ${where} is nested deeper than ${MAX_DEPTH} levels`, 'invalidSyntax');
  for (const [k, v] of Object.entries(value)) {
    if (unusable(k)) return `${where} (a key)`;
    const found = findUnusable(v, Array.isArray(value) ? `${where}[${k}]` : `${where}.${k}`, depth + 1);
    if (found) return found;
  }
  return undefined;
}

export function registerTextHygiene(app: FastifyInstance): void {
  app.addHook('preValidation', (request, _reply, done) => {
    let where: string | undefined;
    try {
      where = findUnusable(request.params, 'path') ?? findUnusable(request.query, 'query') ?? findUnusable(request.body, 'body');
    } catch (err) {
      return done(err as Error);
    }
    done(where ? new ScimError(400, `Request ${where} contains a NUL character or an unpaired surrogate`, 'invalidValue') : undefined);
  });
}
