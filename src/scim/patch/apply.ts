import { invalidPath, invalidSyntax, mutability, noTarget } from '../errors.js';
import { isJsonObject, type JsonObject, type JsonValue, type PatchOperation, type ScimResource } from '../resource.js';
import type { AttributeDefinition, ResourceSchema } from '../schemas/index.js';
import { isEmptyValue } from './values.js';
import { applySchemaValue, applyValueObject, removeSchemaObject } from './no-path.js';
import { applyRun } from './bulk-run.js';
import { applyAtTarget } from './operation.js';
import type { ParsedPath } from './paths.js';
import { planPatchInSteps } from './plan.js';

const OPS = new Set(['add', 'remove', 'replace']);

/**
 * Apply PATCH operations (RFC 7644 §3.5.2) to a resource, in order, and return the patched copy; neither the
 * resource nor the operations are modified. Operations arrive normalised by the HTTP edge (lower-case `op`, real
 * booleans, dotted no-path keys split into paths, Entra's member-list removes turned into value filters).
 * Any failing operation fails the whole PATCH (RFC 7644 §3.5.2: the operations are atomic) with a `ScimError`:
 * unknown `op` → invalidSyntax; malformed path or attribute outside the schema → invalidPath; explicit path to a
 * readOnly attribute, or removal of a required one → mutability; value of the wrong shape → invalidValue;
 * "remove" without path, or "replace" through a filter matching nothing → noTarget; filtered operations that would
 * test too many elements in all → tooMany (plan.ts).
 * Work is linear in the operations and the elements: runs of adds and equality removes on one attribute are applied
 * in one pass with hash lookups (bulk-run.ts), duplicates are found by key, filters are compiled once per operation.
 */
export function applyPatch<T extends ScimResource>(resource: T, operations: PatchOperation[], schema: ResourceSchema): T {
  const steps = applyPatchInSteps(resource, operations, schema);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Steps {@link applyPatchInSteps} takes between pauses: about 20 ms of the heaviest steps (a filter over 1,000 values). */
export const PATCH_STEPS_PER_PAUSE = 64;

/**
 * {@link applyPatch}, pausing (`yield`) after the plan and after every {@link PATCH_STEPS_PER_PAUSE} steps, so that a
 * caller can let other work run between them: a PATCH at the limits (1,000 operations, each over 1,000 values) is
 * 100-200 ms of work, too long to hold a server's event loop in one piece. Pure and atomic all the same: the
 * operations apply to a copy, returned only when every one succeeded.
 */
export function* applyPatchInSteps<T extends ScimResource>(resource: T, operations: PatchOperation[], schema: ResourceSchema): Generator<void, T> {
  const { steps, parsed } = yield* planPatchInSteps(resource, operations, schema);
  yield;
  const result = structuredClone(resource);
  for (const [i, step] of steps.entries()) {
    if (i > 0 && i % PATCH_STEPS_PER_PAUSE === 0) yield;
    if (step.kind === 'run') applyRun(result, step.run);
    else applyOperation(result, operations[step.index] as PatchOperation, schema, () => parsed(step.index));
  }
  assertKeptWhatMustStay(resource, result, schema);
  return result;
}

/**
 * A required or non-removable attribute can also vanish without being named: a filtered remove that takes out the
 * last email (`remove emails[value eq "a@x"]`). The upstream would keep its value and the IdP would have been told 204
 * for a change that never happened, so the PATCH is refused as a whole.
 */
function assertKeptWhatMustStay(before: ScimResource, after: ScimResource, schema: ResourceSchema): void {
  const holders: { def: AttributeDefinition[]; was: JsonObject | undefined; is: JsonObject | undefined }[] = [
    { def: schema.core.attributes, was: before, is: after },
    ...schema.extensions.map((e) => ({ def: e.schema.attributes, was: objectAt(before, e.schema.id), is: objectAt(after, e.schema.id) })),
  ];
  for (const { def, was, is } of holders) {
    for (const a of def) {
      if (!a.required && a.removable !== false) continue;
      if (!isEmptyValue(findKey(was, a.name)) && isEmptyValue(findKey(is, a.name))) {
        throw mutability(`Attribute '${a.name}' cannot be left without a value: ${a.required ? 'it is required' : 'the upstream always holds one'}`);
      }
    }
  }
}

const objectAt = (resource: ScimResource, key: string): JsonObject | undefined => {
  const v = findKey(resource, key);
  return isJsonObject(v) ? v : undefined;
};

/** A value by attribute name, case-insensitively (RFC 7643 §2.1). */
const findKey = (obj: JsonObject | undefined, name: string): JsonValue | undefined => {
  if (!obj) return undefined;
  const lower = name.toLowerCase();
  const key = Object.keys(obj).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : obj[key];
};

function applyOperation(resource: ScimResource, operation: PatchOperation, schema: ResourceSchema, parsedPath: () => ParsedPath): void {
  const { op, path, value } = operation;
  if (!OPS.has(op)) throw invalidSyntax(`Unknown PATCH op '${String(op)}': expected add, remove or replace`);
  if (path !== undefined && typeof path !== 'string') throw invalidPath('A PATCH path must be a string');
  if (op === 'add' && value === undefined) throw invalidSyntax('An "add" operation needs a value');
  if (path === undefined) {
    if (op === 'remove') throw noTarget('A "remove" operation needs a path (RFC 7644 §3.5.2.2)');
    return applyValueObject(resource, op, value ?? null, schema);
  }
  const parsed = parsedPath();
  if (parsed.kind === 'attribute') return applyAtTarget(resource, op, parsed.target, value, schema);
  if (op === 'remove') return removeSchemaObject(resource, parsed.schemaId, schema);
  return applySchemaValue(resource, op, parsed.schemaId, value ?? null, schema);
}
