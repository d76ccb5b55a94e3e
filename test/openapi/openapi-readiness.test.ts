import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readinessAdminTokens, readyz } from '../support/readiness.js';
import { startZuoraRestHarness, type Harness } from '../support/zuora-rest-harness.js';
import { deref, isObject, loadDocument, objectAt, resolvePointer, type JsonObject } from './openapi-document.js';

/** The document's two shapes of `/readyz` are the ones the bridge sends: the status alone, or the admin's details. */
let h: Harness;
let doc: JsonObject;
beforeAll(async () => {
  h = await startZuoraRestHarness({ adminTokens: readinessAdminTokens });
  doc = loadDocument();
});
afterAll(async () => h.close());

const schema = (name: string): JsonObject => {
  const found = resolvePointer(doc, `#/components/schemas/${name}`);
  if (!isObject(found)) throw new Error(`no schema ${name}`);
  return found;
};
const required = (s: JsonObject): unknown[] => (Array.isArray(s.required) ? s.required : []);

describe('/readyz in the OpenAPI document', () => {
  it('names the admin token as optional, and both answers through the Readiness schema', () => {
    const operation = objectAt(objectAt(objectAt(doc, 'paths'), '/readyz'), 'get');
    expect(operation.security).toEqual([{}, { adminBearer: [] }]);
    for (const status of ['200', '503']) {
      const content = objectAt(objectAt(deref(doc, objectAt(operation, 'responses')[status]) as JsonObject, 'content'), 'application/json');
      expect(objectAt(content, 'schema')).toEqual({ $ref: '#/components/schemas/Readiness' });
    }
    expect(schema('Readiness').oneOf).toEqual([{ $ref: '#/components/schemas/ReadinessStatus' }, { $ref: '#/components/schemas/ReadinessDetails' }]);
  });

  it('the anonymous answer has exactly the members of ReadinessStatus; the admin answer those ReadinessDetails requires', async () => {
    const status = schema('ReadinessStatus');
    expect(status.additionalProperties).toBe(false);
    const anonymous = await readyz(h.bridge.app, null);
    expect(Object.keys(anonymous.body).sort()).toEqual(Object.keys(objectAt(status, 'properties')).sort());
    expect(objectAt(objectAt(status, 'properties'), 'status').enum).toContain(anonymous.body.status);

    const details = schema('ReadinessDetails');
    const admin = await readyz(h.bridge.app);
    expect(Object.keys(admin.body)).toEqual(expect.arrayContaining(required(details) as string[]));
    // …and the admin answer is not also a ReadinessStatus (oneOf: exactly one must match).
    expect(Object.keys(admin.body).some((k) => !Object.hasOwn(objectAt(status, 'properties'), k))).toBe(true);
  });
});
