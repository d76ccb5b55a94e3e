import { describe, expect, it } from 'vitest';
import { CONTROL_PREFIX } from '../src/control-routes.js';
import { allPages, workspace } from './google-workspace-helper.js';

const USERS = 'GET /admin/directory/v1/users';

describe('Google Workspace simulator: faults', () => {
  it('answers Google’s quota errors: 403 userRateLimitExceeded and quotaExceeded, 429 rateLimitExceeded', async () => {
    const { sim, get } = workspace();
    sim.failQuota(1, 'userRateLimitExceeded', USERS);
    sim.failQuota(1, 'quotaExceeded', USERS);
    sim.failQuota(1, 'rateLimitExceeded', USERS);
    const answers = [];
    for (let i = 0; i < 4; i += 1) answers.push(await get('/users', { customer: 'my_customer' }));
    expect(answers.map((a) => a.statusCode)).toEqual([403, 403, 429, 200]);
    expect(answers[0]?.json()).toEqual({
      error: {
        code: 403,
        message: expect.any(String),
        errors: [{ message: expect.any(String), domain: 'usageLimits', reason: 'userRateLimitExceeded' }],
        status: 'PERMISSION_DENIED',
      },
    });
    expect(answers[1]?.json()).toMatchObject({ error: { code: 403, errors: [{ domain: 'usageLimits', reason: 'quotaExceeded' }] } });
    expect(answers[2]?.json()).toMatchObject({
      error: { code: 429, errors: [{ domain: 'usageLimits', reason: 'rateLimitExceeded' }], status: 'RESOURCE_EXHAUSTED' },
    });
    expect(sim.calls().map((c) => c.fault)).toEqual(['respond', 'respond', 'respond', undefined]);
  });

  it('words injected 429s and 5xx as Google does, and spares the token endpoint by default', async () => {
    const { sim, get } = workspace();
    sim.faults.failNext(1, { kind: 'serverError', status: 503 });
    sim.faults.failNext(1, { kind: 'rateLimit', retryAfterSeconds: 2 });
    const unavailable = await get('/groups', { customer: 'my_customer' });
    expect(unavailable.statusCode).toBe(503);
    expect(unavailable.json()).toMatchObject({ error: { code: 503, errors: [{ reason: 'backendError' }], status: 'UNAVAILABLE' } });
    const limited = await get('/groups', { customer: 'my_customer' });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('2');
    expect(limited.json()).toMatchObject({ error: { errors: [{ reason: 'rateLimitExceeded' }] } });
    sim.faults.failNext(1, { kind: 'serverError', status: 500 });
    const token = await sim.app.inject({
      method: 'POST',
      url: '/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'grant_type=x',
    });
    expect(token.statusCode).toBe(400);
  });

  it('fails the third page of a listing once; the snapshot retried from that page completes', async () => {
    const { sim, get } = workspace({ seed: { users: 50, groups: 2 } });
    sim.failPage(USERS, 3, 503);
    const query = { customer: 'my_customer', maxResults: '10' };
    await expect(allPages((q) => get('/users', q), 'users', query)).rejects.toThrow(/^page 3: 503 .*backendError/);
    const statuses = sim.calls().map((c) => c.status);
    expect(statuses).toEqual([200, 200, 503]);
    const pages = await allPages((q) => get('/users', q), 'users', query);
    expect(pages.flat()).toHaveLength(50);
    expect(sim.pendingPageFailures()).toEqual([]);
  });

  it('fails a page with a quota reason, and only the listing named', async () => {
    const { sim, get } = workspace({ seed: { users: 30, groups: 3 } });
    sim.failPage('GET /admin/directory/v1/groups/:groupKey/members', 2, 403, 'quotaExceeded');
    expect((await allPages((q) => get('/users', q), 'users', { customer: 'my_customer', maxResults: '10' })).flat()).toHaveLength(30);
    const group = sim.groups()[0]?.id ?? '';
    const first = (await get(`/groups/${group}/members`, { maxResults: '2' })).json<{ nextPageToken: string }>();
    const second = await get(`/groups/${group}/members`, { maxResults: '2', pageToken: first.nextPageToken });
    expect(second.statusCode).toBe(403);
    expect(second.json()).toMatchObject({ error: { code: 403, errors: [{ domain: 'usageLimits', reason: 'quotaExceeded' }] } });
  });

  it('offers seeding, console edits, page failures and quota faults on its control surface', async () => {
    const { sim, get } = workspace();
    const post = (url: string, payload: unknown) => sim.app.inject({ method: 'POST', url: `${CONTROL_PREFIX}${url}`, payload: payload as object });
    expect((await post('/directory/seed', { users: 40, groups: 3 })).statusCode).toBe(200);
    expect(sim.users()).toHaveLength(40);
    const plain = sim.users().find((u) => !u.isAdmin)?.primaryEmail ?? '';
    const suspend = await sim.app.inject({ method: 'PATCH', url: `${CONTROL_PREFIX}/users/${plain}`, payload: { suspended: true } });
    expect(suspend.json()).toMatchObject({ suspended: true });
    expect((await sim.app.inject({ method: 'PATCH', url: `${CONTROL_PREFIX}/users/nobody@example.com`, payload: { suspended: true } })).statusCode).toBe(404);
    expect((await post('/faults/quota', { count: 1, reason: 'quotaExceeded' })).statusCode).toBe(200);
    expect((await post('/page-failures', { route: USERS, page: 1, status: 500 })).statusCode).toBe(200);
    const token = sim.issueToken();
    const quota = await get('/users', { customer: 'my_customer' }, token);
    expect(quota.statusCode).toBe(403);
    expect((await get('/users', { customer: 'my_customer' }, token)).statusCode).toBe(500);
    const state = (await sim.app.inject({ method: 'GET', url: `${CONTROL_PREFIX}/state` })).json<Record<string, unknown>>();
    expect(state).toMatchObject({ customer: { id: 'C0abc123', domain: 'example.com' } });
    expect(JSON.stringify(state)).not.toContain('PRIVATE KEY');
  });
});
