import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../../src/scim/deep-freeze.js';
import { listResponseJson, resourceJson } from '../../../src/scim/json-text.js';
import { listResponse } from '../../../src/scim/list.js';

const user = (n: number) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  id: `u${n}`,
  userName: `ü${n}@example.com`,
  title: undefined,
  emails: [{ value: `"quoted"\n${n}`, primary: true }],
});

describe('JSON text of resources and lists', () => {
  it('is exactly what JSON.stringify gives, for empty, frozen and unfrozen pages', () => {
    for (const page of [listResponse([], 0, 1), listResponse([user(1)], 1, 1), listResponse([deepFreeze(user(2)), user(3)], 9, 4)]) {
      expect(listResponseJson(page)).toBe(JSON.stringify(page));
      expect(JSON.parse(listResponseJson(page))).toEqual(JSON.parse(JSON.stringify(page)));
    }
  });

  it('serialises a frozen resource once; an unfrozen one each time, so a change to it shows', () => {
    const frozen = deepFreeze(user(1));
    expect(resourceJson(frozen)).toBe(JSON.stringify(frozen));
    const open = user(2);
    const before = resourceJson(open);
    open.userName = 'changed@example.com';
    expect(resourceJson(open)).not.toBe(before);
    expect(resourceJson(open)).toContain('changed@example.com');
  });
});
