import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { USER_SCHEMA } from '../../src/scim/resource.js';
import type { IndexedUser, StoredGroup, Store } from '../../src/store/store.js';
import { startFakeHarness, type FakeHarness } from '../support/fake-harness.js';

const TENANT = 'default';
const USERS = 3_000;
/** The most rows a scan reads at once (core/paged-list.ts). */
const SCAN_PAGE = 500;

/** Rows each store read returned, by method: what a request or a reconcile loaded, counted (not timed). */
function countRows(store: Store): { calls: Map<string, number[]>; reset(): void; most(): number; total(): number } {
  const calls = new Map<string, number[]>();
  const wrap = (target: Record<string, unknown>, prefix: string) => {
    for (const [name, fn] of Object.entries(target)) {
      if (typeof fn !== 'function') continue;
      target[name] = async (...args: unknown[]) => {
        const out: unknown = await (fn as (...a: unknown[]) => Promise<unknown>)(...args);
        const rows = Array.isArray(out) ? out.length : out && typeof out === 'object' ? 1 : 0;
        const key = `${prefix}.${name}`;
        calls.set(key, [...(calls.get(key) ?? []), rows]);
        return out;
      };
    }
  };
  wrap(store.users as unknown as Record<string, unknown>, 'users');
  wrap(store.groups as unknown as Record<string, unknown>, 'groups');
  const all = () => [...calls.entries()].filter(([k]) => !k.includes('groupsOfUser')).flatMap(([, v]) => v);
  return {
    calls,
    reset: () => calls.clear(),
    most: () => Math.max(0, ...all()),
    total: () => all().reduce((a, b) => a + b, 0),
  };
}

const at = (i: number) => new Date(Date.UTC(2024, 0, 1) + Math.floor(i / 3) * 1000).toISOString();
/** Index entries with no upstream user behind them; three share each `created`, so ids break the ties. */
const indexed = (from: number, n: number, props: Partial<IndexedUser> = {}): IndexedUser[] =>
  Array.from({ length: n }, (_, k) => {
    const i = from + k;
    const userName = `paged${String(i).padStart(5, '0')}@example.com`;
    return {
      tenant: TENANT,
      id: `id-${(i * 7919) % 100_003}`,
      upstreamId: `gone-${i}`,
      userName,
      externalId: undefined,
      active: true,
      resource: { schemas: [USER_SCHEMA], userName, title: i % 100 === 0 ? 'Centurion' : 'Staff' },
      created: at(i),
      lastModified: at(i),
      deletedAt: undefined,
      ...props,
    };
  });

