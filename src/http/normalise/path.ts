/**
 * PATCH `path` values (RFC 7644 §3.5.2: `attrPath` or `valuePath [subAttr]`) in the schema's own spelling.
 * Attribute names and schema URNs are matched case-insensitively (`Name.GivenName` → `name.givenName`); a value
 * filter (`members[value eq "x"]`) is kept verbatim, since the filter evaluator matches names case-insensitively.
 */
import type { AttributeDefinition, ResourceSchema } from '../../scim/schemas/index.js';
import { attributesOf, findAttribute, splitUrnPrefix } from './keys.js';

/** A path resolved against the resource's schemas. */
export type ResolvedPath =
  /** A bare extension URN: the value holds several of its attributes. */
  | { kind: 'extension'; schemaId: string }
  /** An attribute of the schema, possibly filtered (`emails[type eq "work"]`) and/or with a sub-attribute. */
  | {
      kind: 'attribute';
      path: string;
      schemaId: string;
      attribute: AttributeDefinition;
      filter: string | undefined;
      subAttribute: AttributeDefinition | undefined;
    }
  /** `parsed`: a well-formed path to an attribute this resource lacks; otherwise not a path the normaliser can read. */
  | { kind: 'unknown'; path: string; parsed: boolean };

const ATTR_PATH = /^([^.[\]\s]+)(?:\[(.*)\])?(?:\.([^.[\]\s]+))?$/s;

/** The attribute `name` under `schemaId`; unqualified names not in the core are looked up in the extensions. */
function locate(rs: ResourceSchema, schemaId: string | undefined, name: string): { schemaId: string; attribute: AttributeDefinition } | undefined {
  if (schemaId !== undefined) {
    const attribute = findAttribute(attributesOf(rs, schemaId), name);
    return attribute && { schemaId, attribute };
  }
  const core = findAttribute(attributesOf(rs, rs.core.id), name);
  if (core) return { schemaId: rs.core.id, attribute: core };
  // Entra's older manager link uses `path: "manager"` without the enterprise URN (docs/idps.md §1).
  const hits = rs.extensions.flatMap((e) => {
    const attribute = findAttribute(e.schema.attributes, name);
    return attribute ? [{ schemaId: e.schema.id, attribute }] : [];
  });
  return hits.length === 1 ? hits[0] : undefined;
}

/**
 * Resolve a PATCH path (or a key of a no-path value object, which is a path too). Leading `/` and surrounding
 * blanks are dropped first. The core URN prefix is removed (`urn:…:core:2.0:User:userName` → `userName`);
 * extension attributes keep the canonical URN prefix.
 */
export function resolvePath(raw: string, rs: ResourceSchema): ResolvedPath {
  const text = raw.trim().replace(/^\/+/, '');
  const { schemaId, rest } = splitUrnPrefix(text, rs);
  if (schemaId !== undefined && rest === '' && schemaId !== rs.core.id) return { kind: 'extension', schemaId };
  const match = ATTR_PATH.exec(rest);
  if (!match) return { kind: 'unknown', path: text, parsed: false };
  const found = locate(rs, schemaId, match[1] ?? '');
  if (!found) return { kind: 'unknown', path: text, parsed: true };
  const [, , filter, subName] = match;
  const subAttribute = subName === undefined ? undefined : findAttribute(found.attribute.subAttributes, subName);
  if (subName !== undefined && !subAttribute) return { kind: 'unknown', path: text, parsed: true };
  const prefix = found.schemaId === rs.core.id ? '' : `${found.schemaId}:`;
  const path = `${prefix}${found.attribute.name}${filter === undefined ? '' : `[${filter}]`}${subAttribute ? `.${subAttribute.name}` : ''}`;
  return { kind: 'attribute', path, schemaId: found.schemaId, attribute: found.attribute, filter, subAttribute };
}
