import { OneIdProblem, badRequest } from './errors.js';

/**
 * The body of a `/bulk` or `/delete` operation: a JSON array (upstreams.md A.3: these are OneID's own endpoints, not
 * RFC 7644 `/Bulk`), at most `maxOperations` long (ServiceProviderConfig `bulk.maxOperations`; over it → 413, as
 * RFC 7644 §3.7.4 answers a too-large bulk request [INF]).
 */
export function bulkItems(body: unknown, maxOperations: number, what: string): unknown[] {
  if (!Array.isArray(body)) throw badRequest(`The body must be a JSON array of ${what}`, 'invalidSyntax');
  if (body.length === 0) throw badRequest(`The body must list at least one of ${what}`, 'invalidValue');
  if (body.length > maxOperations) {
    throw new OneIdProblem(413, `At most ${maxOperations} ${what} per request (bulk.maxOperations)`);
  }
  return body;
}

/** An array of id strings (`POST /Users/delete`: "Array of string <uuid>"), without duplicates. */
export function idList(items: unknown[], what: string): string[] {
  const ids: string[] = [];
  for (const item of items) {
    if (typeof item !== 'string' || item === '') throw badRequest(`Each item must be a ${what} id string`, 'invalidValue');
    if (!ids.includes(item)) ids.push(item);
  }
  return ids;
}
