import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/core/idp-credentials.js';
import { patchOp } from '../support/scim-requests.js';
import { startZuoraRestHarness, user, type Harness } from '../support/zuora-rest-harness.js';

/**
 * The admin console in a real browser (issue 14): the system's Chromium driven by playwright-core, one launch for the
 * whole walk. A machine without Chromium fails this test rather than skipping it: install it (.ci/run does).
 */
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const ADMIN_TOKEN = 'admin-token-for-the-browser-test-0123456789';
const USER = 'kim.browser@example.com';

describe('admin console in a browser', () => {
  let h: Harness;
  let browser: Browser | undefined;
  let base: string;

  beforeAll(async () => {
    h = await startZuoraRestHarness({ adminTokens: [{ label: 'ops-browser', sha256: hashToken(ADMIN_TOKEN) }] });
    base = await h.bridge.app.listen({ host: '127.0.0.1', port: 0 });
    // As root (CI containers) Chromium refuses to start without --no-sandbox.
    if (existsSync(CHROMIUM)) browser = await chromium.launch({ executablePath: CHROMIUM, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('refuses a wrong token, signs in, finds a user in the audit log with its change, previews the mapping, and signs out', async () => {
    if (!browser)
      throw new Error(`Chromium is not installed at ${CHROMIUM}: the admin console's browser test needs it. Install it: apt-get install -y chromium`);
    const created = await h.http.post('/Users', user(USER)).expect(201);
    await h.http.patch(`/Users/${created.body.id}`, patchOp({ op: 'replace', path: 'name.givenName', value: 'Kimberly' })).expect((r) => {
      expect([200, 204]).toContain(r.status);
    });

    const page = await browser.newPage();
    const cspViolations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });

    await page.goto(`${base}/admin`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Sign in');

    await page.getByLabel('Admin token').fill('a-wrong-token-typed-by-mistake');
    const [refused] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Sign in' }).click()]);
    expect(refused.status()).toBe(401);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('That is not an admin token');
    expect(await page.content()).not.toContain('a-wrong-token-typed-by-mistake');

    await page.getByLabel('Admin token').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Tenants');
    // The stylesheet loaded under the CSP: the header has its background.
    expect(await page.locator('header').evaluate((e) => getComputedStyle(e).backgroundColor)).toBe('rgb(243, 245, 248)');

    await page.getByRole('link', { name: 'default' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Tenant default');
    // The activity charts: an image named by its title, its columns coloured by the stylesheet (no inline style).
    const requestsChart = page.getByRole('img', { name: 'SCIM requests per minute, by status class' });
    expect(await requestsChart.isVisible()).toBe(true);
    expect(
      await requestsChart
        .locator('rect.s-ok')
        .first()
        .evaluate((e) => getComputedStyle(e).fill),
    ).toBe('rgb(26, 127, 55)');
    await page.getByLabel('User or group name').fill(USER.toUpperCase());
    await page.getByRole('button', { name: 'Search' }).click();
    const entry = page.locator('article', { has: page.locator('h3', { hasText: 'patchUser' }) }).first();
    const row = entry.locator('tr', { has: page.locator('th', { hasText: 'name.givenName' }) });
    await expect.poll(() => row.locator('td').allTextContents()).toEqual(['Given', '→ Kimberly']);
    expect(await entry.locator('.calls li').count()).toBeGreaterThan(0);

    // The mapping preview: a group in, the Zuora profile it maps to out, nothing written upstream.
    const writes = h.sim.writes().length;
    await page.getByRole('link', { name: 'Mapping preview' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Mapping preview: default');
    await page.getByLabel('Group names (one a line)').fill('Staff\nBilling Team');
    await page.getByRole('button', { name: 'Preview' }).click();
    const profile = page.locator('tr', { has: page.locator('th', { hasText: 'profile' }) });
    await expect.poll(() => profile.locator('td').textContent()).toBe('Billing Clerk');
    expect(await page.getByLabel('Group names (one a line)').inputValue()).toBe('Staff\nBilling Team');
    expect(h.sim.writes().length).toBe(writes);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Sign in');
    await page.goto(`${base}/admin/console/tenants/default`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Sign in');
    expect(cspViolations).toEqual([]);
    expect(await page.content()).not.toContain(ADMIN_TOKEN);
  });
});
