/**
 * PATCH bodies (RFC 7644 §3.5.2) as Entra, Okta, JumpCloud and Microsoft's collection send them → clean operations
 * with lower-case `op` and canonical paths (docs/idps.md §1, §2, §5, §8.4).
 */
import { previewValue } from '../../scim/value-preview.js';
import { invalidSyntax, invalidValue } from '../../scim/errors.js';
import { isJsonObject, type JsonValue, type PatchOpName, type PatchOperation } from '../../scim/resource.js';
import type { ResourceSchema } from '../../scim/schemas/index.js';
import { hasKey, valueOfKey } from './keys.js';
import { assertOperationCount, DEFAULT_REQUEST_LIMITS, ValueTally, type RequestLimits } from './limits.js';
import { resolvePath, type ResolvedPath } from './path.js';
import { normaliseAttributeValue, normaliseComplex, normaliseSimple } from './values.js';

type AttributePath = Extract<ResolvedPath, { kind: 'attribute' }>;

const OP_NAMES: readonly PatchOpName[] = ['add', 'remove', 'replace'];

function opName(raw: JsonValue | undefined, where: string): PatchOpName {
  const name = typeof raw === 'string' ? raw.trim().toLowerCase() : undefined;
  const op = OP_NAMES.find((o) => o === name);
  if (!op) throw invalidSyntax(`${where}.op must be "add", "remove" or "replace", got ${previewValue(raw ?? null)}`);
  return op;
}

function valueFor(target: AttributePath, value: JsonValue): JsonValue | undefined {
  const { attribute, filter, subAttribute, path } = target;
  if (subAttribute) return normaliseSimple(subAttribute, value, path);
  // `emails[type eq "work"]` addresses elements, so its value is one element, not the whole attribute.
  if (filter !== undefined && !Array.isArray(value)) return normaliseComplex(attribute, value, path);
  return normaliseAttributeValue(attribute, value, path);
}

/** `add`/`replace` of `value` at `target`. Splitting no-path values and bare extension URNs ends up here too. */
function setAt(op: PatchOpName, target: ResolvedPath, value: JsonValue, where: string, rs: ResourceSchema, tally: ValueTally): PatchOperation[] {
  if (target.kind === 'unknown') return target.parsed ? [] : [{ op, path: target.path, value }];
  if (target.kind === 'extension') {
    if (!isJsonObject(value)) throw invalidValue(`${where}: the value for "${target.schemaId}" must be an object`);
    return splitObject(op, value, where, rs, tally, `${target.schemaId}:`);
  }
  if (!target.subAttribute) tally.count(target.attribute, value, target.attribute.name);
  const normalised = valueFor(target, value);
  // Null (or Entra's empty manager) means unassigned (RFC 7643 §2.5): replacing with it clears, adding it adds nothing.
  if (normalised === undefined) return op === 'replace' ? [{ op: 'remove', path: target.path }] : [];
  return [{ op, path: target.path, value: normalised }];
}

/**
 * A value object's keys become one operation each, with the key as path (dotted `name.givenName`, URN-qualified
 * `urn:…:enterprise:2.0:User:employeeNumber`, plain, or an extension object). Read-only attributes Okta echoes
 * (`id`, `meta`), `schemas`, unknown keys and null values are dropped.
 */
function splitObject(
  op: PatchOpName,
  value: Record<string, JsonValue | undefined>,
  where: string,
  rs: ResourceSchema,
  tally: ValueTally,
  prefix = '',
): PatchOperation[] {
  return Object.entries(value).flatMap(([key, v]) => {
    if (v === null || v === undefined || key.toLowerCase() === 'schemas') return [];
    const target = resolvePath(prefix + key, rs);
    if (target.kind === 'unknown' || (target.kind === 'attribute' && target.attribute.mutability === 'readOnly')) return [];
    return setAt(op, target, v, where, rs, tally);
  });
}

