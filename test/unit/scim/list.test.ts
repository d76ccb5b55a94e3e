import { describe, expect, it } from 'vitest';
import { parseListParams, sortResources, toListResponse } from '../../../src/scim/list.js';
import type { JsonObject } from '../../../src/scim/resource.js';
import { userResourceSchema } from '../../../src/scim/schemas/index.js';
import { rfcSample } from '../../support/rfc-samples.js';

const schema = userResourceSchema();
const limits = { defaultCount: 100, maxCount: 1000 };
const users = (names: string[]): JsonObject[] => names.map((n, i) => ({ id: `id-${i}`, userName: n }));

describe('paging (RFC 7644 §3.4.2.4)', () => {
  it('is 1-based and echoes startIndex', () => {
    const page = toListResponse(users(['a', 'b', 'c', 'd']), parseListParams({ startIndex: '2', count: '2' }, limits));
    expect(page.Resources.map((r) => r.userName)).toEqual(['b', 'c']);
    expect(page).toMatchObject({ totalResults: 4, startIndex: 2, itemsPerPage: 2 });
  });

  it('reads startIndex below 1 as 1 and a negative count as 0', () => {
    expect(parseListParams({ startIndex: '0', count: '-5' }, limits)).toMatchObject({ startIndex: 1, count: 0 });
  });

  it('count=0 returns totals only with an empty Resources array', () => {
    const page = toListResponse(users(['a', 'b']), parseListParams({ count: 0 }, limits));
    expect(page).toEqual({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 2, startIndex: 1, itemsPerPage: 0, Resources: [] });
  });

  it('answers an empty page past the end with Resources: []', () => {
    const page = toListResponse(users(['a']), parseListParams({ startIndex: 5 }, limits));
    expect(page.Resources).toEqual([]);
    expect(page.totalResults).toBe(1);
  });

  it('reduces count above the maximum and applies the default when absent', () => {
    expect(parseListParams({ count: '5000' }, limits).count).toBe(1000);
    expect(parseListParams({}, limits).count).toBe(100);
  });

  it('rejects non-integer paging values with invalidValue', () => {
    expect(() => parseListParams({ count: 'ten' }, limits)).toThrowError(/count must be an integer/);
    expect(() => parseListParams({ sortOrder: 'sideways' }, limits)).toThrowError(/sortOrder/);
  });

  it('has the shape of the RFC example list response', () => {
    const sample = rfcSample<{ totalResults: number; Resources: JsonObject[] }>('rfc7644-3.4.2-list_response-partial_attributes');
    const page = toListResponse(sample.Resources, parseListParams({}, limits));
    expect(page.totalResults).toBe(sample.totalResults);
    expect(page.Resources).toEqual(sample.Resources);
    expect(Number.isInteger(page.itemsPerPage)).toBe(true);
  });
});

describe('sorting (RFC 7644 §3.4.2.3)', () => {
  it('sorts case-insensitively for caseExact=false attributes, before paging', () => {
    const all = users(['carol', 'Bob', 'alice', 'Dave']);
    const params = parseListParams({ sortBy: 'userName', count: 2 }, limits);
    expect(toListResponse(sortResources(all, params, schema), params).Resources.map((r) => r.userName)).toEqual(['alice', 'Bob']);
  });

  it('sorts descending, with missing values first (they are "greater")', () => {
    const all: JsonObject[] = [{ id: '1', title: 'b' }, { id: '2' }, { id: '3', title: 'a' }];
    const params = parseListParams({ sortBy: 'title', sortOrder: 'descending' }, limits);
    expect(sortResources(all, params, schema).map((r) => r.id)).toEqual(['2', '1', '3']);
  });

  it('sorts a multi-valued attribute by its primary value', () => {
    const all: JsonObject[] = [
      {
        id: '1',
        emails: [
          { value: 'z@x', primary: false },
          { value: 'b@x', primary: true },
        ],
      },
      { id: '2', emails: [{ value: 'a@x' }] },
    ];
    expect(sortResources(all, parseListParams({ sortBy: 'emails' }, limits), schema).map((r) => r.id)).toEqual(['2', '1']);
  });

  it('keeps the input order for equal keys (stable)', () => {
    const all: JsonObject[] = [
      { id: 'x', title: 't' },
      { id: 'y', title: 'T' },
      { id: 'z', title: 't' },
    ];
    expect(sortResources(all, parseListParams({ sortBy: 'title' }, limits), schema).map((r) => r.id)).toEqual(['x', 'y', 'z']);
  });

  it('sorts by a sub-attribute path', () => {
    const all: JsonObject[] = [
      { id: '1', name: { familyName: 'Zed' } },
      { id: '2', name: { familyName: 'Abe' } },
    ];
    expect(sortResources(all, parseListParams({ sortBy: 'name.familyName' }, limits), schema).map((r) => r.id)).toEqual(['2', '1']);
  });
});
