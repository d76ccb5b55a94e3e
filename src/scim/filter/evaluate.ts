import { isJsonObject, type JsonObject } from '../resource.js';
import type { ResourceSchema } from '../schemas/index.js';
import type { FilterNode } from './ast.js';
import { compareValue } from './compare.js';
import { isPresent, nestedPath, resolveValues } from './resolve.js';
import { assertComparable } from './validate.js';

const evaluate = (target: JsonObject, node: FilterNode, schema: ResourceSchema, parentPath: string | undefined): boolean => {
  switch (node.kind) {
    case 'and':
      return node.filters.every((f) => evaluate(target, f, schema, parentPath));
    case 'or':
      return node.filters.some((f) => evaluate(target, f, schema, parentPath));
    case 'not':
      return !evaluate(target, node.filter, schema, parentPath);
    case 'present':
      return resolveValues(target, node.path, schema, parentPath, false)?.values.some(isPresent) ?? false;
    case 'valuePath': {
      const elements = resolveValues(target, node.path, schema, parentPath, false)?.values ?? [];
      const elementPath = nestedPath(parentPath, node.path);
      return elements.some((e) => isJsonObject(e) && evaluate(e, node.filter, schema, elementPath));
    }
    case 'compare': {
      const resolved = resolveValues(target, node.path, schema, parentPath, true);
      if (!resolved) return false;
      const { definition, values } = resolved;
      const literal = node.value;
      if (literal === null) return (node.op === 'eq') !== values.some(isPresent);
      const equal = (): boolean => values.some((v) => v !== null && compareValue(v, 'eq', literal, definition));
      if (node.op === 'ne') return !equal();
      if (node.op === 'eq') return equal();
      return values.some((v) => v !== null && compareValue(v, node.op, literal, definition));
    }
  }
};

/**
 * Whether `target` satisfies `filter` (RFC 7644 §3.4.2.2). `target` is a resource, or, when `parentPath` names a
 * multi-valued attribute (`emails`), one element of it with the filter's paths relative to that element.
 * Attribute names are matched case-insensitively and may be URN-qualified; attributes the schema does not define
 * never match. `ne` holds when no value equals the literal, so it holds for a missing attribute.
 * @throws ScimError 400 `invalidFilter` for comparisons the RFC does not allow (`gt` on a boolean, a bad dateTime),
 *   whatever the target holds.
 */
export function matchesFilter(target: JsonObject, filter: FilterNode, schema: ResourceSchema, parentPath?: string): boolean {
  assertComparable(filter, schema, parentPath);
  return evaluate(target, filter, schema, parentPath);
}

/**
 * {@link matchesFilter} for many targets: the filter's comparisons are checked once, before the first target is
 * evaluated (so a filter refused for its comparisons is refused only when there is something to evaluate, as with
 * `matchesFilter`), instead of once per target.
 */
export function filterMatcher(filter: FilterNode, schema: ResourceSchema, parentPath?: string): (target: JsonObject) => boolean {
  let checked = false;
  return (target) => {
    if (!checked) {
      assertComparable(filter, schema, parentPath);
      checked = true;
    }
    return evaluate(target, filter, schema, parentPath);
  };
}
