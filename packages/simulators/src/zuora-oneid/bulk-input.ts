import { OneIdProblem, badRequest } from './errors.js';
import { SCIM_PREFIX } from './urns.js';

/**
 * The body of a `/bulk` or `/delete` operation: a JSON array (docs/upstreams/zuora-oneid.md §3: these are OneID's own endpoints, not
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

const BULK_ROUTES = new Set([
  `PATCH ${SCIM_PREFIX}/Users/bulk`,
  `POST ${SCIM_PREFIX}/Users/delete`,
  `PATCH ${SCIM_PREFIX}/Groups/bulk`,
  `POST ${SCIM_PREFIX}/Groups/delete`,
]);

/**
 * The existing users or groups a bulk request names, for the call log's `writes()`: the ids of `PATCH …/bulk` items,
 * the ids `POST …/delete` lists (or, for Groups/delete, the PatchOp form's values). Never throws: a malformed body
 * names nothing (and changed nothing). Bulk creates name no existing object.
 */
export function oneIdBulkTargets(method: string, route: string, body: unknown): string[] {
  if (!BULK_ROUTES.has(`${method} ${route}`)) return [];
  const items: unknown[] = Array.isArray(body) ? body : [body];
  const ids = items.flatMap((item) => {
    if (typeof item === 'string') return [item];
    if (typeof item !== 'object' || item === null) return [];
    const record = item as Record<string, unknown>;
    if (typeof record.id === 'string') return [record.id];
    const operations = record.operations ?? record.Operations;
    if (!Array.isArray(operations)) return [];
    return operations.flatMap((op: unknown) => {
      const value = typeof op === 'object' && op !== null ? (op as { value?: unknown }).value : undefined;
      return (Array.isArray(value) ? value : [value]).map((v: unknown) => (typeof v === 'object' && v !== null ? (v as { value?: unknown }).value : v));
    });
  });
  return ids.filter((id): id is string => typeof id === 'string' && id !== '');
}
