/**
 * Where a filter's attribute path leads in a resource: the schema definition that governs the comparison, a
 * case-insensitive attribute read and `pr`. Reading the values (flattened across multi-valued attributes, RFC 7644
 * §3.4.2.2) is evaluate.ts's compiled reader.
 */
import { isJsonObject, type JsonObject, type JsonValue } from '../resource.js';
import { resolveAttribute, str, type AttributeDefinition, type ResourceSchema } from '../schemas/index.js';

/** `schemas` is common to every resource (RFC 7643 §3) but not among the registry's attribute definitions. */
const schemasAttribute = str('schemas', { multiValued: true, required: true });

/** Own property `name` of `obj`, matched case-insensitively (RFC 7643 §2.1: attribute names are case-insensitive). */
export function getAttribute(obj: JsonObject, name: string): JsonValue | undefined {
  if (Object.hasOwn(obj, name)) return obj[name];
  const lower = name.toLowerCase();
  const key = Object.keys(obj).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : obj[key];
}

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

/** RFC 7644 §3.4.2.2 `pr`: the attribute has a non-empty value (not null, "", [] or an object with nothing in it). */
export function isPresent(v: JsonValue | undefined): boolean {
  if (v === undefined || v === null || v === '') return false;
  if (Array.isArray(v)) return v.some(isPresent);
  if (isJsonObject(v)) return Object.values(v).some(isPresent);
  return true;
}
