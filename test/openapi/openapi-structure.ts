import {
  deref,
  documentedOperations,
  effectiveSecurity,
  isObject,
  objectAt,
  resolvePointer,
  type DocumentedOperation,
  type JsonObject,
} from './openapi-document.js';

/**
 * The structural rules of OpenAPI 3.1 (spec §4) that a hand-written document most easily breaks, checked without a
 * validator package. Each returns human-readable problems; an empty list means the rule holds.
 */

const STATUS_KEY = /^([1-5](\d\d|XX)|default)$/;

/** §4.8.1: `openapi` 3.1.x, `info` with title and version, `paths`; servers here must be relative. */
function documentShape(doc: JsonObject): string[] {
  const problems: string[] = [];
  if (typeof doc.openapi !== 'string' || !/^3\.1\.\d+$/.test(doc.openapi)) problems.push(`openapi must be 3.1.x, is ${String(doc.openapi)}`);
  const info = objectAt(doc, 'info');
  if (typeof info.title !== 'string' || typeof info.version !== 'string') problems.push('info needs a title and a version');
  if (!isObject(doc.paths)) problems.push('paths must be an object');
  const servers = Array.isArray(doc.servers) ? doc.servers : [];
  for (const s of servers) if (!isObject(s) || typeof s.url !== 'string' || !s.url.startsWith('/')) problems.push(`server ${JSON.stringify(s)} is not relative`);
  return problems;
}

/** §4.8.23: every Reference Object (a string `$ref`) is a local pointer that resolves. */
function references(doc: JsonObject): string[] {
  const problems: string[] = [];
  const walk = (node: unknown, at: string): void => {
    if (Array.isArray(node)) node.forEach((v, i) => walk(v, `${at}/${i}`));
    if (!isObject(node)) return;
    for (const [key, value] of Object.entries(node)) {
      // A `$ref` whose value is an object is a property *named* $ref (e.g. a SCIM member's `$ref`), not a reference.
      if (key === '$ref' && typeof value === 'string' && resolvePointer(doc, value) === undefined) problems.push(`${at}: $ref ${value} does not resolve`);
      walk(value, `${at}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`);
    }
  };
  walk(doc, '#');
  return problems;
}

/** §4.8.16–17: a non-empty Responses Object keyed by status codes, each response with a description. */
function responses(doc: JsonObject, op: DocumentedOperation, name: string): string[] {
  const all = op.operation.responses;
  if (!isObject(all) || Object.keys(all).length === 0) return [`${name} has no responses`];
  return Object.entries(all).flatMap(([status, response]) => {
    if (!STATUS_KEY.test(status)) return [`${name} has a response keyed ${status}`];
    const resolved = deref(doc, response);
    return isObject(resolved) && typeof resolved.description === 'string' ? [] : [`${name} response ${status} has no description`];
  });
}

/** §4.8.2, §4.8.12: every `{name}` in the path is declared as a required path parameter, and nothing else is. */
function pathParameters(doc: JsonObject, op: DocumentedOperation, name: string): string[] {
  const problems: string[] = [];
  const lists = [op.pathItem.parameters, op.operation.parameters].map((l) => (Array.isArray(l) ? l.map((p) => deref(doc, p)) : []));
  for (const list of lists) {
    const keys = list.map((p) => (isObject(p) ? `${String(p.in)}:${String(p.name)}` : 'unresolved'));
    const duplicate = keys.find((k, i) => keys.indexOf(k) !== i);
    if (duplicate) problems.push(`${name} declares parameter ${duplicate} twice in one list`);
  }
  const declared = lists.flat().filter((p): p is JsonObject => isObject(p) && p.in === 'path');
  const templated = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  for (const t of templated) if (!declared.some((p) => p.name === t)) problems.push(`${name}: path parameter {${t}} is not declared`);
  for (const p of declared) {
    if (!templated.includes(String(p.name))) problems.push(`${name}: path parameter ${String(p.name)} is not in the path`);
    if (p.required !== true) problems.push(`${name}: path parameter ${String(p.name)} must be required`);
  }
  return problems;
}

/** Security requirements name declared schemes; 429 and 503 say when to retry (an integer Retry-After). */
function securityAndRetry(doc: JsonObject, op: DocumentedOperation, name: string): string[] {
  const schemes = objectAt(objectAt(doc, 'components'), 'securitySchemes');
  const problems = effectiveSecurity(doc, op)
    .flatMap((req) => (isObject(req) ? Object.keys(req) : ['(not an object)']))
    .filter((scheme) => !Object.hasOwn(schemes, scheme))
    .map((scheme) => `${name} requires undeclared security scheme ${scheme}`);
  for (const status of ['429', '503']) {
    const response = deref(doc, objectAt(op.operation, 'responses')[status]);
    if (!isObject(response)) continue;
    const retryAfter = deref(doc, objectAt(response, 'headers')['Retry-After']);
    const schema = isObject(retryAfter) ? deref(doc, retryAfter.schema) : undefined;
    if (!isObject(schema) || schema.type !== 'integer') problems.push(`${name} ${status} must document an integer Retry-After header`);
  }
  return problems;
}

/** Every structural problem of the document; `[]` when it is sound. */
export function structuralProblems(doc: JsonObject): string[] {
  const operations = documentedOperations(doc);
  const ids = operations.map((op) => op.operation.operationId);
  const idProblems = ids.flatMap((id, i) => {
    const name = `${operations[i]?.method} ${operations[i]?.path}`;
    if (typeof id !== 'string' || id === '') return [`${name} has no operationId`];
    return ids.indexOf(id) !== i ? [`operationId ${id} is used twice (again on ${name})`] : [];
  });
  return [
    ...documentShape(doc),
    ...references(doc),
    ...idProblems,
    ...operations.flatMap((op) => {
      const name = `${op.method} ${op.path}`;
      return [...responses(doc, op, name), ...pathParameters(doc, op, name), ...securityAndRetry(doc, op, name)];
    }),
  ];
}
