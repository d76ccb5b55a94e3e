import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/core/idp-credentials.js';
import { consoleClient, type ConsoleClient } from '../support/admin-console-client.js';
import { accessibilityProblems, compact } from '../support/console-page-checks.js';
import { startFakeHarness, type FakeHarness } from '../support/fake-harness.js';
import { user } from '../support/scim-requests.js';

/*
 * The console's pages that ask a tenant's upstream (issue 14, item 1): drift and plan, computed only when asked, and
 * the mapping preview. Over the fake upstream, whose every request is counted: neither page may write.
 */

const ADMIN_TOKEN = 'admin-token-for-the-upstream-pages-0123456789';
const HOSTILE = '<script>alert(1)</script>';
const PLAN = '/admin/console/tenants/default/plan';
const MAPPING = '/admin/console/tenants/default/mapping';

let h: FakeHarness;
/** Requests to the fake tenant other than reads: any would be a write. */
const upstreamWrites = () => h.sim.calls.filter((c) => c.method !== 'GET' && c.method !== 'HEAD').length;

async function signedIn(): Promise<ConsoleClient & { csrf: string }> {
  const c = consoleClient(h.bridge.app);
  await c.signIn(ADMIN_TOKEN);
  return Object.assign(c, { csrf: c.csrfOf((await c.get('/admin/console')).body) });
}

/** The rows of the plan's table of upstream writes, as text per cell. */
const planRows = (body: string): string[][] =>
  [...(compact(body).split('<caption> Upstream writes </caption>')[1] ?? '').split('</tbody>')[0]!.matchAll(/<tr>(.*?)<\/tr>/g)]
    .slice(1)
    .map((row) => [...row[1]!.matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/g)].map((cell) => cell[1]!.replace(/<[^>]+>/g, '').trim()));

beforeAll(async () => {
  h = await startFakeHarness({ adminTokens: [{ label: 'ops-plan', sha256: hashToken(ADMIN_TOKEN) }], upstream: { groupRoles: { Admins: 'admin' } } });
});
afterAll(async () => h.close());

describe('the tenant page', () => {
  it('links to the drift and plan page and to the mapping preview', async () => {
    const c = await signedIn();
    const tenant = await c.get('/admin/console/tenants/default');
    expect(tenant.body).toContain(`<a href="${PLAN}">Drift and plan</a>`);
    expect(tenant.body).toContain(`<a href="${MAPPING}">Mapping preview</a>`);
  });
});

