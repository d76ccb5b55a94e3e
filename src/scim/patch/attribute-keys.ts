import type { JsonObject, JsonValue } from '../resource.js';

/**
 * Case-insensitive access to the keys of a resource or complex value. Attribute names are case-insensitive
 * (RFC 7643 §2.1), so `Emails` and `emails` are one attribute: reads find either spelling, writes store the schema's
 * canonical name and drop the other spellings so the result never holds the attribute twice.
 */

/** The key of `obj` naming `name`, preferring an exact match. */
export function findKey(obj: JsonObject, name: string): string | undefined {
  if (Object.hasOwn(obj, name)) return name;
  const lower = name.toLowerCase();
  return Object.keys(obj).find((k) => k.toLowerCase() === lower);
}

export function getAttr(obj: JsonObject, name: string): JsonValue | undefined {
  const key = findKey(obj, name);
  return key === undefined ? undefined : obj[key];
}

/** Remove every spelling of `name`; true when something was there. */
export function deleteAttr(obj: JsonObject, name: string): boolean {
  const lower = name.toLowerCase();
  let found = false;
  for (const k of Object.keys(obj)) {
    if (k.toLowerCase() !== lower) continue;
    delete obj[k];
    found = true;
  }
  return found;
}

/** Store `value` under the canonical `name`, replacing any other spelling of it. */
export function setAttr(obj: JsonObject, name: string, value: JsonValue): void {
  const lower = name.toLowerCase();
  for (const k of Object.keys(obj)) if (k !== name && k.toLowerCase() === lower) delete obj[k];
  obj[name] = value;
}
