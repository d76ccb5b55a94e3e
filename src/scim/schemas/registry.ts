import type { AttributeDefinition, SchemaDefinition } from './attribute.js';
import { commonAttributes } from './common.js';

/** The schemas of one resource type: its core schema, its extensions, and the common attributes. */
export interface ResourceSchema {
  resourceType: 'User' | 'Group';
  endpoint: string;
  core: SchemaDefinition;
  extensions: { schema: SchemaDefinition; required: boolean }[];
}

/** Where an attribute path lands: the schema it belongs to, the attribute, and the sub-attribute if any. */
export interface ResolvedAttribute {
  /** The schema URN owning the attribute; `undefined` for common attributes (id, externalId, meta). */
  schemaId: string | undefined;
  attribute: AttributeDefinition;
  subAttribute?: AttributeDefinition;
}

const findNamed = (defs: readonly AttributeDefinition[] | undefined, name: string): AttributeDefinition | undefined => {
  const lower = name.toLowerCase();
  return defs?.find((d) => d.name.toLowerCase() === lower);
};

/**
 * Split an attribute path into its schema URN (if URN-qualified) and the dotted remainder (RFC 7644 §3.10).
 * `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value` → [enterprise URN, "manager.value"].
 * A bare URN (`urn:…:enterprise:2.0:User`) yields an empty remainder.
 */
export function splitSchemaUrn(path: string, knownSchemaIds: readonly string[]): { schemaId: string | undefined; rest: string } {
  const lower = path.toLowerCase();
  const match = [...knownSchemaIds]
    .sort((a, b) => b.length - a.length)
    .find((id) => lower === id.toLowerCase() || lower.startsWith(id.toLowerCase() + ':') || lower.startsWith(id.toLowerCase() + '.'));
  if (match) return { schemaId: match, rest: path.slice(match.length + 1) };
  return { schemaId: undefined, rest: path };
}

export function schemaIds(rs: ResourceSchema): string[] {
  return [rs.core.id, ...rs.extensions.map((e) => e.schema.id)];
}

/** Resolve a (possibly URN-qualified, dotted, any-case) attribute path against a resource's schemas. */
export function resolveAttribute(rs: ResourceSchema, path: string): ResolvedAttribute | undefined {
  const { schemaId, rest } = splitSchemaUrn(path, schemaIds(rs));
  const [head, sub, ...more] = rest.split('.');
  if (!head || more.length > 0) return undefined;
  let owner: string | undefined;
  let attribute: AttributeDefinition | undefined;
  if (schemaId && schemaId !== rs.core.id) {
    owner = schemaId;
    attribute = findNamed(rs.extensions.find((e) => e.schema.id === schemaId)?.schema.attributes, head);
  } else {
    attribute = findNamed(commonAttributes, head);
    if (!attribute) {
      owner = rs.core.id;
      attribute = findNamed(rs.core.attributes, head);
    }
  }
  if (!attribute) return undefined;
  if (sub === undefined) return { schemaId: owner, attribute };
  const subAttribute = findNamed(attribute.subAttributes, sub);
  return subAttribute ? { schemaId: owner, attribute, subAttribute } : undefined;
}

/** The definition that governs a leaf value at `path`: the sub-attribute when there is one. */
export function leafDefinition(rs: ResourceSchema, path: string): AttributeDefinition | undefined {
  const r = resolveAttribute(rs, path);
  return r ? (r.subAttribute ?? r.attribute) : undefined;
}
