import { readFileSync } from 'node:fs';

/** A JSON object of the OpenAPI document, read without a schema. */
export type JsonObject = { [key: string]: unknown };

/** The operation fields of an OpenAPI 3.1 Path Item (§4.8.9); QUERY and other methods have none. */
export const OPENAPI_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export const DOCUMENT_URL = new URL('../../openapi/scim-bridge.openapi.json', import.meta.url);

export interface DocumentedOperation {
  /** Upper case, as Fastify spells it. */
  method: string;
  path: string;
  pathItem: JsonObject;
  operation: JsonObject;
}

export const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

export function loadDocument(): JsonObject {
  const parsed: unknown = JSON.parse(readFileSync(DOCUMENT_URL, 'utf8'));
  if (!isObject(parsed)) throw new Error(`${DOCUMENT_URL.pathname} is not a JSON object`);
  return parsed;
}

export const objectAt = (owner: JsonObject, key: string): JsonObject => {
  const value = owner[key];
  return isObject(value) ? value : {};
};

/** A local JSON pointer (`#/components/schemas/User`, RFC 6901), or `undefined` when it leads nowhere. */
export function resolvePointer(doc: JsonObject, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(node)) node = node[Number(key)];
    else if (isObject(node) && Object.hasOwn(node, key)) node = node[key];
    else return undefined;
  }
  return node;
}

/** Follow a Reference Object (and any chain of them) to what it names; other values come back as they are. */
export function deref(doc: JsonObject, value: unknown): unknown {
  let current = value;
  for (let hops = 0; isObject(current) && typeof current.$ref === 'string'; hops++) {
    if (hops > 16) return undefined;
    current = resolvePointer(doc, current.$ref);
  }
  return current;
}

export function documentedOperations(doc: JsonObject): DocumentedOperation[] {
  return Object.entries(objectAt(doc, 'paths')).flatMap(([path, item]) => {
    if (!isObject(item)) return [];
    return OPENAPI_METHODS.flatMap((m) => {
      const operation = item[m];
      return isObject(operation) ? [{ method: m.toUpperCase(), path, pathItem: item, operation }] : [];
    });
  });
}

/** The security requirements that apply to an operation (OpenAPI 3.1 §4.8.10: the operation's own override the root's). */
export function effectiveSecurity(doc: JsonObject, op: DocumentedOperation): unknown[] {
  const own = op.operation.security;
  if (Array.isArray(own)) return own;
  return Array.isArray(doc.security) ? doc.security : [];
}
