import { validate } from '@readme/openapi-parser';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('openapi/scim-bridge.openapi.json', () => {
  it('is a valid OpenAPI 3.1 document (schema and semantics, per @readme/openapi-parser)', async () => {
    const result = await validate(resolve(import.meta.dirname, '../../openapi/scim-bridge.openapi.json'));
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });
});
