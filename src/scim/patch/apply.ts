import { invalidPath, invalidSyntax, noTarget } from '../errors.js';
import type { PatchOperation, ScimResource } from '../resource.js';
import type { ResourceSchema } from '../schemas/index.js';
import { applySchemaValue, applyValueObject, removeSchemaObject } from './no-path.js';
import { applyAtTarget } from './operation.js';
import { parsePatchPath } from './paths.js';

const OPS = new Set(['add', 'remove', 'replace']);

/**
 * Apply PATCH operations (RFC 7644 §3.5.2) to a resource, in order, and return the patched copy; neither the
 * resource nor the operations are modified. Operations arrive normalised by the HTTP edge (lower-case `op`, real
 * booleans, dotted no-path keys split into paths, Entra's member-list removes turned into value filters).
 * Any failing operation fails the whole PATCH (RFC 7644 §3.5.2: the operations are atomic) with a `ScimError`:
 * unknown `op` → invalidSyntax; malformed path or attribute outside the schema → invalidPath; explicit path to a
 * readOnly attribute, or removal of a required one → mutability; value of the wrong shape → invalidValue;
 * "remove" without path, or "replace" through a filter matching nothing → noTarget.
 */
export function applyPatch<T extends ScimResource>(resource: T, operations: PatchOperation[], schema: ResourceSchema): T {
  const result = structuredClone(resource);
  for (const operation of operations) applyOperation(result, operation, schema);
  return result;
}

function applyOperation(resource: ScimResource, operation: PatchOperation, schema: ResourceSchema): void {
  const { op, path, value } = operation;
  if (!OPS.has(op)) throw invalidSyntax(`Unknown PATCH op '${String(op)}': expected add, remove or replace`);
  if (path !== undefined && typeof path !== 'string') throw invalidPath('A PATCH path must be a string');
  if (op === 'add' && value === undefined) throw invalidSyntax('An "add" operation needs a value');
  if (path === undefined) {
    if (op === 'remove') throw noTarget('A "remove" operation needs a path (RFC 7644 §3.5.2.2)');
    return applyValueObject(resource, op, value ?? null, schema);
  }
  const parsed = parsePatchPath(path, schema);
  if (parsed.kind === 'attribute') return applyAtTarget(resource, op, parsed.target, value, schema);
  if (op === 'remove') return removeSchemaObject(resource, parsed.schemaId, schema);
  return applySchemaValue(resource, op, parsed.schemaId, value ?? null, schema);
}
