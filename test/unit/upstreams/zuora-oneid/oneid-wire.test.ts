import { describe, expect, it } from 'vitest';
import { dropNulls, listResources } from '../../../../src/upstreams/zuora-oneid/oneid-wire.js';

describe('OneID list responses (docs/upstreams/zuora-oneid.md §5)', () => {
  const envelope = { schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], id: null, externalId: null, meta: null, totalResults: 327 };

  it('reads OneID’s lower-case `resources`', () => {
    expect(listResources({ ...envelope, resources: [{ id: 'u-1', externalId: null }] })).toEqual({ resources: [{ id: 'u-1' }], totalResults: 327 });
  });

  it('reads RFC 7644’s `Resources` too', () => {
    expect(listResources({ ...envelope, Resources: [{ id: 'u-1' }] })).toEqual({ resources: [{ id: 'u-1' }], totalResults: 327 });
  });

  it('reads a body without resources as an empty page of unknown size', () => {
    expect(listResources({ detail: 'nope' })).toEqual({ resources: [], totalResults: undefined });
  });
});

describe('null keys', () => {
  it('are dropped at every depth, null array items included', () => {
    expect(dropNulls({ a: null, b: { c: null, d: 1 }, e: [null, { f: null, g: 'x' }] })).toEqual({ b: { d: 1 }, e: [{ g: 'x' }] });
  });
});
