import type { AttributeDefinition, Mutability, SchemaDefinition } from './attribute.js';
import { resolveAttribute, type ResourceSchema } from './registry.js';

/**
 * What an upstream makes true of an attribute beyond RFC 7643's defaults: the upstream requires it (so it cannot be
 * removed), or cannot change it after creation. `/Schemas` then tells IdPs the truth, and PATCH enforces it.
 */
export interface AttributeOverride {
  required?: boolean;
  mutability?: Mutability;
  /** `false`: PATCH cannot remove it, though POST and PUT may leave it out (see `AttributeDefinition.removable`). */
  removable?: false;
  /** Replaces the attribute's description: say what the upstream does and why. */
  description?: string;
}

/** Keyed by attribute path, as in a PATCH path: `emails`, `name.givenName`, `urn:…:enterprise:2.0:User:department`. */
export type AttributeOverrides = Readonly<Record<string, AttributeOverride>>;

const apply = (def: AttributeDefinition, o: AttributeOverride): AttributeDefinition => ({
  ...def,
  ...(o.required !== undefined ? { required: o.required } : {}),
  ...(o.mutability !== undefined ? { mutability: o.mutability } : {}),
  ...(o.removable === false ? { removable: false as const } : {}),
  ...(o.description !== undefined ? { description: o.description } : {}),
});

function overriddenIn(schema: SchemaDefinition, target: AttributeDefinition, sub: AttributeDefinition | undefined, o: AttributeOverride): SchemaDefinition {
  return {
    ...schema,
    attributes: schema.attributes.map((a) => {
      if (a !== target) return a;
      if (!sub) return apply(a, o);
      return { ...a, subAttributes: a.subAttributes?.map((s) => (s === sub ? apply(s, o) : s)) };
    }),
  };
}

/**
 * The resource schema with an upstream's overrides applied. A path that names no attribute is a programming error in
 * the adapter and throws, so a typo cannot quietly leave `/Schemas` untrue. Pure: the input is not changed.
 */
export function withAttributeOverrides(rs: ResourceSchema, overrides: AttributeOverrides): ResourceSchema {
  let out = rs;
  for (const [path, o] of Object.entries(overrides)) {
    const found = resolveAttribute(out, path);
    if (!found || found.schemaId === undefined) throw new Error(`attribute override for "${path}": no such ${rs.resourceType} attribute`);
    const { schemaId, attribute, subAttribute } = found;
    out =
      schemaId === out.core.id
        ? { ...out, core: overriddenIn(out.core, attribute, subAttribute, o) }
        : {
            ...out,
            extensions: out.extensions.map((e) => (e.schema.id === schemaId ? { ...e, schema: overriddenIn(e.schema, attribute, subAttribute, o) } : e)),
          };
  }
  return out;
}
