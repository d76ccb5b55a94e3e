import { badRequest } from '../errors.js';
import { isJsonObject, type JsonObject, type JsonValue, type PatchOperation, type ScimResource } from '../resource.js';
import type { ResourceSchema } from '../schemas/index.js';
import { getAttr } from './attribute-keys.js';
import { runFrom, type Run } from './bulk-run.js';
import { parsePatchPath, type ParsedPath } from './paths.js';

/**
 * The most element tests the filtered operations of one PATCH may make, beyond its first: at about 0.2 µs a test,
 * about 50 ms of work. A filtered operation outside a run (bulk-run.ts) tests every element of its attribute,
 * so a thousand of them on a 20,000-member group would be 20 million tests, seconds of a blocked event loop.
 */
export const MAX_FILTER_TESTS = 250_000;

/** What applyPatch does, in order: a run (bulk-run.ts), or one operation on its own. */
export type Step = { kind: 'run'; run: Run } | { kind: 'single'; index: number };

interface Plan {
  steps: Step[];
  parsed: (i: number) => ParsedPath;
}

/** Operations {@link planPatchInSteps} plans (their paths parsed) between pauses. */
const OPERATIONS_PER_PAUSE = 128;

/**
 * Plan the operations: each path parsed once (`parsed(i)`; a path that does not parse is left for its operation to
 * fail on, in its turn), runs found, and the element tests the other filtered operations would make counted.
 * @throws ScimError 400 `tooMany` when several filtered operations would together test more than
 *   {@link MAX_FILTER_TESTS} elements. One filtered operation is never refused: it costs one pass over its attribute.
 * Pauses (`yield`) after about every {@link OPERATIONS_PER_PAUSE} operations, so a caller can give other work a turn
 * (see `applyPatchInSteps`).
 */
export function* planPatchInSteps(resource: ScimResource, operations: readonly PatchOperation[], schema: ResourceSchema): Generator<void, Plan> {
  const parsedPaths: (ParsedPath | undefined)[] = [];
  const parsed = (i: number): ParsedPath => (parsedPaths[i] ??= parsePatchPath(operations[i]?.path as string, schema));
  const steps: Step[] = [];
  let filtered = 0;
  let tests = 0;
  for (let i = 0, pausedAt = 0; i < operations.length;) {
    if (i - pausedAt >= OPERATIONS_PER_PAUSE) {
      pausedAt = i;
      yield;
    }
    const run = runFrom(operations, i, parsed);
    if (run) {
      steps.push({ kind: 'run', run });
      i += run.steps.length;
      continue;
    }
    steps.push({ kind: 'single', index: i });
    const target = filteredTarget(operations[i] as PatchOperation, () => parsed(i));
    if (target) {
      filtered++;
      tests += countOf(getAttr(holderIn(resource, target.extension), target.attribute.name));
    }
    i++;
  }
  if (filtered > 1 && tests > MAX_FILTER_TESTS) {
    throw badRequest(
      'tooMany',
      `The PATCH's ${filtered} filtered operations would test ${tests} values of multi-valued attributes; at most ${MAX_FILTER_TESTS} are tested in one request: send fewer filtered operations per request (consecutive "remove" operations with an "eq" filter, as IdPs send, are looked up and not counted)`,
    );
  }
  return { steps, parsed };
}

const countOf = (value: JsonValue | undefined): number => (Array.isArray(value) ? value.length : value === undefined || value === null ? 0 : 1);

/** The object holding an attribute (read only: the resource is not the patch's copy). */
const holderIn = (resource: ScimResource, extension: string | undefined): JsonObject => {
  if (extension === undefined) return resource;
  const found = getAttr(resource, extension);
  return isJsonObject(found) ? found : {};
};

const filteredTarget = (operation: PatchOperation, parsed: () => ParsedPath) => {
  if (typeof operation.path !== 'string' || !operation.path.includes('[')) return undefined;
  try {
    const path = parsed();
    return path.kind === 'attribute' && path.target.filter ? path.target : undefined;
  } catch {
    return undefined;
  }
};
