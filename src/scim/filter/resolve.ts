/**
 * Where a filter's attribute path leads in a resource: the schema definition that governs the comparison and the
 * values found there, flattened across multi-valued attributes (RFC 7644 §3.4.2.2: a multi-valued attribute
 * matches when any of its values does).
 */
import { isJsonObject, type JsonObject, type JsonValue } from '../resource.js';
import { resolveAttribute, schemaIds, splitSchemaUrn, str, type AttributeDefinition, type ResourceSchema } from '../schemas/index.js';

/** `schemas` is common to every resource (RFC 7643 §3) but not among the registry's attribute definitions. */
const schemasAttribute = str('schemas', { multiValued: true, required: true });

export interface ResolvedValues {
  definition: AttributeDefinition;
  values: JsonValue[];
}

/** Own property `name` of `obj`, matched case-insensitively (RFC 7643 §2.1: attribute names are case-insensitive). */
export function getAttribute(obj: JsonObject, name: string): JsonValue | undefined {
  if (Object.hasOwn(obj, name)) return obj[name];
  const lower = name.toLowerCase();
  const key = Object.keys(obj).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : obj[key];
}

const flatten = (v: JsonValue | undefined): JsonValue[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);

const walk = (start: JsonValue | undefined, names: string[]): JsonValue[] =>
  names.reduce<JsonValue[]>((values, name) => values.flatMap((v) => (isJsonObject(v) ? flatten(getAttribute(v, name)) : [])), flatten(start));

/** The path of an attribute inside a value filter, as the schema registry understands it (`emails.type`). */
export const nestedPath = (parentPath: string | undefined, path: string): string => (parentPath ? `${parentPath}.${path}` : path);

const implicitValueOf = (d: AttributeDefinition): AttributeDefinition | undefined =>
  d.type === 'complex' ? d.subAttributes?.find((s) => s.name === 'value') : undefined;

/**
 * The definition governing `path` (relative to `parentPath` when given), or `undefined` when the schema does not
 * know the attribute. With `implicitValue`, a complex attribute named without a sub-attribute stands for its `value`
 * sub-attribute (`emails co "x"` ≡ `emails.value co "x"`).
 */
export function definitionAt(schema: ResourceSchema, path: string, parentPath: string | undefined, implicitValue: boolean): AttributeDefinition | undefined {
  if (parentPath === undefined && path.toLowerCase() === 'schemas') return schemasAttribute;
  const resolved = resolveAttribute(schema, nestedPath(parentPath, path));
  const definition = resolved ? (resolved.subAttribute ?? resolved.attribute) : undefined;
  return definition && implicitValue ? (implicitValueOf(definition) ?? definition) : definition;
}

/** Resolve `path` in `target` (a resource, or an element of `parentPath` when given); see {@link definitionAt}. */
export function resolveValues(
  target: JsonObject,
  path: string,
  schema: ResourceSchema,
  parentPath: string | undefined,
  implicitValue: boolean,
): ResolvedValues | undefined {
  const definition = definitionAt(schema, path, parentPath, false);
  if (!definition) return undefined;
  let values: JsonValue[];
  if (parentPath !== undefined) {
    values = walk(target, path.split('.'));
  } else {
    const { schemaId, rest } = splitSchemaUrn(path, schemaIds(schema));
    const container = schemaId && schemaId !== schema.core.id ? getAttribute(target, schemaId) : target;
    values = walk(container, rest.split('.'));
  }
  const value = implicitValue ? implicitValueOf(definition) : undefined;
  return value ? { definition: value, values: walk(values, ['value']) } : { definition, values };
}

/** RFC 7644 §3.4.2.2 `pr`: the attribute has a non-empty value (not null, "", [] or an object with nothing in it). */
export function isPresent(v: JsonValue | undefined): boolean {
  if (v === undefined || v === null || v === '') return false;
  if (Array.isArray(v)) return v.some(isPresent);
  if (isJsonObject(v)) return Object.values(v).some(isPresent);
  return true;
}
