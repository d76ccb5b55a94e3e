import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../../src/scim/deep-freeze.js';
import { canonicalJson, checkPreconditions, notModified, sameContent, stableStringify, versionOf } from '../../../src/scim/etag.js';

describe('ETags (RFC 7644 §3.14)', () => {
  const user = { schemas: ['u'], id: '1', userName: 'a', meta: { created: 'x' } };

  it('is a weak tag that ignores key order and meta, and changes with content', () => {
    const v = versionOf(user);
    expect(v).toMatch(/^W\/".+"$/);
    expect(versionOf({ userName: 'a', id: '1', schemas: ['u'], meta: { created: 'y' } })).toBe(v);
    expect(versionOf({ ...user, userName: 'b' })).not.toBe(v);
  });

  it('If-Match: passes on the current version or *, 412 otherwise', () => {
    const v = versionOf(user);
    expect(() => checkPreconditions(v, { ifMatch: v })).not.toThrow();
    expect(() => checkPreconditions(v, { ifMatch: v.replace('W/', '') })).not.toThrow();
    expect(() => checkPreconditions(v, { ifMatch: '*' })).not.toThrow();
    expect(() => checkPreconditions(v, { ifMatch: 'W/"stale"' })).toThrowError(expect.objectContaining({ status: 412 }));
  });

  it('If-None-Match: 412 on a match for writes; notModified for reads', () => {
    const v = versionOf(user);
    expect(() => checkPreconditions(v, { ifNoneMatch: `W/"other", ${v}` })).toThrowError(expect.objectContaining({ status: 412 }));
    expect(notModified(v, v)).toBe(true);
    expect(notModified(v, 'W/"other"')).toBe(false);
    expect(notModified(v, undefined)).toBe(false);
  });

  it('compares resources by content, whatever the key order; a frozen one is canonicalised once, an open one anew', () => {
    const stored = deepFreeze({ userName: 'a', name: { givenName: 'A', familyName: 'B' }, emails: [{ value: 'a@x', primary: true }] });
    expect(canonicalJson(stored)).toBe(stableStringify(stored));
    expect(sameContent({ emails: [{ primary: true, value: 'a@x' }], name: { familyName: 'B', givenName: 'A' }, userName: 'a' }, stored)).toBe(true);
    expect(sameContent({ ...stored, userName: 'b' }, stored)).toBe(false);
    // Arrays keep their order: it is content.
    expect(sameContent({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    const open: Record<string, string> = { userName: 'a' };
    const before = canonicalJson(open);
    open.userName = 'changed';
    expect(canonicalJson(open)).not.toBe(before);
    expect(sameContent(open, { userName: 'changed' })).toBe(true);
  });
});
