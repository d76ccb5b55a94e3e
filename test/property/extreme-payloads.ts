import type { RegisteredRoute } from '../openapi/registered-routes.js';
import { extremeFilters } from './filter-text.js';
import { deepArrayText, deepObjectText } from './json-bodies.js';

export const DEPTH = 10_000;
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/** `{..."key": <value nested DEPTH deep>}` around a body that is otherwise valid for the route. */
const deepAt = (prefix: string, key: string): Record<string, string> => ({
  [`"${key}" as nested arrays`]: `{${prefix}"${key}":${deepArrayText(DEPTH, '"x"')}}`,
  [`"${key}" as nested objects`]: `{${prefix}"${key}":${deepObjectText(DEPTH, 'value', '"x"')}}`,
});

const RESOURCE_KEYS = ['userName', 'displayName', 'externalId', 'name', 'emails', 'active', 'members', 'title', ENTERPRISE, 'schemas'];
const SEARCH_KEYS = ['filter', 'startIndex', 'count', 'sortBy', 'sortOrder', 'attributes', 'excludedAttributes'];

/** Bodies built to break recursive code, for the route: whole-body nesting, then nesting under each key it reads. */
export function deepBodies(route: RegisteredRoute): Record<string, string> {
  const bodies: Record<string, string> = { 'nested arrays': deepArrayText(DEPTH), 'nested objects': deepObjectText(DEPTH) };
  if (route.path.endsWith('/.search')) for (const key of SEARCH_KEYS) Object.assign(bodies, deepAt('', key));
  else if (route.method === 'PATCH') {
    Object.assign(bodies, deepAt('', 'Operations'));
    for (const path of ['title', 'active', 'emails', 'members', 'externalId', ENTERPRISE]) {
      Object.assign(bodies, {
        [`an operation on ${path} with a deep value`]: `{"Operations":[{"op":"add","path":"${path}","value":${deepArrayText(DEPTH, '"x"')}}]}`,
      });
    }
    Object.assign(bodies, { 'a deep op': `{"Operations":[{"op":${deepArrayText(DEPTH, '"add"')},"path":"title","value":"x"}]}` });
    Object.assign(bodies, { 'a deep no-path value': `{"Operations":[{"op":"add","value":{"active":${deepArrayText(DEPTH, 'true')}}}]}` });
  } else for (const key of RESOURCE_KEYS) Object.assign(bodies, deepAt('"userName":"deep@example.com","displayName":"Deep",', key));
  return bodies;
}

/** Bodies one byte to half again over the body limit, as one huge string and as many small members. */
export function oversizedBodies(limitBytes: number): Record<string, string> {
  return {
    'a string one byte over the limit': JSON.stringify({ userName: 'x'.repeat(limitBytes) }),
    'a string half again over the limit': JSON.stringify({ userName: '🙂'.repeat(Math.ceil(limitBytes / 2.5)) }),
    'many members over the limit': JSON.stringify({
      displayName: 'Big',
      members: Array.from({ length: Math.ceil(limitBytes / 10) }, (_, i) => ({ value: String(i) })),
    }),
  };
}

/** Bodies just under the limit: the whole request is legal, only the values are absurd. */
export function hugeValidBodies(limitBytes: number): Record<string, string> {
  const n = limitBytes - 200;
  return {
    'a userName just under the limit': JSON.stringify({ userName: `${'u'.repeat(n)}@example.com`, displayName: 'Huge' }),
    'a displayName just under the limit': JSON.stringify({ userName: 'huge@example.com', displayName: 'd'.repeat(n) }),
  };
}

export const deepFilters = (): Record<string, string> => extremeFilters(DEPTH);
