import { afterEach, describe, expect, it } from 'vitest';
import { ctx, headerOf, idpUser, oneIdHarness, type OneIdHarness } from './harness.js';

let h: OneIdHarness;
afterEach(async () => h.close());

describe('OneID request headers (docs/upstreams/zuora-oneid.md §2)', () => {
  it('sends the request id as Zuora-Track-Id, and OneID echoes it', async () => {
    h = await oneIdHarness();
    await h.adapter.users.create({ user: idpUser('ada@example.com'), groupNames: [] }, ctx('req-7f3a'));

    const [post] = h.seen('POST');
    expect(headerOf(post, 'zuora-track-id')).toBe('req-7f3a');
    expect(post?.responseHeaders?.['zuora-track-id']).toBe('req-7f3a');
  });

  it('sends Zuora-Entity-Ids only when configured', async () => {
    h = await oneIdHarness({ config: { entityId: '1a2b3c4d-0000-4000-8000-00000000e001' } });
    await h.adapter.check(ctx());
    expect(headerOf(h.seen('GET')[0], 'zuora-entity-ids')).toBe('1a2b3c4d-0000-4000-8000-00000000e001');
    await h.close();

    h = await oneIdHarness();
    await h.adapter.check(ctx());
    expect(headerOf(h.seen('GET')[0], 'zuora-entity-ids')).toBeUndefined();
  });
});

describe('gzip both ways', () => {
  it('asks for gzip and reads the gzipped list OneID answers', async () => {
    h = await oneIdHarness();
    h.sim.seedUsers(20);

    const seen: string[] = [];
    for await (const page of h.adapter.users.list(ctx())) seen.push(...page.map((u) => u.user.userName));

    const [list] = h.seen('GET', '/scim/v2/Users');
    expect(headerOf(list, 'accept-encoding')).toBe('gzip');
    expect(list?.responseHeaders?.['content-encoding']).toBe('gzip');
    expect(seen).toHaveLength(20);
  });

  it('gzips a request body over 1000 bytes, and OneID reads it', async () => {
    h = await oneIdHarness();
    const [first, ...rest] = h.sim.seedUsers(30).map((u) => u.id);
    const groups = h.adapter.groups;
    if (!groups) throw new Error('native groups expected');

    const created = await groups.create({ schemas: [], displayName: 'Everyone', members: [first, ...rest].map((value) => ({ value: value ?? '' })) }, ctx());
    await groups.modify(created.upstreamId, { displayName: 'All', addMemberIds: [], removeMemberIds: [] }, ctx());

    const [post] = h.seen('POST');
    const [patch] = h.seen('PATCH');
    expect(headerOf(post, 'content-encoding')).toBe('gzip');
    expect(headerOf(patch, 'content-encoding')).toBeUndefined();
    expect(h.sim.getGroup(created.upstreamId)?.members).toHaveLength(30);
  });
});

describe('check', () => {
  it('fetches a token and reads the ServiceProviderConfig', async () => {
    h = await oneIdHarness();
    await h.adapter.check(ctx());
    expect(h.sim.calls().map((c) => `${c.method} ${c.route}`)).toEqual(['POST /oauth2/token', 'GET /scim/v2/ServiceProviderConfig']);
  });
});
