import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/core/idp-credentials.js';
import { Counter, Gauge, Registry } from 'prom-client';
import { healthLines } from '../../src/http/admin-console/health-view.js';
import { tenantGauges } from '../../src/http/admin-console/metrics-view.js';
import { registerAdminConsole } from '../../src/http/admin-console/routes.js';
import { registerContentTypes } from '../../src/http/plugins/content-types.js';
import { createAdminTokenVerifier } from '../../src/http/routes/admin-routes.js';
import type { AuditEntry } from '../../src/store/store.js';
import { consoleClient, setCookieLine } from '../support/admin-console-client.js';
import { accessibilityProblems, compact } from '../support/console-page-checks.js';
import { captureLogs } from '../support/captured-logs.js';
import { startFakeHarness, TOKEN, type FakeHarness } from '../support/fake-harness.js';
import { user } from '../support/scim-requests.js';

const ADMIN_TOKEN = 'admin-token-for-the-console-0123456789';
const adminTokens = [{ label: 'ops-console', sha256: hashToken(ADMIN_TOKEN) }];
const CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
const HOSTILE = '<script>alert(1)</script>';
const hostileEntry: AuditEntry = {
  tenant: 'default',
  at: '2026-03-01T10:00:00.000Z',
  requestId: `req-"${HOSTILE}`,
  actor: `actor-${HOSTILE}`,
  operation: 'replaceUser',
  resourceType: 'User',
  resourceId: 'u-hostile',
  resourceName: HOSTILE,
  status: 200,
  upstreamCalls: [`PUT /v1/users/${HOSTILE} 200 3ms`],
  changes: [
    { attribute: 'displayName', before: `"><img src=x onerror=alert(2)>`, after: HOSTILE },
    { attribute: 'password', before: null, after: 'hunter2-should-never-show' },
  ],
  detail: HOSTILE,
};

