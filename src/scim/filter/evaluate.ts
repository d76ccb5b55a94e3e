import { isJsonObject, type JsonObject, type JsonValue } from '../resource.js';
import { schemaIds, splitSchemaUrn, type AttributeDefinition, type ResourceSchema } from '../schemas/index.js';
import type { FilterNode } from './ast.js';
import { comparisonFor } from './compare.js';
import { definitionAt, getAttribute, isPresent, nestedPath } from './resolve.js';
import { assertComparable } from './validate.js';

/**
 * Filters are compiled before they are evaluated: attribute paths are resolved against the schema, and literals
 * prepared, once per filter rather than once per resource or element (resolving a path against the schema costs
 * microseconds; a PATCH through a value filter tests every element of a 20,000-member group).
 */
type Test = (target: JsonObject) => boolean;
type Reader = (target: JsonObject) => JsonValue[];

/** The values at `names` below `start`, flattened across multi-valued attributes. */
function walk(start: JsonValue | undefined, names: readonly string[]): JsonValue[] {
  let values: JsonValue[] = start === undefined || start === null ? [] : Array.isArray(start) ? start : [start];
  for (const name of names) {
    const next: JsonValue[] = [];
    for (const v of values) {
      if (!isJsonObject(v)) continue;
      const found = getAttribute(v, name);
      if (found === undefined || found === null) continue;
      if (Array.isArray(found)) for (const f of found) next.push(f);
      else next.push(found);
    }
    values = next;
  }
  return values;
}

const implicitValueOf = (d: AttributeDefinition): AttributeDefinition | undefined =>
  d.type === 'complex' ? d.subAttributes?.find((s) => s.name === 'value') : undefined;

/**
 * How to read `path` (relative to `parentPath` when given) from a target, and the definition governing the values
 * read; `undefined` when the schema does not know the attribute (it never matches). With `implicitValue`, a complex
 * attribute named without a sub-attribute stands for its `value` (`emails co "x"` ≡ `emails.value co "x"`).
 */
function readerFor(
  schema: ResourceSchema,
  path: string,
  parentPath: string | undefined,
  implicitValue: boolean,
): { definition: AttributeDefinition; read: Reader } | undefined {
  const definition = definitionAt(schema, path, parentPath, false);
  if (!definition) return undefined;
  const value = implicitValue ? implicitValueOf(definition) : undefined;
  if (parentPath !== undefined) {
    const names = [...path.split('.'), ...(value ? ['value'] : [])];
    return { definition: value ?? definition, read: (t) => walk(t, names) };
  }
  const { schemaId, rest } = splitSchemaUrn(path, schemaIds(schema));
  const names = [...rest.split('.'), ...(value ? ['value'] : [])];
  const inExtension = schemaId !== undefined && schemaId !== schema.core.id;
  return { definition: value ?? definition, read: inExtension ? (t) => walk(getAttribute(t, schemaId), names) : (t) => walk(t, names) };
}

const never: Test = () => false;

function compile(node: FilterNode, schema: ResourceSchema, parentPath: string | undefined): Test {
  switch (node.kind) {
    case 'and': {
      const parts = node.filters.map((f) => compile(f, schema, parentPath));
      return (t) => parts.every((p) => p(t));
    }
    case 'or': {
      const parts = node.filters.map((f) => compile(f, schema, parentPath));
      return (t) => parts.some((p) => p(t));
    }
    case 'not': {
      const inner = compile(node.filter, schema, parentPath);
      return (t) => !inner(t);
    }
    case 'present': {
      const reader = readerFor(schema, node.path, parentPath, false);
      return reader ? (t) => reader.read(t).some(isPresent) : never;
    }
    case 'valuePath': {
      const reader = readerFor(schema, node.path, parentPath, false);
      if (!reader) return never;
      const inner = compile(node.filter, schema, nestedPath(parentPath, node.path));
      return (t) => reader.read(t).some((e) => isJsonObject(e) && inner(e));
    }
    case 'compare': {
      const reader = readerFor(schema, node.path, parentPath, true);
      if (!reader) return never;
      const { op, value: literal } = node;
      if (literal === null) {
        const wantPresent = op !== 'eq';
        return (t) => reader.read(t).some(isPresent) === wantPresent;
      }
      const test = comparisonFor(op === 'ne' ? 'eq' : op, literal, reader.definition);
      const any: Test = (t) => reader.read(t).some((v) => v !== null && test(v));
      // `ne` holds when no value equals the literal, so it holds for a missing attribute.
      return op === 'ne' ? (t) => !any(t) : any;
    }
  }
}

/**
 * {@link matchesFilter} for many targets: the filter is compiled once, and its comparisons are checked before the
 * first target is evaluated (so a filter refused for its comparisons is refused only when there is something to
 * evaluate, as with `matchesFilter`).
 */
export function filterMatcher(filter: FilterNode, schema: ResourceSchema, parentPath?: string): (target: JsonObject) => boolean {
  let test: Test | undefined;
  return (target) => {
    if (!test) {
      assertComparable(filter, schema, parentPath);
      test = compile(filter, schema, parentPath);
    }
    return test(target);
  };
}

/** Matchers by filter object, schema and parent path: a list tests one (memoised) filter against every resource. */
const matchers = new WeakMap<FilterNode, WeakMap<ResourceSchema, Map<string, (target: JsonObject) => boolean>>>();

/**
 * Whether `target` satisfies `filter` (RFC 7644 §3.4.2.2). `target` is a resource, or, when `parentPath` names a
 * multi-valued attribute (`emails`), one element of it with the filter's paths relative to that element.
 * Attribute names are matched case-insensitively and may be URN-qualified; attributes the schema does not define
 * never match. `ne` holds when no value equals the literal, so it holds for a missing attribute.
 * @throws ScimError 400 `invalidFilter` for comparisons the RFC does not allow (`gt` on a boolean, a bad dateTime),
 *   whatever the target holds.
 */
export function matchesFilter(target: JsonObject, filter: FilterNode, schema: ResourceSchema, parentPath?: string): boolean {
  let bySchema = matchers.get(filter);
  if (!bySchema) matchers.set(filter, (bySchema = new WeakMap()));
  let byParent = bySchema.get(schema);
  if (!byParent) bySchema.set(schema, (byParent = new Map()));
  const key = parentPath ?? '';
  let matcher = byParent.get(key);
  if (!matcher) byParent.set(key, (matcher = filterMatcher(filter, schema, parentPath)));
  return matcher(target);
}
