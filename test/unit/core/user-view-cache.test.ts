import { describe, expect, it } from 'vitest';
import { userViewCache } from '../../../src/core/user-view-cache.js';
import { deepFreeze } from '../../../src/scim/deep-freeze.js';
import type { IndexedUser } from '../../../src/store/store.js';

const BASE = 'https://bridge.example.com/scim/v2';
const stored = (props: Partial<IndexedUser> = {}): IndexedUser => ({
  tenant: 't1',
  id: 'u1',
  upstreamId: 'up-1',
  userName: 'kim@example.com',
  externalId: 'ext-1',
  active: true,
  // As a store hands it out: frozen, shared by every read of the same content.
  resource: deepFreeze({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'kim@example.com', title: 'Engineer' }),
  created: '2026-01-01T00:00:00.000Z',
  lastModified: '2026-01-02T00:00:00.000Z',
  deletedAt: undefined,
  ...props,
});

describe('userViewCache', () => {
  it('renders an unchanged stored user once and shares the frozen view', () => {
    const view = userViewCache();
    const entry = stored();
    const first = view(entry, [], BASE);
    // A fresh entry object around the same shared resource, as the next read of the same row gives.
    const second = view({ ...entry }, [], BASE);
    expect(second).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(first).toMatchObject({ id: 'u1', userName: 'kim@example.com', externalId: 'ext-1', title: 'Engineer', meta: { location: `${BASE}/Users/u1` } });
  });

  it('knows the same frozen entry and group list again by identity, but never an open list changed in place', () => {
    const view = userViewCache();
    const entry = Object.freeze(stored());
    const groups = Object.freeze([Object.freeze({ id: 'g1', displayName: 'Admins' })]);
    const first = view(entry, groups, BASE);
    expect(view(entry, groups, BASE)).toBe(first);
    // The same objects under another base URL: another view.
    expect(view(entry, groups, 'https://other.example.com/scim/v2')).not.toBe(first);
    expect(view(entry, groups, BASE)).toBe(first);

    const open = [{ id: 'g1', displayName: 'Admins' }];
    expect(view(entry, open, BASE).groups?.[0]?.display).toBe('Admins');
    open[0] = { id: 'g1', displayName: 'Renamed' };
    expect(view(entry, open, BASE).groups?.[0]?.display).toBe('Renamed');
  });

  it('renders anew whenever anything the view shows changes', () => {
    const view = userViewCache();
    const entry = stored();
    const first = view(entry, [], BASE);
    const changes: [string, () => ReturnType<typeof view>][] = [
      ['resource', () => view({ ...entry, resource: deepFreeze({ ...entry.resource, title: 'Boss' }) }, [], BASE)],
      ['groups', () => view(entry, [{ id: 'g1', displayName: 'Admins' }], BASE)],
      ['group name', () => view(entry, [{ id: 'g1', displayName: 'Admins 2' }], BASE)],
      ['base URL', () => view(entry, [], 'https://other.example.com/t/a/scim/v2')],
      ['active', () => view({ ...entry, active: false }, [], BASE)],
      ['externalId', () => view({ ...entry, externalId: undefined }, [], BASE)],
      ['userName case', () => view({ ...entry, userName: 'Kim@example.com' }, [], BASE)],
      ['lastModified', () => view({ ...entry, lastModified: '2026-02-01T00:00:00.000Z' }, [], BASE)],
    ];
    const seen = new Set([first]);
    for (const [what, render] of changes) {
      const v = render();
      expect(seen.has(v), `${what} changed but the cached view was returned`).toBe(false);
      seen.add(v);
    }
    expect(view({ ...entry, active: false }, [], BASE).active).toBe(false);
    expect(view(entry, [{ id: 'g1', displayName: 'Admins 2' }], BASE).groups).toEqual([
      { value: 'g1', $ref: `${BASE}/Groups/g1`, display: 'Admins 2', type: 'direct' },
    ]);
    // A changed resource changes the ETag too.
    expect(changes[0]?.[1]().meta?.version).not.toBe(first.meta?.version);
  });

  it('never caches a resource built in memory (not frozen), which its owner may still change', () => {
    const view = userViewCache();
    const entry = stored({ resource: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'kim@example.com', title: 'Engineer' } });
    const first = view(entry, [], BASE);
    entry.resource.title = 'Boss';
    expect(view(entry, [], BASE).title).toBe('Boss');
    expect(Object.isFrozen(first)).toBe(false);
  });
});