/**
 * `remove`. With a value list on a multi-valued complex attribute (Entra's default job and JumpCloud send
 * `{"op":"Remove","path":"members","value":[{"value":"<id>"}]}`), only the listed values go: one operation per value
 * with a `[value eq "…"]` filter. Without a value the operation stays as it is (RFC 7644 §3.5.2.2: remove all).
 */
function removeAt(target: ResolvedPath, value: JsonValue | undefined, where: string, tally: ValueTally): PatchOperation[] {
  if (target.kind === 'unknown') return target.parsed ? [] : [{ op: 'remove', path: target.path }];
  if (target.kind === 'extension') return [{ op: 'remove', path: target.schemaId }];
  const { attribute, filter, subAttribute, path } = target;
  const listed = value !== undefined && value !== null && attribute.multiValued && attribute.type === 'complex';
  if (!listed || filter !== undefined || subAttribute) return [{ op: 'remove', path }];
  tally.count(attribute, value, attribute.name);
  const items = normaliseAttributeValue(attribute, value, path);
  return (Array.isArray(items) ? items : []).map((item) => {
    const id = isJsonObject(item) ? item['value'] : undefined;
    if (typeof id !== 'string') throw invalidValue(`${where}: every ${path} entry to remove needs a string "value"`);
    return { op: 'remove', path: `${path}[value eq ${JSON.stringify(id)}]` };
  });
}

function normaliseOperation(raw: JsonValue, where: string, rs: ResourceSchema, tally: ValueTally): PatchOperation[] {
  if (!isJsonObject(raw)) throw invalidSyntax(`${where} must be an object with "op", "path" and "value"`);
  const op = opName(valueOfKey(raw, 'op'), where);
  const rawPath = valueOfKey(raw, 'path');
  if (rawPath !== undefined && rawPath !== null && typeof rawPath !== 'string') throw invalidSyntax(`${where}.path must be a string`);
  const path = typeof rawPath === 'string' && rawPath.trim().replace(/^\/+/, '') !== '' ? rawPath : undefined;
  const value = valueOfKey(raw, 'value');
  if (op === 'remove') return path === undefined ? [{ op }] : removeAt(resolvePath(path, rs), value, where, tally);
  if (!hasKey(raw, 'value') || value === undefined) throw invalidValue(`${where}: "${op}" needs a value`);
  if (path !== undefined) return setAt(op, resolvePath(path, rs), value, where, rs, tally);
  if (!isJsonObject(value)) throw invalidValue(`${where}: "${op}" without a path needs an object of attributes as value`);
  return splitObject(op, value, where, rs, tally);
}

/**
 * Normalise a PATCH body into RFC 7644 §3.5.2 operations: `Operations` and `op` matched case-insensitively, the
 * PatchOp `schemas` not required, paths canonical with any leading `/` removed, values normalised by the attribute
 * each path addresses, and every no-path `add`/`replace` split into one operation per attribute with a path.
 * A `remove` without path is passed on for the PATCH engine to reject (`noTarget`). Ops on attributes the resource
 * does not have are dropped (RFC 7644 §3.3); malformed paths are passed on for the engine to reject (`invalidPath`).
 * Throws `invalidSyntax` for a body, operation or `op` that is not one, `invalidValue` for values that cannot be
 * coerced (e.g. `"active": "maybe"`), and `tooMany` for a request over `limits` (limits.ts).
 */
export function normalisePatch(body: unknown, rs: ResourceSchema, limits: RequestLimits = DEFAULT_REQUEST_LIMITS): PatchOperation[] {
  if (!isJsonObject(body)) throw invalidSyntax('The PATCH body must be a JSON object (RFC 7644 §3.5.2)');
  const operations = valueOfKey(body, 'Operations');
  if (!Array.isArray(operations)) throw invalidSyntax('The PATCH body needs an "Operations" array (RFC 7644 §3.5.2)');
  assertOperationCount(operations.length, limits);
  const tally = new ValueTally(limits);
  const normalised = operations.flatMap((raw, i) => normaliseOperation(raw, `Operations[${i}]`, rs, tally));
  tally.check();
  return normalised;
}
