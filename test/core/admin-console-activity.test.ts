import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hashToken } from '../../src/core/idp-credentials.js';
import { registerAdminConsole } from '../../src/http/admin-console/routes.js';
import { registerContentTypes } from '../../src/http/plugins/content-types.js';
import { createAdminTokenVerifier } from '../../src/http/routes/admin-routes.js';
import { consoleClient } from '../support/admin-console-client.js';
import { accessibilityProblems, compact } from '../support/console-page-checks.js';
import { startFakeHarness, type FakeHarness } from '../support/fake-harness.js';
import { user } from '../support/scim-requests.js';

const ADMIN_TOKEN = 'admin-token-for-the-activity-charts-0123';

describe("the tenant page's activity charts (this replica, last hour)", () => {
  let h: FakeHarness;

  beforeAll(async () => {
    h = await startFakeHarness({ adminTokens: [{ label: 'ops-charts', sha256: hashToken(ADMIN_TOKEN) }] });
  });
  afterAll(async () => h.close());

  it('counts the SCIM requests the tenant made by status, and shows them as charts with their numbers in text', async () => {
    const c = consoleClient(h.bridge.app);
    await c.signIn(ADMIN_TOKEN);
    const before = compact((await c.get('/admin/console/tenants/default')).body);
    expect(before).toContain('0 SCIM requests in the last hour, no errors.');
    expect(before).toContain('nothing to show');

    await h.http.post('/Users', user('charts.kim')).expect(201);
    await h.http.post('/Users', user('charts.kim')).expect(409);
    await h.http.get('/Users/no-such-id').expect(404);

    const page = await c.get('/admin/console/tenants/default');
    expect(page.statusCode).toBe(200);
    const body = compact(page.body);
    expect(body).toContain('<h2 id="activity">Activity</h2>');
    expect(body).toContain('This replica, last hour');
    expect(body).toContain('3 SCIM requests in the last hour, 2 errors (404×1, 409×1).');
    expect(body).toContain('2 errors: 404×1, 409×1.');
    for (const id of ['chart-requests', 'chart-errors', 'chart-upstream', 'chart-budgets']) {
      expect(body).toMatch(
        new RegExp(`<svg class="chart-svg" role="img" viewBox="0 0 600 \\d+" aria-labelledby="${id}-title" aria-describedby="${id}-summary">`),
      );
      expect(body).toContain(`<figcaption id="${id}-summary">`);
    }
    // The fake upstream reports no budgets.
    expect(body).toContain('This upstream reports no budgets.');
    // Two upstream calls: the start-up reconcile's listing (background work counts too) and the create's; the 409 and
    // the 404 were answered from the index.
    expect(body).toContain('2 upstream calls in all (background work included), none failed.');
    expect(body).toMatch(/<li><span class="swatch s-ok"><\/span>2xx<\/li><li><span class="swatch s-client"><\/span>4xx<\/li>/);
    expect(body).not.toMatch(/<script|style=/);
    expect(accessibilityProblems(page.body)).toEqual([]);
  });
});

describe('the activity history samples every minute on its own (a clock and timers the test moves)', () => {
  it("puts each minute's requests in that minute's column, not all in the minute the page is read", async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const MINUTE = 60_000;
    let t = Date.UTC(2026, 11, 7, 10, 0, 0);
    const app = Fastify({ logger: false });
    try {
      registerContentTypes(app);
      // Stands in for the SCIM routes: a request its credential placed in tenant t1, answered with the status asked.
      app.get('/scim-like/:status', (request, reply) => {
        request.idp = { tenant: 't1', label: 't1-idp', sha256: hashToken('t1-token') };
        return reply.code(Number((request.params as { status: string }).status)).send({});
      });
      await registerAdminConsole(app, {
        verifier: createAdminTokenVerifier([{ label: 'ops', sha256: hashToken(ADMIN_TOKEN) }]),
        audit: undefined,
        readiness: undefined,
        tenants: ['t1'],
        now: () => t,
      });
      await app.ready();
      await app.inject({ url: '/scim-like/201' });
      t += MINUTE;
      vi.advanceTimersByTime(MINUTE);
      await app.inject({ url: '/scim-like/503' });
      await app.inject({ url: '/scim-like/503' });
      t += MINUTE;
      vi.advanceTimersByTime(MINUTE);

      const c = consoleClient(app);
      await c.signIn(ADMIN_TOKEN);
      const body = compact((await c.get('/admin/console/tenants/t1')).body);
      expect(body).toContain('3 SCIM requests in the last hour, 2 errors (503×2).');
      // The tallest minute holds 2: the 503s' column (the later minute) is full height, the 201's half of it.
      const columns = [...body.matchAll(/<rect class="(s-ok|s-server)" x="([\d.]+)" y="[\d.]+" width="[\d.]+" height="([\d.]+)"/g)].slice(0, 2);
      expect(columns.map((m) => [m[1], Number(m[3])])).toEqual([
        ['s-ok', 69],
        ['s-server', 138],
      ]);
      expect(Number(columns[0]?.[2])).toBeLessThan(Number(columns[1]?.[2]));
    } finally {
      vi.useRealTimers();
      await app.close();
    }
  });
});
