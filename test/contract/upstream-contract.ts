import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { USER_SCHEMA, type ScimUser } from '../../src/scim/resource.js';
import { newUpstreamContext } from '../../src/upstreams/call-record.js';
import { isParkedId, type UpstreamAdapter } from '../../src/upstreams/upstream.js';
import { UpstreamError } from '../../src/upstreams/upstream-error.js';

/** One upstream under test: its adapter, wired to a fresh simulator, and a way to count what reached it. */
export interface UpstreamUnderTest {
  adapter: UpstreamAdapter;
  /** Requests the simulator received since the last reset. */
  upstreamRequests(): number;
  resetUpstreamRequests(): void;
  /**
   * Requests that write (data, not sessions) since the last reset, for an upstream that reads a user before deciding
   * whether to write it (ZIA: its PUT replaces the whole record). Absent: every request counts.
   */
  upstreamWrites?(): number;
  /** Make the simulator fail the next `count` requests with HTTP `status` (429 or 503). */
  failNext(count: number, status: 429 | 503): void;
  close(): Promise<void>;
}

const ctx = () => newUpstreamContext(`contract-${Math.random().toString(36).slice(2)}`);

const scimUser = (userName: string, extra: Partial<ScimUser> = {}): ScimUser => ({
  schemas: [USER_SCHEMA],
  userName,
  name: { givenName: 'Contract', familyName: 'Tester' },
  emails: [{ value: userName, type: 'work', primary: true }],
  active: true,
  ...extra,
});

/**
 * What every upstream adapter must do, whatever the API behind it (docs/architecture.md "One upstream interface"). Each
 * adapter's test file calls this with a factory that wires the adapter to its simulator.
 */
export function describeUpstreamContract(name: string, make: () => Promise<UpstreamUnderTest>): void {
  describe(`upstream contract: ${name}`, () => {
    let u: UpstreamUnderTest;
    beforeEach(async () => {
      u = await make();
      // As `doctor` checks a tenant (this also reads what the mapping names, e.g. ZIA's departments and groups, once).
      await u.adapter.check(ctx());
      expect(await u.adapter.mappingProblems(ctx())).toEqual([]);
    });
    afterEach(async () => u.close());

    it('creates a user and reads it back by its upstream id', async () => {
      const created = await u.adapter.users.create({ user: scimUser('c1@example.com'), groupNames: [] }, ctx());
      expect(created.upstreamId).toBeTruthy();
      const read = await u.adapter.users.get(created.upstreamId, ctx());
      expect(read?.user).toMatchObject({ userName: 'c1@example.com', active: true, name: { givenName: 'Contract', familyName: 'Tester' } });
    });

    it('answers undefined, not an error, for a user that does not exist', async () => {
      expect(await u.adapter.users.get('00000000000000000000000000000000', ctx())).toBeUndefined();
    });

    it('replaces attributes, and active=false reads back inactive', async () => {
      const created = await u.adapter.users.create({ user: scimUser('c2@example.com'), groupNames: [] }, ctx());
      const next = scimUser('c2@example.com', { active: false, name: { givenName: 'Renamed', familyName: 'Tester' } });
      const replaced = await u.adapter.users.replace(created.upstreamId, { user: next, groupNames: [] }, ctx(), created);
      // An upstream without an inactive state may park the user under a new id: the bridge's view is then the truth.
      if (isParkedId(replaced.upstreamId)) {
        expect(u.adapter.users.merge(next, replaced)).toMatchObject({ active: false, name: { givenName: 'Renamed' } });
        return;
      }
      const read = await u.adapter.users.get(replaced.upstreamId, ctx());
      expect(read?.user).toMatchObject({ active: false, name: { givenName: 'Renamed' } });
    });

    it('a replace that changes nothing the upstream holds writes nothing', async () => {
      const created = await u.adapter.users.create({ user: scimUser('c3@example.com'), groupNames: [] }, ctx());
      const current = { upstreamId: created.upstreamId, user: u.adapter.users.merge(scimUser('c3@example.com'), created) };
      u.resetUpstreamRequests();
      await u.adapter.users.replace(created.upstreamId, { user: current.user, groupNames: [] }, ctx(), current);
      expect(u.upstreamWrites?.() ?? u.upstreamRequests()).toBe(0);
    });

    it('DELETE does what the capabilities say', async () => {
      const created = await u.adapter.users.create({ user: scimUser('c4@example.com'), groupNames: [] }, ctx());
      await u.adapter.users.delete(created.upstreamId, ctx());
      const after = await u.adapter.users.get(created.upstreamId, ctx());
      if (u.adapter.capabilities.deleteMode === 'delete') expect(after).toBeUndefined();
      else expect(after?.user.active).toBe(false);
    });

    it('refuses a duplicate userName as a conflict', async () => {
      await u.adapter.users.create({ user: scimUser('dup@example.com'), groupNames: [] }, ctx());
      const again = u.adapter.users.create({ user: scimUser('DUP@example.com'), groupNames: [] }, ctx());
      await expect(again).rejects.toMatchObject({ kind: 'conflict' });
      await expect(again).rejects.toBeInstanceOf(UpstreamError);
    });

    it('lists every user exactly once across pages', async () => {
      for (let i = 0; i < 45; i++) await u.adapter.users.create({ user: scimUser(`page${i}@example.com`), groupNames: [] }, ctx());
      const seen: string[] = [];
      for await (const page of u.adapter.users.list(ctx())) seen.push(...page.map((p) => p.user.userName));
      const ours = seen.filter((n) => n.startsWith('page'));
      expect(ours).toHaveLength(45);
      expect(new Set(ours).size).toBe(45);
    });

    it('merge keeps what the upstream cannot hold and takes what it holds', () => {
      const base = scimUser('m@example.com', {
        externalId: 'kept',
        nickName: 'kept too',
        emails: [
          { value: 'm@example.com', type: 'work', primary: true },
          { value: 'home@example.com', type: 'home' },
        ],
      });
      const merged = u.adapter.users.merge(base, { upstreamId: 'x', user: scimUser('m@example.com', { active: false }) });
      expect(merged).toMatchObject({ externalId: 'kept', nickName: 'kept too', active: false });
      expect(merged.emails?.map((e) => e.value)).toEqual(['m@example.com', 'home@example.com']);
    });

    it('rides out transient 429 and 503 answers by retrying within its budget', async () => {
      u.resetUpstreamRequests();
      u.failNext(2, 429);
      const created = await u.adapter.users.create({ user: scimUser('t1@example.com'), groupNames: [] }, ctx());
      expect(u.upstreamRequests()).toBe(3);
      u.resetUpstreamRequests();
      u.failNext(2, 503);
      expect((await u.adapter.users.get(created.upstreamId, ctx()))?.user.userName).toBe('t1@example.com');
      expect(u.upstreamRequests()).toBe(3);
    });

    it('records every request in the call context', async () => {
      const c = ctx();
      await u.adapter.users.create({ user: scimUser('rec@example.com'), groupNames: [] }, c);
      expect(c.calls.length).toBeGreaterThanOrEqual(1);
      expect(c.calls.every((call) => call.upstream === u.adapter.name && call.status > 0)).toBe(true);
    });
  });
}
