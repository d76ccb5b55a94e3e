import { isJsonObject, type JsonObject, type ScimResource } from '../resource.js';
import type { ResourceSchema } from '../schemas/index.js';
import { deleteAttr, getAttr, setAttr } from './attribute-keys.js';
import type { PatchTarget } from './paths.js';

/**
 * Where an attribute lives in a resource: core and common attributes at the top level, extension attributes inside
 * the object keyed by their schema URN (RFC 7643 §3.3), whose URN is then listed in `schemas` (RFC 7643 §3).
 */

const lower = (s: string): string => s.toLowerCase();

/**
 * The object holding the target's attribute. With `create`, a missing extension object is created and its URN added
 * to `schemas`; the extension key is always rewritten to the canonical URN spelling.
 */
export function holderOf(resource: ScimResource, target: PatchTarget, create: boolean): JsonObject | undefined {
  return target.extension ? extensionObject(resource, target.extension, create) : resource;
}

export function extensionObject(resource: ScimResource, urn: string, create: boolean): JsonObject | undefined {
  const existing = getAttr(resource, urn);
  const obj = isJsonObject(existing) ? existing : create ? {} : undefined;
  if (!obj) return undefined;
  setAttr(resource, urn, obj);
  if (create && !resource.schemas.some((s) => lower(s) === lower(urn))) resource.schemas = [...resource.schemas, urn];
  return obj;
}

/** Drop an extension object the operations left empty, and its URN from `schemas`, unless the extension is required. */
export function pruneExtension(resource: ScimResource, urn: string, schema: ResourceSchema): void {
  if (schema.extensions.find((e) => e.schema.id === urn)?.required) return;
  const obj = getAttr(resource, urn);
  if (isJsonObject(obj) && Object.keys(obj).length === 0) removeExtension(resource, urn);
}

export function removeExtension(resource: ScimResource, urn: string): void {
  deleteAttr(resource, urn);
  resource.schemas = resource.schemas.filter((s) => lower(s) !== lower(urn));
}
