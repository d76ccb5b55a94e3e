/**
 * Attribute values as IdPs send them → values of the shape the schema declares (RFC 7643 §2.3–2.4). A result of
 * `undefined` means "unassigned": RFC 7643 §2.5 treats null and an absent attribute alike.
 */
import { toSimpleValue } from '../../scim/patch/values.js';
import { previewValue } from '../../scim/value-preview.js';
import { invalidValue } from '../../scim/errors.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../../scim/resource.js';
import type { AttributeDefinition } from '../../scim/schemas/index.js';
import { findAttribute } from './keys.js';

/**
 * `true`/`false`, or the strings Entra's default job and Microsoft's collection send (`"True"`, `"False"`, also
 * `"true"`/`"false"`; docs/idps.md §1, §8.3). Anything else is an `invalidValue` error naming `where`.
 */
export function toBoolean(value: JsonValue, where: string): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const text = value.trim().toLowerCase();
    if (text === 'true') return true;
    if (text === 'false') return false;
  }
  throw invalidValue(`${where} must be a boolean (true or false), got ${previewValue(value)}`);
}

/** A leaf value (an attribute that is not complex, or a sub-attribute). */
export function normaliseSimple(def: AttributeDefinition, value: JsonValue | undefined, where: string): JsonValue | undefined {
  if (value === null || value === undefined) return undefined;
  if (def.type === 'boolean') return toBoolean(value, where);
  return toSimpleValue(def, value, where);
}

/**
 * Sub-attribute names clients use for a standard one. Microsoft's reference collection names a member's
 * `display` `displayName` (`{"displayName": "new User", "value": "…"}`).
 */
const SUB_ATTRIBUTE_ALIASES: Record<string, string> = { displayname: 'display' };

/**
 * One value of a complex attribute: sub-attribute names canonicalised, unknown ones dropped (RFC 7644 §3.3), nulls
 * removed. A bare string stands for `{value}`: Entra's manager `"<id>"`, the collection's member `"string id 1"`.
 */
export function normaliseComplex(def: AttributeDefinition, value: JsonValue | undefined, where: string): JsonObject | undefined {
  if (value === null || value === undefined) return undefined;
  const hasValueSub = findAttribute(def.subAttributes, 'value') !== undefined;
  if (typeof value === 'string' && hasValueSub) {
    return value === '' ? undefined : { value };
  }
  if (!isJsonObject(value)) throw invalidValue(`${where} must be an object, got ${previewValue(value)}`);
  const out: JsonObject = {};
  for (const [key, raw] of Object.entries(value)) {
    const alias = SUB_ATTRIBUTE_ALIASES[key.toLowerCase()];
    const direct = findAttribute(def.subAttributes, key);
    // An alias only stands in when the standard name was not sent as well.
    const sub = direct ?? (alias && !Object.keys(value).some((k) => k.toLowerCase() === alias) ? findAttribute(def.subAttributes, alias) : undefined);
    if (!sub) continue;
    const v = normaliseSimple(sub, raw, `${where}.${sub.name}`);
    if (v !== undefined) out[sub.name] = v;
  }
  // An emptied single-valued reference (Entra clears `manager` with an empty value) is no value at all.
  if (!def.multiValued && out['value'] === '') delete out['value'];
  return Object.keys(out).length === 0 ? undefined : out;
}

/**
 * A whole attribute value. Multi-valued attributes always come back as arrays: a single object (OneLogin's
 * `emails: {value…}`) or a bare string becomes a one-element array, bare strings in a complex array become
 * `{value}`. A single-valued complex attribute sent as a one-element array (Entra's old `manager: [{value}]`) is
 * unwrapped.
 */
export function normaliseAttributeValue(def: AttributeDefinition, value: JsonValue | undefined, where: string): JsonValue | undefined {
  if (value === null || value === undefined) return undefined;
  const one = (v: JsonValue, at: string): JsonValue | undefined => (def.type === 'complex' ? normaliseComplex(def, v, at) : normaliseSimple(def, v, at));
  if (def.multiValued) {
    if (!Array.isArray(value)) {
      const single = one(value, where);
      return single === undefined ? undefined : [single];
    }
    return value.flatMap((v, i) => {
      const n = one(v, `${where}[${i}]`);
      return n === undefined ? [] : [n];
    });
  }
  if (def.type === 'complex' && Array.isArray(value)) {
    if (value.length > 1) throw invalidValue(`${where} is single-valued but ${value.length} values were sent`);
    return value[0] === undefined ? undefined : normaliseComplex(def, value[0], where);
  }
  return one(value, where);
}