describe('drift and plan', () => {
  it('GET shows the form only: no upstream request until the operator asks', async () => {
    const c = await signedIn();
    const before = h.sim.calls.length;
    const res = await c.get(PLAN);
    expect(res.statusCode).toBe(200);
    expect(compact(res.body)).toContain(`<form class="search" method="post" action="${PLAN}"><input type="hidden" name="_csrf" value="${c.csrf}" />`);
    expect(res.body).toContain('<button type="submit">Compute plan</button>');
    expect(res.body).not.toContain('<h2 id="plan">');
    expect(h.sim.calls.length).toBe(before);
  });

  it('refuses a POST without the CSRF token or from another site, and one without a session, reading nothing', async () => {
    const c = await signedIn();
    const before = h.sim.calls.length;
    expect((await c.post(PLAN, {})).statusCode).toBe(403);
    expect((await c.post(PLAN, { _csrf: `${c.csrf}x` })).statusCode).toBe(403);
    expect((await c.post(PLAN, { _csrf: c.csrf }, { 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403);
    const anonymous = await consoleClient(h.bridge.app).post(PLAN, { _csrf: c.csrf });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe('/admin/console/sign-in');
    expect(h.sim.calls.length).toBe(before);
    expect((await c.post('/admin/console/tenants/no-such-tenant/plan', { _csrf: c.csrf })).statusCode).toBe(404);
  });

  it('shows a user changed in the upstream console as drift, reported or (asked) written back, and writes nothing', async () => {
    await h.http.post('/Users', user('drift.console@example.com', { roles: [{ value: 'admin' }] })).expect(201);
    const upstream = h.sim.userNamed('drift.console@example.com')!;
    h.sim.consoleEdit(upstream.id, { role: 'readonly' });
    const c = await signedIn();
    const writes = upstreamWrites();

    const reported = await c.post(PLAN, { _csrf: c.csrf });
    expect(reported.statusCode).toBe(200);
    expect(compact(reported.body)).toContain('<strong>0</strong> write(s) planned, <strong>1</strong> drift(s) reported only.');
    const [row] = planRows(reported.body);
    expect(row?.slice(0, 2)).toEqual(['Report only', 'drift']);
    expect(row?.[2]).toContain('drift.console@example.com');
    expect(row?.[3]).toContain('upstream.role: readonly → admin');
    expect(row?.[4]).toMatch(/changed upstream since the bridge wrote it at .* \(drift policy: report\)/);

    const enforced = await c.post(PLAN, { _csrf: c.csrf, enforceDrift: 'on' });
    expect(enforced.statusCode).toBe(200);
    expect(planRows(enforced.body)[0]?.slice(0, 2)).toEqual(['Write', 'drift']);
    expect(planRows(enforced.body)[0]?.[3]).toContain('role: readonly → admin');
    expect(enforced.body).toMatch(/<input id="enforceDrift" name="enforceDrift" type="checkbox" value="on" checked \/>/);
    expect(compact(enforced.body)).toMatch(/The bridge's index \(no upstream writes\) <\/caption>.*<td>\d+<\/td><td>\d+<\/td><td>\d+<\/td>/);

    expect(upstreamWrites()).toBe(writes);
    expect(h.sim.userNamed('drift.console@example.com')?.role).toBe('readonly');
  });

  it("shows the upstream's failure as a plain message with its status, not an error page or a stack", async () => {
    const c = await signedIn();
    h.sim.failNext(50, 503, 'GET /users');
    try {
      const res = await c.post(PLAN, { _csrf: c.csrf });
      expect(res.statusCode).toBe(502);
      expect(compact(res.body)).toMatch(/<p class="error" role="alert">The plan could not be computed: fake answered HTTP 503 \(unavailable\): /);
      expect(res.body).toContain('<button type="submit">Compute plan</button>');
      expect(res.body).not.toMatch(/\bat .*\.(ts|js):\d+/);
    } finally {
      h.sim.clearFailures();
    }
  });
});

describe('mapping preview', () => {
  it("shows what the tenant's mapping gives a new user with these roles and groups, writing nothing", async () => {
    const c = await signedIn();
    const page = await c.get(MAPPING);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<label for="groups">Group names (one a line)</label>');
    const writes = upstreamWrites();

    const admin = await c.post(MAPPING, { _csrf: c.csrf, roles: '', groups: 'Staff\nAdmins', department: '' });
    expect(admin.statusCode).toBe(200);
    expect(compact(admin.body)).toContain('<th scope="row"><code>role</code></th><td>admin</td>');
    expect(compact(admin.body)).toContain('fake for roles (none); groups Staff, Admins');

    const plain = await c.post(MAPPING, { _csrf: c.csrf, roles: 'billing, auditor', groups: 'Staff', department: '' });
    expect(compact(plain.body)).toContain('<th scope="row"><code>role</code></th><td>billing</td>');

    expect(upstreamWrites()).toBe(writes);
    expect(h.sim.userNamed('mapping.preview@example.com')).toBeUndefined();
  });

  it('escapes what the operator typed, in the form and in the result', async () => {
    const c = await signedIn();
    const res = await c.post(MAPPING, { _csrf: c.csrf, roles: HOSTILE, groups: `"><img src=x>\n${HOSTILE}`, department: `"${HOSTILE}` });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('<script');
    expect(res.body).not.toContain('<img');
    expect(res.body).toContain('<input id="roles" name="roles" value="&lt;script&gt;alert(1)&lt;/script&gt;" />');
    expect(res.body).toContain('value="&quot;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(res.body).toContain('&quot;&gt;&lt;img src=x&gt;\n&lt;script&gt;alert(1)&lt;/script&gt;</textarea>');
    expect(compact(res.body)).toContain('<th scope="row"><code>role</code></th><td>&lt;script&gt;alert(1)&lt;/script&gt;</td>');
  });

  it('refuses a POST without the CSRF token or from another site: 403, no preview', async () => {
    const c = await signedIn();
    const forged = await c.post(MAPPING, { groups: 'Admins' });
    expect(forged.statusCode).toBe(403);
    expect(forged.body).not.toContain('<h2 id="preview">');
    expect((await c.post(MAPPING, { _csrf: c.csrf, groups: 'Admins' }, { origin: 'https://evil.example' })).statusCode).toBe(403);
  });
});

describe('the upstream pages', () => {
  it('keep the accessibility basics, before and after asking', async () => {
    const c = await signedIn();
    const pages = [
      await c.get(PLAN),
      await c.post(PLAN, { _csrf: c.csrf }),
      await c.get(MAPPING),
      await c.post(MAPPING, { _csrf: c.csrf, groups: 'Admins' }),
      await c.get('/admin/console/tenants/default'),
    ];
    expect(pages.map((p) => p.statusCode)).toEqual([200, 200, 200, 200, 200]);
    for (const p of pages) expect(accessibilityProblems(p.body), p.body.slice(0, 300)).toEqual([]);
  });
});
