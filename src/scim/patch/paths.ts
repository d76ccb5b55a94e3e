import { invalidPath } from '../errors.js';
import { parseValuePathExpression, type FilterNode } from '../filter/index.js';
import { resolveAttribute, schemaIds, splitSchemaUrn, type AttributeDefinition, type ResourceSchema } from '../schemas/index.js';
import { subAttributeNamed } from './values.js';

/**
 * The place one PATCH operation writes to (RFC 7644 §3.5.2 `PATH = attrPath / valuePath [subAttr]`), resolved
 * against the resource's schemas: `attr`, `attr.sub`, `urn:…:attr.sub`, `attr[filter]` and `attr[filter].sub`.
 */
export interface PatchTarget {
  /** The path as the client sent it, for error details. */
  path: string;
  /** Extension URN whose object holds the attribute (RFC 7643 §3.3); undefined for core and common attributes. */
  extension: string | undefined;
  attribute: AttributeDefinition;
  /** Canonical path of the attribute, the parent of the filter's relative paths (`emails`, `urn:…:User:manager`). */
  attributePath: string;
  filter?: FilterNode;
  subAttribute?: AttributeDefinition;
}

/** A path naming an attribute, or a bare schema URN naming a whole extension (or the core schema). */
export type ParsedPath = { kind: 'attribute'; target: PatchTarget } | { kind: 'schema'; schemaId: string };

/** RFC 7643 §2.1 ATTRNAME = ALPHA *(nameChar); `$ref` is the one reserved sub-attribute name outside it. */
const isName = (s: string): boolean => s === '$ref' || /^[A-Za-z][\w-]*$/.test(s);

/**
 * Parse and resolve a PATCH path. Attribute names and URNs match case-insensitively; the target carries the
 * canonical definitions. Malformed paths and attributes the schema does not define throw `invalidPath`.
 * Value-path filters are parsed by the filter module (`parseValuePathExpression`).
 */
export function parsePatchPath(path: string, schema: ResourceSchema): ParsedPath {
  const trimmed = path.trim();
  if (trimmed.includes('[')) return { kind: 'attribute', target: valuePathTarget(path, trimmed, schema) };
  const { schemaId, rest } = splitSchemaUrn(trimmed, schemaIds(schema));
  if (schemaId && rest === '') return { kind: 'schema', schemaId };
  const [name, sub, ...more] = rest.split('.');
  if (name === undefined || !isName(name) || (sub !== undefined && !isName(sub)) || more.length > 0) {
    throw invalidPath(`Malformed or unknown attribute path '${path}'`);
  }
  return { kind: 'attribute', target: resolveTarget(path, schemaId, name, sub, undefined, schema) };
}

function valuePathTarget(path: string, trimmed: string, schema: ResourceSchema): PatchTarget {
  const expr = parseValuePathExpression(trimmed);
  const { schemaId, rest } = splitSchemaUrn(expr.attribute, schemaIds(schema));
  if (!isName(rest) || !expr.filter || (expr.subAttribute !== undefined && !isName(expr.subAttribute))) {
    throw invalidPath(`Malformed value path '${path}'`);
  }
  return resolveTarget(path, schemaId, rest, expr.subAttribute, expr.filter, schema);
}

function resolveTarget(
  path: string,
  schemaId: string | undefined,
  name: string,
  sub: string | undefined,
  filter: FilterNode | undefined,
  schema: ResourceSchema,
): PatchTarget {
  const resolved = resolveAttribute(schema, schemaId ? `${schemaId}:${name}` : name);
  if (!resolved) throw invalidPath(`Attribute '${name}' in path '${path}' is not defined by the ${schema.resourceType} schema`);
  const { attribute } = resolved;
  const subAttribute = sub === undefined ? undefined : subAttributeNamed(attribute, sub);
  if (sub !== undefined && !subAttribute) throw invalidPath(`'${sub}' is not a sub-attribute of '${attribute.name}' (path '${path}')`);
  if (filter && !(attribute.multiValued && attribute.type === 'complex')) {
    throw invalidPath(`A value filter needs a multi-valued complex attribute; '${attribute.name}' is not (path '${path}')`);
  }
  if (filter) assertFilterNamesSubAttributes(filter, attribute, path);
  const extension = resolved.schemaId !== undefined && resolved.schemaId !== schema.core.id ? resolved.schemaId : undefined;
  return {
    path,
    extension,
    attribute,
    attributePath: extension ? `${extension}:${attribute.name}` : attribute.name,
    ...(filter ? { filter } : {}),
    ...(subAttribute ? { subAttribute } : {}),
  };
}

/** A value filter may only test sub-attributes of its attribute (RFC 7644 §3.5.2 `valFilter`); anything else is no path. */
function assertFilterNamesSubAttributes(node: FilterNode, attribute: AttributeDefinition, path: string): void {
  switch (node.kind) {
    case 'and':
    case 'or':
      return node.filters.forEach((f) => assertFilterNamesSubAttributes(f, attribute, path));
    case 'not':
      return assertFilterNamesSubAttributes(node.filter, attribute, path);
    case 'valuePath':
      throw invalidPath(`Value filters cannot nest (path '${path}')`);
    default:
      if (!subAttributeNamed(attribute, node.path)) throw invalidPath(`'${node.path}' is not a sub-attribute of '${attribute.name}' (path '${path}')`);
  }
}
