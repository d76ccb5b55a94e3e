/**
 * POST and PUT bodies of /Users and /Groups (RFC 7644 §3.3, §3.5.1) → a clean resource in the schema's own
 * spelling. What IdPs add that a provider may ignore is dropped here (docs/idps.md §1–§3, §8.5).
 */
import { previewValue } from '../../scim/value-preview.js';
import { invalidSyntax, invalidValue } from '../../scim/errors.js';
import { isJsonObject, type JsonObject, type JsonValue, type ScimResource } from '../../scim/resource.js';
import type { ResourceSchema } from '../../scim/schemas/index.js';
import { attributesOf, canonicalSchemaUrn, findAttribute } from './keys.js';
import { DEFAULT_REQUEST_LIMITS, ValueTally, type RequestLimits } from './limits.js';
import { normaliseAttributeValue } from './values.js';

/**
 * The attributes of one schema in `source`: names canonicalised, unknown attributes dropped (RFC 7644 §3.3 lets a
 * provider ignore them), read-only ones dropped (`id`, `meta`, and `groups` on Users, which Okta echoes as `[]`),
 * values normalised by their definitions.
 */
export function normaliseAttributes(source: JsonObject, rs: ResourceSchema, schemaId: string, tally: ValueTally, where = ''): JsonObject {
  const defs = attributesOf(rs, schemaId);
  const out: JsonObject = {};
  for (const [key, raw] of Object.entries(source)) {
    const def = findAttribute(defs, key);
    if (!def || def.mutability === 'readOnly') continue;
    tally.count(def, raw, where + def.name);
    const value = normaliseAttributeValue(def, raw, where + def.name);
    if (value !== undefined) out[def.name] = value;
  }
  return out;
}

function requireCoreAttributes(resource: JsonObject, rs: ResourceSchema): void {
  for (const def of rs.core.attributes) {
    if (!def.required) continue;
    const value = resource[def.name];
    if (value === undefined) throw invalidValue(`${def.name} is required for a ${rs.resourceType}`);
    if (def.type === 'string' && (typeof value !== 'string' || value.trim() === '')) {
      throw invalidValue(`${def.name} must be a non-empty string, got ${previewValue(value)}`);
    }
  }
}

function normaliseExtension(urn: string, raw: JsonValue | undefined, rs: ResourceSchema, tally: ValueTally): JsonObject | undefined {
  if (raw === null || raw === undefined) return undefined;
  if (!isJsonObject(raw)) throw invalidSyntax(`"${urn}" must be an object of extension attributes`);
  const attributes = normaliseAttributes(raw, rs, urn, tally, `${urn}:`);
  return Object.keys(attributes).length === 0 ? undefined : attributes;
}

/**
 * Normalise a POST or PUT body. `schemas` in the output is the core URN plus the URNs of the extensions present;
 * whatever the IdP listed (Entra's ADSCIM Group URN, the SCIM 1.1 core URN, any case) is not checked.
 * Throws `invalidSyntax` when the body is not an object, `invalidValue` when a required core attribute
 * (`userName`, `displayName`) is missing or not a non-empty string, and `tooMany` when a multi-valued attribute holds
 * more values than `limits` allow (limits.ts).
 */
export function normaliseResource(body: unknown, rs: ResourceSchema, limits: RequestLimits = DEFAULT_REQUEST_LIMITS): ScimResource {
  if (!isJsonObject(body)) throw invalidSyntax(`The ${rs.resourceType} body must be a JSON object`);
  const tally = new ValueTally(limits);
  const core: JsonObject = {};
  const extensions = new Map<string, JsonObject>();
  for (const [key, raw] of Object.entries(body)) {
    const urn = canonicalSchemaUrn(key, rs);
    if (urn !== undefined && urn !== rs.core.id) {
      const extension = normaliseExtension(urn, raw, rs, tally);
      if (extension) extensions.set(urn, extension);
    } else if (key.toLowerCase() !== 'schemas') {
      Object.assign(core, normaliseAttributes({ [key]: raw }, rs, rs.core.id, tally));
    }
  }
  tally.check();
  requireCoreAttributes(core, rs);
  const present = rs.extensions.map((e) => e.schema.id).filter((id) => extensions.has(id));
  return { schemas: [rs.core.id, ...present], ...core, ...Object.fromEntries(present.map((id) => [id, extensions.get(id)])) };
}
