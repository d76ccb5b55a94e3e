import { isJsonObject, type JsonValue, type PatchOperation, type ScimResource } from '../resource.js';
import { getAttribute } from '../filter/resolve.js';
import type { AttributeDefinition } from '../schemas/index.js';
import { deleteAttr, getAttr, setAttr } from './attribute-keys.js';
import { addToIndex, comparisonKey, elementKey, indexBy } from './element-keys.js';
import { elementsOf, sameElement } from './multi-valued.js';
import type { ParsedPath, PatchTarget } from './paths.js';
import { compact, isEmptyValue, subAttributeNamed, toAttributeValue } from './values.js';

/**
 * IdPs change a big multi-valued attribute with many operations in one PATCH: an `add` per member (JumpCloud), or a
 * `remove members[value eq "…"]` per member (Entra; the HTTP edge turns Entra's member-list removes into these too).
 * One by one, each would look at every element: O(operations × elements), minutes for thousands. A run of such
 * operations in a row on one attribute is applied here in one pass over the elements, with hash lookups, to the
 * same result as applying them in order (`add.ts`, `remove.ts`):
 * - `add` of elements without `primary: true` (a primary would demote others: left to `add.ts`), no filter;
 * - `remove` through a filter `sub eq "text"` on a string or reference sub-attribute, dropping whole elements.
 * Only core attributes run here: an extension emptied and refilled mid-run would change the order of `schemas`.
 */

/** An add's elements; or a remove's comparison: the filter's path as written, its sub-attribute, the literal's key. */
type RunStep = { kind: 'add'; given: JsonValue[] } | { kind: 'remove'; path: string; sub: AttributeDefinition; key: string };

export interface Run {
  attribute: AttributeDefinition;
  steps: RunStep[];
}

const STRING_TYPES = new Set(['string', 'reference', 'binary']);

/** The step `operation` is in a run on its attribute, or `undefined` when it must be applied on its own. */
function runStep(operation: PatchOperation, target: PatchTarget): RunStep | undefined {
  const { attribute: def, filter, subAttribute } = target;
  if (target.extension !== undefined || !def.multiValued || def.type !== 'complex' || def.mutability === 'readOnly') return undefined;
  if (subAttribute?.mutability === 'readOnly') return undefined;
  if (operation.op === 'add') {
    if (filter || subAttribute || operation.value === undefined || isEmptyValue(operation.value)) return undefined;
    let given: JsonValue[];
    try {
      given = elementsOf(toAttributeValue(def, operation.value, target.path))
        .map(compact)
        .filter((e) => !isEmptyValue(e));
    } catch {
      return undefined; // applied on its own, it fails with its own error, in its turn
    }
    return given.some((e) => isJsonObject(e) && e.primary === true) ? undefined : { kind: 'add', given };
  }
  if (operation.op !== 'remove' || filter?.kind !== 'compare' || filter.op !== 'eq' || typeof filter.value !== 'string') return undefined;
  if (subAttribute && subAttribute.name !== 'value') return undefined;
  const sub = subAttributeNamed(def, filter.path);
  if (!sub || !STRING_TYPES.has(sub.type) || sub.multiValued || subAttribute?.required || subAttribute?.removable === false) return undefined;
  const key = comparisonKey(sub, filter.value);
  return key === undefined ? undefined : { kind: 'remove', path: filter.path, sub, key };
}

/**
 * The run starting at `operations[start]`: the operations from there that are run steps on one attribute. `parsed(i)`
 * parses the path of operation i (throwing as `parsePatchPath` does). `undefined` when fewer than two operations
 * would run, or the first is not a step: those go through `apply.ts` one by one.
 */
export function runFrom(operations: readonly PatchOperation[], start: number, parsed: (i: number) => ParsedPath): Run | undefined {
  const steps: RunStep[] = [];
  let attribute: AttributeDefinition | undefined;
  for (let i = start; i < operations.length; i++) {
    const operation = operations[i] as PatchOperation;
    if ((operation.op !== 'add' && operation.op !== 'remove') || typeof operation.path !== 'string') break;
    let path: ParsedPath;
    try {
      path = parsed(i);
    } catch {
      break;
    }
    if (path.kind !== 'attribute' || (attribute !== undefined && path.target.attribute !== attribute)) break;
    const step = runStep(operation, path.target);
    if (!step) break;
    attribute = path.target.attribute;
    steps.push(step);
  }
  return attribute !== undefined && steps.length > 1 ? { attribute, steps } : undefined;
}

/** Apply a run to the resource's attribute, as its operations would be in order. */
export function applyRun(resource: ScimResource, run: Run): void {
  const def = run.attribute;
  const current = getAttr(resource, def.name);
  /** Whether the resource holds the attribute (an `add` sets it, a `remove` that empties it drops it). */
  let present = current !== undefined;
  let changed = false;
  const elements = elementsOf(current);
  // Elements are tracked by position: the same object may stand at two positions.
  const gone = new Set<number>();
  let emptiesDropped = false;
  const live = (): boolean => elements.length > gone.size;
  const sameIndex = indexBy(elements.keys(), (i) => [elementKey(def, elements[i] as JsonValue)]);
  /** Per filter path: positions by the keys of the values found there (read as the filter evaluator reads them). */
  const byPath = new Map<string, { sub: AttributeDefinition; index: Map<string, number[]> }>();
  const keysAt = (path: string, sub: AttributeDefinition, e: JsonValue): string[] =>
    isJsonObject(e) ? elementsOf(getAttribute(e, path)).flatMap((v) => comparisonKey(sub, v) ?? []) : [];
  const indexOn = (path: string, sub: AttributeDefinition): Map<string, number[]> => {
    let entry = byPath.get(path);
    if (!entry) byPath.set(path, (entry = { sub, index: indexBy(elements.keys(), (i) => keysAt(path, sub, elements[i] as JsonValue)) }));
    return entry.index;
  };

  for (const step of run.steps) {
    if (step.kind === 'add') {
      for (const g of step.given) {
        const key = elementKey(def, g);
        if (sameIndex.get(key)?.some((i) => !gone.has(i) && sameElement(def, elements[i] as JsonValue, g))) continue;
        const at = elements.push(g) - 1;
        addToIndex(sameIndex, at, [key]);
        for (const [path, { sub, index }] of byPath) addToIndex(index, at, keysAt(path, sub, g));
      }
      present ||= live();
      changed ||= present;
      continue;
    }
    if (!present) continue; // nothing to remove from: a no-op, as in remove.ts
    changed = true;
    if (!emptiesDropped) {
      // A remove also drops elements left empty, as remove.ts does.
      elements.forEach((e, i) => isEmptyValue(e) && gone.add(i));
      emptiesDropped = true;
    }
    for (const i of indexOn(step.path, step.sub).get(step.key) ?? []) gone.add(i);
    present = live();
  }

  if (!changed) return;
  if (present) setAttr(resource, def.name, gone.size === 0 ? elements : elements.filter((_, i) => !gone.has(i)));
  else deleteAttr(resource, def.name);
}
