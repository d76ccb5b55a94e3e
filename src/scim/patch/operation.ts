import type { JsonValue, PatchOpName, ScimResource } from '../resource.js';
import type { ResourceSchema } from '../schemas/index.js';
import { addAtPath } from './add.js';
import { pruneExtension } from './holder.js';
import type { PatchTarget } from './paths.js';
import { removeAtPath } from './remove.js';
import { replaceAtPath } from './replace.js';

/**
 * One operation applied at a resolved target. An extension the operation left empty is dropped, with its URN, from
 * the resource (RFC 7643 §3: `schemas` lists the extensions the resource carries).
 */
export function applyAtTarget(resource: ScimResource, op: PatchOpName, target: PatchTarget, value: JsonValue | undefined, schema: ResourceSchema): void {
  if (op === 'add') addAtPath(resource, target, value ?? null, schema);
  else if (op === 'replace') replaceAtPath(resource, target, value ?? null, schema);
  else removeAtPath(resource, target, schema);
  if (target.extension) pruneExtension(resource, target.extension, schema);
}