describe('lists read the index a page at a time', () => {
  let h: FakeHarness;
  let rows: ReturnType<typeof countRows>;
  let order: string[];
  let seeded: IndexedUser[];

  beforeAll(async () => {
    h = await startFakeHarness({ skipReconcile: true });
    const users = (seeded = indexed(0, USERS));
    await h.bridge.store.users.putMany([...users, ...indexed(USERS, 50, { deletedAt: at(USERS) })]);
    const groups: StoredGroup[] = Array.from({ length: 30 }, (_, i) => ({
      tenant: TENANT,
      id: `g-${String(i).padStart(2, '0')}`,
      displayName: `Group ${i}`,
      externalId: undefined,
      resource: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: `Group ${i}` },
      memberIds: users.slice(i * 10, i * 10 + 10).map((u) => u.id),
      created: at(i),
      lastModified: at(i),
    }));
    for (const g of groups) await h.bridge.store.groups.put(g);
    order = (await h.bridge.store.users.listLive(TENANT)).map((u) => u.id);
    rows = countRows(h.bridge.store);
  }, 60_000);
  afterAll(() => h.close());
  beforeEach(() => rows.reset());

  it('answers a page from the middle reading that page and a count, never the whole index', async () => {
    const res = await h.http.get('/Users?startIndex=1501&count=100').expect(200);
    expect(res.body.totalResults).toBe(USERS);
    expect(res.body.Resources.map((u: { id: string }) => u.id)).toEqual(order.slice(1500, 1600));
    expect(rows.calls.has('users.listLive')).toBe(false);
    expect(rows.total()).toBe(100);
  });

  it('counts with count=0 and reads no user', async () => {
    const res = await h.http.get('/Users?count=0').expect(200);
    expect([res.body.totalResults, res.body.Resources.length]).toEqual([USERS, 0]);
    expect(rows.total()).toBe(0);
  });

  it('scans for a filter no index answers a page at a time, keeping only the window', async () => {
    const res = await h.http.get(`/Users?filter=${encodeURIComponent('title eq "centurion"')}&startIndex=11&count=5`).expect(200);
    expect(res.body.totalResults).toBe(USERS / 100);
    expect(res.body.Resources.map((u: { userName: string }) => u.userName)).toEqual([1000, 1100, 1200, 1300, 1400].map((i) => `paged0${i}@example.com`));
    expect(rows.calls.has('users.listLive')).toBe(false);
    expect(rows.most()).toBeLessThanOrEqual(SCAN_PAGE);
    expect(rows.calls.get('users.pageLive')?.length).toBe(USERS / SCAN_PAGE + 1);
  });

  it('a scanned filter on groups or meta is tested on the whole view (group memberships, ETag)', async () => {
    const inGroup = await h.http.get(`/Users?filter=${encodeURIComponent('groups.display eq "Group 3"')}&count=50`).expect(200);
    expect(inGroup.body.Resources.map((u: { id: string }) => u.id).sort()).toEqual(
      seeded
        .slice(30, 40)
        .map((u) => u.id)
        .sort(),
    );
    const versioned = await h.http.get(`/Users?filter=${encodeURIComponent('meta.version pr')}&count=0`).expect(200);
    expect(versioned.body.totalResults).toBe(USERS);
  });

  it('sorts by walking the index too, keeping only sort keys and reading the window again', async () => {
    const res = await h.http.get('/Users?sortBy=userName&sortOrder=descending&startIndex=2&count=3').expect(200);
    expect(res.body.totalResults).toBe(USERS);
    expect(res.body.Resources.map((u: { userName: string }) => u.userName)).toEqual([2998, 2997, 2996].map((i) => `paged0${i}@example.com`));
    expect(rows.calls.has('users.listLive')).toBe(false);
    expect(rows.most()).toBeLessThanOrEqual(SCAN_PAGE);
    expect(rows.calls.get('users.get')).toEqual([1, 1, 1]);
    const byGroup = await h.http.get(`/Users?filter=${encodeURIComponent('title pr')}&sortBy=groups.display&count=2`).expect(200);
    expect(byGroup.body.Resources.map((u: { groups: { display: string }[] }) => u.groups[0]?.display)).toEqual(['Group 0', 'Group 0']);
  });

  it('walks the whole tenant by startIndex, every live user exactly once, unfiltered and filtered', async () => {
    const walk = async (query: string): Promise<string[]> => {
      const ids: string[] = [];
      for (let start = 1; ; start += 700) {
        const res = await h.http.get(`/Users?${query}startIndex=${start}&count=700&attributes=id`).expect(200);
        ids.push(...res.body.Resources.map((u: { id: string }) => u.id));
        if (res.body.Resources.length < 700) return ids;
      }
    };
    expect(await walk('')).toEqual(order);
    expect(await walk(`filter=${encodeURIComponent('title pr')}&`)).toEqual(order);
    expect(new Set(order).size).toBe(USERS);
  });

  it('pages groups the same way', async () => {
    const res = await h.http.get('/Groups?startIndex=11&count=5').expect(200);
    expect(res.body.totalResults).toBe(30);
    expect(res.body.Resources.map((g: { id: string }) => g.id)).toEqual(['g-10', 'g-11', 'g-12', 'g-13', 'g-14']);
    expect(res.body.Resources[0].members).toHaveLength(10);
    expect(rows.calls.has('groups.list')).toBe(false);
    // Five groups, and their members' entries (for the members' display names): ten each.
    expect(rows.calls.get('groups.page')).toEqual([5]);
    expect(rows.calls.get('users.get')).toHaveLength(50);
  });

  it('the root .search asks each type only for its part of the window', async () => {
    const res = await h.bridge.app.inject({
      method: 'POST',
      url: '/scim/v2/.search',
      headers: { authorization: `Bearer ${'test-idp-token-0123456789'}`, 'content-type': 'application/scim+json' },
      payload: { schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'], startIndex: USERS - 1, count: 4 },
    });
    const body = res.json<{ totalResults: number; Resources: { id: string }[] }>();
    expect(body.totalResults).toBe(USERS + 30);
    expect(body.Resources.map((r) => r.id)).toEqual([...order.slice(USERS - 2), 'g-00', 'g-01']);
    expect([rows.calls.get('users.pageLive'), rows.calls.get('groups.page')]).toEqual([[2], [2]]);
    expect(rows.calls.has('users.listLive') || rows.calls.has('groups.list')).toBe(false);
  });

  it('the root .search, sorted, asks each type only for the head of its sorted list', async () => {
    const res = await h.bridge.app.inject({
      method: 'POST',
      url: '/scim/v2/.search',
      headers: { authorization: `Bearer ${'test-idp-token-0123456789'}`, 'content-type': 'application/scim+json' },
      payload: { schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'], sortBy: 'id', sortOrder: 'descending', startIndex: 2, count: 3 },
    });
    const body = res.json<{ totalResults: number; Resources: { id: string }[] }>();
    const everyId = [...order, ...Array.from({ length: 30 }, (_, i) => `g-${String(i).padStart(2, '0')}`)];
    expect(body.totalResults).toBe(USERS + 30);
    expect(body.Resources.map((r) => r.id)).toEqual(everyId.sort().reverse().slice(1, 4));
    // Each type walked a page at a time, keeping sort keys; only the head of each (four) is read again by id.
    expect(rows.calls.has('users.listLive') || rows.calls.has('groups.list')).toBe(false);
    expect(rows.most()).toBeLessThanOrEqual(SCAN_PAGE);
    expect(rows.calls.get('groups.get')?.length).toBe(4);
  });

  it('a reconcile forgets users gone upstream across several pages without loading the index', async () => {
    await h.bridge.reconcileAll();
    expect(await h.bridge.store.users.countLive(TENANT)).toBe(0);
    expect(rows.calls.has('users.listLive')).toBe(false);
    expect(rows.most()).toBeLessThanOrEqual(SCAN_PAGE);
    expect(rows.calls.get('users.remove')?.length).toBe(USERS);
  });
});