describe('admin console over the bridge (HTTP, no browser)', () => {
  let h: FakeHarness;
  let app: FastifyInstance;

  beforeAll(async () => {
    h = await startFakeHarness({ adminTokens });
    app = h.bridge.app;
    await h.bridge.store.audit.append(hostileEntry);
  });
  afterAll(async () => h.close());

  it('GET /admin leads to the console, which asks for sign-in; security headers on every page', async () => {
    const c = consoleClient(app);
    const admin = await c.get('/admin');
    expect(admin.statusCode).toBe(303);
    expect(admin.headers.location).toBe('/admin/console');
    const home = await c.get('/admin/console');
    expect(home.statusCode).toBe(303);
    expect(home.headers.location).toBe('/admin/console/sign-in');
    for (const url of ['/admin/console/sign-in', '/admin/console/console.css', '/admin/console/no-such-page']) {
      const res = await c.get(url);
      expect(res.headers['content-security-policy'], url).toBe(CSP);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['cache-control']).toBe('no-store');
    }
    const css = await c.get('/admin/console/console.css');
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    const signIn = await c.get('/admin/console/sign-in');
    expect(signIn.headers['content-type']).toMatch(/^text\/html/);
    expect(signIn.body).toContain('<html lang="en">');
    expect(signIn.body).toContain('<label for="token">');
    expect(signIn.body.match(/<h1>/g)).toHaveLength(1);
    expect(signIn.body).not.toMatch(/<script|style=/);
  });

  it('refuses a wrong token and an IdP token: the sign-in page again, 401, no session, the token never echoed', async () => {
    for (const wrong of ['not-the-admin-token-at-all-0000', TOKEN]) {
      const c = consoleClient(app);
      const res = await c.signIn(wrong);
      expect(res.statusCode).toBe(401);
      expect(res.body).toContain('That is not an admin token');
      expect(res.body).toContain('name="token"');
      expect(res.body).not.toContain(wrong);
      expect(setCookieLine(res, 'scim-bridge-console')).toBeUndefined();
      expect((await c.get('/admin/console')).statusCode).toBe(303);
    }
  });

  it('signs in with an admin token: a random HttpOnly, SameSite=Strict cookie on /admin, Secure except to localhost over http', async () => {
    const local = consoleClient(app);
    const res = await local.signIn(ADMIN_TOKEN);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/console');
    const line = setCookieLine(res, 'scim-bridge-console') ?? '';
    expect(line).toMatch(/^scim-bridge-console=[A-Za-z0-9_-]{43}; Path=\/admin; HttpOnly; SameSite=Strict$/);
    expect(line).not.toContain(ADMIN_TOKEN);

    const remote = consoleClient(app, { host: 'bridge.example.com' });
    const secure = await remote.signIn(ADMIN_TOKEN);
    expect(secure.statusCode).toBe(303);
    expect(setCookieLine(secure, 'scim-bridge-console')).toMatch(/; Path=\/admin; HttpOnly; SameSite=Strict; Secure$/);
    // Two sign-ins, two different sessions.
    expect(remote.cookies.get('scim-bridge-console')).not.toBe(local.cookies.get('scim-bridge-console'));
  });

  it('shows the tenants and a tenant page to a signed-in operator, never a token', async () => {
    const c = consoleClient(app);
    await c.signIn(ADMIN_TOKEN);
    const tenants = await c.get('/admin/console');
    expect(tenants.statusCode).toBe(200);
    expect(tenants.body).toContain('href="/admin/console/tenants/default"');
    expect(tenants.body).toContain('Signed in as <strong>ops-console</strong>');
    const tenant = await c.get('/admin/console/tenants/default');
    expect(tenant.statusCode).toBe(200);
    expect(tenant.body).toContain('<h2 id="health">Health</h2>');
    expect(compact(tenant.body)).toMatch(/<dt>upstream<\/dt><dd>fake<\/dd>/);
    expect(compact(tenant.body)).toMatch(/<dt>credentialsAccepted<\/dt><dd>yes<\/dd>/);
    // The bridge's gauges about the tenant, as /metrics has them.
    expect(compact(tenant.body)).toMatch(/<h3>Gauges<\/h3><dl class="health">.*<dt>reconciler_lag_seconds<\/dt><dd>[\d.]+<\/dd>/);
    for (const body of [tenants.body, tenant.body]) {
      expect(body).not.toContain(ADMIN_TOKEN);
      expect(body).not.toContain(TOKEN);
      expect(body).not.toContain(hashToken(ADMIN_TOKEN));
    }
    expect((await c.get('/admin/console/tenants/no-such-tenant')).statusCode).toBe(404);
  });

  it('keeps the accessibility basics on every page', async () => {
    const c = consoleClient(app);
    const pages = [await c.get('/admin/console/sign-in'), await c.signIn('wrong-token-for-a11y-000000')];
    await c.signIn(ADMIN_TOKEN);
    pages.push(
      await c.get('/admin/console'),
      await c.get('/admin/console/tenants/default'),
      await c.get('/admin/console/tenants/default?since=not-a-time'),
      await c.get('/admin/console/no-such-page'),
      await c.post('/admin/console/sign-out', {}),
    );
    expect(pages.map((p) => p.statusCode)).toEqual([200, 401, 200, 200, 400, 404, 403]);
    for (const p of pages) expect(accessibilityProblems(p.body), p.body.slice(0, 300)).toEqual([]);
  });

  it('escapes every hostile audit value and query parameter, and redacts secrets', async () => {
    const c = consoleClient(app);
    await c.signIn(ADMIN_TOKEN);
    const res = await c.get(`/admin/console/tenants/default?resourceName=${encodeURIComponent(HOSTILE)}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.body).toContain('&quot;&gt;&lt;img src=x onerror=alert(2)&gt;');
    expect(res.body).not.toContain('<script');
    expect(res.body).not.toContain('<img');
    expect(res.body).toContain(`value="${'&lt;script&gt;alert(1)&lt;/script&gt;'}"`);
    expect(res.body).not.toContain('hunter2-should-never-show');
    expect(compact(res.body)).toMatch(/<code>password<\/code><\/th><td>\(none\)<\/td><td>→ \[redacted\]<\/td>/);
  });

  it('searches the audit log by user, actor and time: the change before → after and the upstream calls', async () => {
    const created = await h.http.post('/Users', user('kim.search')).expect(201);
    await h.http.put(`/Users/${created.body.id}`, { ...user('kim.search'), displayName: 'Kim Renamed' }).expect(200);
    await h.http.post('/Users', user('someone.else')).expect(201);
    const c = consoleClient(app);
    await c.signIn(ADMIN_TOKEN);
    const res = await c.get('/admin/console/tenants/default?resourceName=KIM.SEARCH&actor=test-idp&since=2000-01-01T00:00&until=');
    expect(res.statusCode).toBe(200);
    const entries = compact(res.body).split('<article class="entry">').slice(1);
    expect(entries.map((e) => /<h3>.*?<\/time> (\w+)/.exec(e)?.[1])).toEqual(['replaceUser', 'createUser']);
    expect(entries[0]).toMatch(/<code>displayName<\/code><\/th><td>[^<]*<\/td><td>→ Kim Renamed<\/td>/);
    expect(entries[1]).toMatch(/<h4>Upstream calls<\/h4>\s*<ul class="calls"><li><code>POST /);
    expect(res.body).not.toContain('someone.else');
    const none = await c.get('/admin/console/tenants/default?resourceName=kim.search&since=2999-01-01T00:00');
    expect(none.body).toContain('No audit entries match.');
    const bad = await c.get('/admin/console/tenants/default?since=yesterday');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('The search could not run');
  });

  it('refuses POSTs without the right CSRF token or from another origin: 403, nothing done', async () => {
    const c = consoleClient(app);
    await c.signIn(ADMIN_TOKEN);
    const csrf = c.csrfOf((await c.get('/admin/console')).body);
    expect((await c.post('/admin/console/sign-out', {})).statusCode).toBe(403);
    expect((await c.post('/admin/console/sign-out', { _csrf: `${csrf.slice(1)}x` })).statusCode).toBe(403);
    expect((await c.post('/admin/console/sign-out', { _csrf: csrf }, { origin: 'https://evil.example' })).statusCode).toBe(403);
    expect((await c.post('/admin/console/sign-out', { _csrf: csrf }, { 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403);
    expect((await c.get('/admin/console')).statusCode).toBe(200);

    // The sign-in form too: its token must match its cookie, and it must come from this origin.
    const fresh = consoleClient(app);
    const form = fresh.csrfOf((await fresh.get('/admin/console/sign-in')).body);
    expect((await fresh.post('/admin/console/sign-in', { _csrf: 'forged', token: ADMIN_TOKEN })).statusCode).toBe(403);
    expect((await fresh.post('/admin/console/sign-in', { _csrf: form, token: ADMIN_TOKEN }, { origin: 'http://evil.example' })).statusCode).toBe(403);
    const cookieless = consoleClient(app);
    expect((await cookieless.post('/admin/console/sign-in', { _csrf: form, token: ADMIN_TOKEN })).statusCode).toBe(403);
    expect(cookieless.cookies.has('scim-bridge-console')).toBe(false);
    // Sec-Fetch-Site decides over Origin: Chromium sends `Origin: null` under Referrer-Policy: no-referrer.
    expect(
      (await fresh.post('/admin/console/sign-in', { _csrf: form, token: ADMIN_TOKEN }, { origin: 'http://localhost', 'sec-fetch-site': 'same-site' }))
        .statusCode,
    ).toBe(403);
    const chromium = await fresh.post('/admin/console/sign-in', { _csrf: form, token: ADMIN_TOKEN }, { origin: 'null', 'sec-fetch-site': 'same-origin' });
    expect(chromium.statusCode).toBe(303);
    // Same origin by Origin alone (no Sec-Fetch-Site), the default port written out or not: accepted.
    const older = consoleClient(app);
    const olderForm = older.csrfOf((await older.get('/admin/console/sign-in')).body);
    expect((await older.post('/admin/console/sign-in', { _csrf: olderForm, token: ADMIN_TOKEN }, { origin: 'http://localhost:80' })).statusCode).toBe(303);
  });

  it('signs out: the session is destroyed server-side, the old cookie opens nothing', async () => {
    const c = consoleClient(app);
    await c.signIn(ADMIN_TOKEN);
    const stolen = c.cookies.get('scim-bridge-console') ?? '';
    const out = await c.post('/admin/console/sign-out', { _csrf: c.csrfOf((await c.get('/admin/console')).body) });
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/admin/console/sign-in');
    expect(setCookieLine(out, 'scim-bridge-console')).toMatch(/^scim-bridge-console=; Path=\/admin; HttpOnly; SameSite=Strict; Max-Age=0$/);
    const replay = await app.inject({ method: 'GET', url: '/admin/console', headers: { cookie: `scim-bridge-console=${stolen}` } });
    expect(replay.statusCode).toBe(303);
    expect(replay.headers.location).toBe('/admin/console/sign-in');
  });

  it('leaves the JSON admin API as it was: a bearer token, and the console cookie does not open it', async () => {
    const c = consoleClient(app);
    await c.signIn(ADMIN_TOKEN);
    const withCookie = await c.get('/admin/audit');
    expect(withCookie.statusCode).toBe(401);
    const bearer = await app.inject({ method: 'GET', url: '/admin/audit?tenant=default', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(bearer.statusCode).toBe(200);
    expect(bearer.json()).toHaveProperty('entries');
  });
});

describe('tenant health lines', () => {
  it('flattens whatever readiness reports, keyed generically, and never shows text named like a secret', () => {
    const lines = healthLines({
      ready: false,
      upstream: 'zscaler-zia',
      credentialsAccepted: true,
      activation: { pending: 2, lastError: null },
      budget: { apiKey: 'sk-should-not-show', remaining: [38, 40] },
      mappingProblems: [],
    });
    expect(lines).toEqual([
      { key: 'ready', value: 'no' },
      { key: 'upstream', value: 'zscaler-zia' },
      { key: 'credentialsAccepted', value: 'yes' },
      { key: 'activation.pending', value: '2' },
      { key: 'activation.lastError', value: '—' },
      { key: 'budget.apiKey', value: '[redacted]' },
      { key: 'budget.remaining', value: '38; 40' },
      { key: 'mappingProblems', value: '(none)' },
    ]);
  });
});

describe('tenant gauges', () => {
  it("reads the tenant's gauges and its upstream's, not another tenant's, and no counter", async () => {
    const registry = new Registry();
    const lag = new Gauge({ name: 'scim_bridge_reconciler_lag_seconds', help: 'h', labelNames: ['tenant'], registers: [registry] });
    lag.set({ tenant: 'acme' }, 12.3456);
    lag.set({ tenant: 'globex' }, 99);
    const budget = new Gauge({ name: 'scim_bridge_upstream_budget_remaining', help: 'h', labelNames: ['upstream', 'endpoint'], registers: [registry] });
    budget.set({ upstream: 'zscaler-zia', endpoint: 'POST /status/activate' }, 38);
    budget.set({ upstream: 'zuora-rest', endpoint: 'GET /v1/users' }, 5);
    new Counter({ name: 'scim_bridge_upstream_calls_total', help: 'h', labelNames: ['tenant'], registers: [registry] }).inc({ tenant: 'acme' });
    expect(await tenantGauges(registry, 'acme', 'zscaler-zia')).toEqual([
      { key: 'reconciler_lag_seconds', value: '12.346' },
      { key: 'upstream_budget_remaining (endpoint=POST /status/activate)', value: '38' },
    ]);
  });
});

describe('admin console logs', () => {
  it('log who signed in and out and each refusal, never a token or a session id', async () => {
    const logs = captureLogs();
    const h = await startFakeHarness({ adminTokens, logger: logs.logger });
    try {
      const c = consoleClient(h.bridge.app);
      await c.signIn('a-wrong-token-that-must-not-be-logged');
      await c.signIn(ADMIN_TOKEN);
      const session = c.cookies.get('scim-bridge-console') ?? '';
      await c.post('/admin/console/sign-out', { _csrf: 'wrong' });
      await c.post('/admin/console/sign-out', { _csrf: c.csrfOf((await c.get('/admin/console')).body) });
      const messages = logs.lines().map((l) => l.msg);
      expect(messages).toEqual(
        expect.arrayContaining([
          'admin console sign-in refused: not an admin token',
          'admin signed in to the console',
          'admin console refused a form',
          'admin signed out of the console',
        ]),
      );
      expect(session).not.toBe('');
      for (const secret of [ADMIN_TOKEN, 'a-wrong-token-that-must-not-be-logged', session]) expect(logs.text()).not.toContain(secret);
    } finally {
      await h.close();
    }
  });
});

describe('admin console without admin tokens', () => {
  it('is not there: 404 like any unknown route', async () => {
    const h = await startFakeHarness();
    try {
      for (const url of ['/admin', '/admin/console', '/admin/console/sign-in']) expect((await h.bridge.app.inject({ url })).statusCode, url).toBe(404);
    } finally {
      await h.close();
    }
  });
});

describe('admin console sessions and sign-in limits (a clock the test moves)', () => {
  const HOUR = 3600_000;
  let t = 0;
  let app: FastifyInstance;
  beforeAll(async () => {
    app = Fastify({ logger: false });
    registerContentTypes(app);
    await registerAdminConsole(app, {
      verifier: createAdminTokenVerifier(adminTokens),
      audit: undefined,
      readiness: undefined,
      tenants: ['t1'],
      now: () => t,
      signInLimit: { max: 3, timeWindowMs: 60_000 },
    });
    await app.ready();
  });
  afterAll(async () => app.close());

  it('expires a session after 8 h idle and 24 h after sign-in however busy', async () => {
    t = 0;
    const idle = consoleClient(app);
    await idle.signIn(ADMIN_TOKEN);
    // Busy every 7 hours: never idle for 8, yet gone 24 hours after sign-in.
    for (const at of [7, 14, 21]) {
      t = at * HOUR;
      expect((await idle.get('/admin/console')).statusCode).toBe(200);
    }
    t = 24 * HOUR - 1;
    expect((await idle.get('/admin/console')).statusCode).toBe(200);
    t = 24 * HOUR;
    expect((await idle.get('/admin/console')).statusCode).toBe(303);

    t = 0;
    const quiet = consoleClient(app);
    await quiet.signIn(ADMIN_TOKEN);
    t = 8 * HOUR - 1;
    expect((await quiet.get('/admin/console')).statusCode).toBe(200);
    t = 16 * HOUR - 1;
    expect((await quiet.get('/admin/console')).statusCode).toBe(303);
  });

  it('limits sign-in attempts per address: the fourth in a minute is refused with 429, as HTML', async () => {
    const limitedApp = Fastify({ logger: false });
    await registerAdminConsole(limitedApp, {
      verifier: createAdminTokenVerifier(adminTokens),
      audit: undefined,
      readiness: undefined,
      tenants: ['t1'],
      signInLimit: { max: 3, timeWindowMs: 60_000 },
    });
    const c = consoleClient(limitedApp);
    for (let i = 0; i < 3; i++) expect((await c.signIn('wrong-token-guess-000000')).statusCode).toBe(401);
    const blocked = await c.signIn(ADMIN_TOKEN);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['content-type']).toMatch(/^text\/html/);
    expect(blocked.body).toContain('Too many sign-in attempts');
    expect(blocked.headers['content-security-policy']).toBe(CSP);
    await limitedApp.close();
  });
});
