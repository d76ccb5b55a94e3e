/**
 * Case-insensitive key and schema-URN matching for IdP request bodies. RFC 7643 §2.1: attribute names and schema
 * URIs are case-insensitive; Microsoft's collection sends `UserName`, `Emails`, `Primary`, and Entra asks servers not
 * to require case-sensitive structural elements ([MS-SCIM], docs/idps.md §1).
 */
import { ENTERPRISE_USER_SCHEMA, type JsonObject, type JsonValue } from '../../scim/resource.js';
import type { AttributeDefinition, ResourceSchema } from '../../scim/schemas/index.js';
import { schemaIds, splitSchemaUrn } from '../../scim/schemas/index.js';
import { commonAttributes } from '../../scim/schemas/common.js';

/** The SCIM 1.1 core URN, still used by OneLogin's "Core Schema" template (docs/idps.md §3). */
export const SCIM1_CORE_URN = 'urn:scim:schemas:core:1.0';

/** URNs some IdPs send for a schema under another name, keyed in lower case. */
const URN_ALIASES: ReadonlyMap<string, string> = new Map([
  // Entra's old documentation example misses the colon before "User" (docs/idps.md §8.5).
  ['urn:ietf:params:scim:schemas:extension:enterprise:2.0user', ENTERPRISE_USER_SCHEMA],
  // SCIM 1.1 name of the enterprise extension, for 1.1-style templates.
  ['urn:scim:schemas:extension:enterprise:1.0', ENTERPRISE_USER_SCHEMA],
]);

const spellingsBySchema = new WeakMap<ResourceSchema, Map<string, string>>();

/** Every URN spelling accepted for the resource (lower case), mapped to the canonical schema id it stands for. */
function urnSpellings(rs: ResourceSchema): Map<string, string> {
  const cached = spellingsBySchema.get(rs);
  if (cached) return cached;
  const ids = schemaIds(rs);
  const spellings = new Map<string, string>(ids.map((id) => [id.toLowerCase(), id]));
  spellings.set(SCIM1_CORE_URN, rs.core.id);
  for (const [alias, target] of URN_ALIASES) if (ids.includes(target)) spellings.set(alias, target);
  spellingsBySchema.set(rs, spellings);
  return spellings;
}

/** The canonical schema id for a URN of this resource (any case, known aliases), or `undefined` if it is not one. */
export function canonicalSchemaUrn(urn: string, rs: ResourceSchema): string | undefined {
  return urnSpellings(rs).get(urn.trim().toLowerCase());
}

/**
 * Split a URN-qualified attribute path (RFC 7644 §3.10) into the canonical schema id and the remainder, accepting
 * any case and the aliases above. Unqualified paths come back with `schemaId: undefined`.
 */
export function splitUrnPrefix(path: string, rs: ResourceSchema): { schemaId: string | undefined; rest: string } {
  const spellings = urnSpellings(rs);
  const { schemaId, rest } = splitSchemaUrn(path, [...spellings.keys()]);
  return schemaId === undefined ? { schemaId, rest } : { schemaId: spellings.get(schemaId), rest };
}

/** The definition named `name` (case-insensitive) among `defs`. */
export function findAttribute(defs: readonly AttributeDefinition[] | undefined, name: string): AttributeDefinition | undefined {
  const lower = name.toLowerCase();
  return defs?.find((d) => d.name.toLowerCase() === lower);
}

/** The top-level attributes a schema id contributes: common + core for the core schema, else the extension's own. */
export function attributesOf(rs: ResourceSchema, schemaId: string): readonly AttributeDefinition[] {
  if (schemaId === rs.core.id) return [...commonAttributes, ...rs.core.attributes];
  return rs.extensions.find((e) => e.schema.id === schemaId)?.schema.attributes ?? [];
}

/** The value of `name` in `obj`, matching the key case-insensitively (`Operations`, `operations`, `Op`…). */
export function valueOfKey(obj: JsonObject, name: string): JsonValue | undefined {
  const lower = name.toLowerCase();
  const key = Object.keys(obj).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : obj[key];
}

/** Whether `obj` has a key `name`, case-insensitively (distinguishes `"value": null` from no value at all). */
export function hasKey(obj: JsonObject, name: string): boolean {
  const lower = name.toLowerCase();
  return Object.keys(obj).some((k) => k.toLowerCase() === lower);
}
