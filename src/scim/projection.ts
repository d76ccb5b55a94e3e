import { isJsonObject, type JsonObject, type JsonValue } from './resource.js';
import { type ResourceSchema, schemaIds, splitSchemaUrn } from './schemas/index.js';

/**
 * `attributes` / `excludedAttributes` (RFC 7644 §3.4.2.5, §3.9). Attribute names are matched case-insensitively and
 * may be URN-qualified or name sub-attributes (`name.givenName`, `emails.value`). `id` and `schemas` are always
 * returned (`returned: always`), whatever is asked.
 */
export interface Projection {
  attributes: string[];
  excludedAttributes: string[];
}

const ALWAYS = new Set(['id', 'schemas']);

export function parseAttributeList(raw: unknown): string[] {
  const text = Array.isArray(raw) ? raw.filter((s) => typeof s === 'string').join(',') : typeof raw === 'string' ? raw : '';
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** A requested path as [container key or undefined for core, attribute, sub-attribute?], all lower case. */
interface PathRef {
  container: string | undefined;
  attribute: string;
  sub: string | undefined;
}

function toRef(raw: string, schema: ResourceSchema): PathRef | undefined {
  // `attributes` names attributes, not values (RFC 7644 §3.4.2.5); a value filter some clients add
  // (`emails[type eq "work"]`, Microsoft's collection) is read as the attribute it filters.
  const path = raw.replace(/\[[^\]]*\]/g, '');
  const { schemaId, rest } = splitSchemaUrn(path, schemaIds(schema));
  const container = schemaId && schemaId !== schema.core.id ? schemaId.toLowerCase() : undefined;
  if (rest === '') return container ? { container: undefined, attribute: container, sub: undefined } : undefined;
  const [attribute, sub] = rest.toLowerCase().split('.');
  return attribute ? { container, attribute, sub } : undefined;
}

function pickSubs(value: JsonValue | undefined, subs: Set<string>): JsonValue | undefined {
  const pick = (o: JsonValue): JsonValue =>
    isJsonObject(o) ? (Object.fromEntries(Object.entries(o).filter(([k]) => subs.has(k.toLowerCase()))) as JsonObject) : o;
  if (Array.isArray(value)) return value.map(pick);
  return value === undefined ? undefined : pick(value);
}

function dropSubs(value: JsonValue | undefined, subs: Set<string>): JsonValue | undefined {
  const drop = (o: JsonValue): JsonValue =>
    isJsonObject(o) ? (Object.fromEntries(Object.entries(o).filter(([k]) => !subs.has(k.toLowerCase()))) as JsonObject) : o;
  if (Array.isArray(value)) return value.map(drop);
  return value === undefined ? undefined : drop(value);
}

/** Apply the projection to one object level (the resource itself or one extension object). */
function projectLevel(obj: JsonObject, refs: PathRef[], mode: 'include' | 'exclude', topLevel: boolean): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(obj)) {
    const lower = key.toLowerCase();
    if (topLevel && ALWAYS.has(lower)) {
      out[key] = value;
      continue;
    }
    const whole = refs.some((r) => r.attribute === lower && r.sub === undefined);
    const subs = new Set(refs.filter((r) => r.attribute === lower && r.sub !== undefined).map((r) => r.sub as string));
    if (mode === 'include') {
      if (whole) out[key] = value;
      else if (subs.size > 0) out[key] = pickSubs(value, subs);
    } else if (!whole) {
      out[key] = subs.size > 0 ? dropSubs(value, subs) : value;
    }
  }
  return out;
}

export function applyProjection<T extends JsonObject>(resource: T, projection: Projection, schema: ResourceSchema): T {
  const mode = projection.attributes.length > 0 ? 'include' : projection.excludedAttributes.length > 0 ? 'exclude' : undefined;
  if (!mode) return resource;
  const paths = mode === 'include' ? projection.attributes : projection.excludedAttributes;
  const refs = paths.map((p) => toRef(p, schema)).filter((r): r is PathRef => r !== undefined);
  const out = projectLevel(
    resource,
    refs.filter((r) => r.container === undefined),
    mode,
    true,
  );
  // Extension objects: project their inside with the paths that name that extension.
  for (const [key, value] of Object.entries(resource)) {
    const inner = refs.filter((r) => r.container === key.toLowerCase());
    if (!isJsonObject(value) || inner.length === 0) continue;
    const projected = projectLevel(value, inner, mode, false);
    if (mode === 'exclude' || Object.keys(projected).length > 0) out[key] = projected;
  }
  return out as T;
}
