import { Gauge, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createActivityHistory, type ActivityReading } from '../../../../src/http/admin-console/activity-history.js';
import { budgetsLeft } from '../../../../src/http/admin-console/metrics-view.js';
import { activitySection } from '../../../../src/http/admin-console/pages/activity-section.js';

const compact = (s: string) => s.replace(/>\s+</g, '><').replace(/\s+/g, ' ');

describe("a tenant's activity section", () => {
  it('sums requests, errors and upstream outcomes into sentences; a call with no answer counts as failed', () => {
    const readings: ActivityReading[] = [
      { tenant: 't', kind: 'requests', key: '201', total: 39 },
      { tenant: 't', kind: 'requests', key: '409', total: 2 },
      { tenant: 't', kind: 'requests', key: '503', total: 1 },
      { tenant: 't', kind: 'upstream', key: '200', total: 11 },
      { tenant: 't', kind: 'upstream', key: 'timeout', total: 1 },
    ];
    const history = createActivityHistory({ read: () => readings, now: () => Date.UTC(2026, 11, 7, 10, 30) });
    history.sample();
    const body = compact(activitySection(history.window('t'), []).text);
    expect(body).toContain('42 SCIM requests in the last hour, 3 errors (409×2, 503×1).');
    expect(body).toContain('12 upstream calls while answering them, 1 failed or got no answer (timeout×1).');
    expect(body).toContain('<li><span class="swatch s-none"></span>no answer</li>');
    expect(body).toContain('>09:31</text>');
    expect(body).toContain('>10:30 UTC</text>');
    expect(body).toContain('This upstream reports no budgets.');
  });

  it("charts the budgets the tenant's upstream has left, read from upstream_budget_remaining, not another tenant's", async () => {
    const registry = new Registry();
    const labelNames = ['tenant', 'upstream', 'endpoint'];
    const budget = new Gauge({ name: 'scim_bridge_upstream_budget_remaining', help: 'h', labelNames, registers: [registry] });
    budget.set({ tenant: 't', upstream: 'zscaler-zia', endpoint: 'POST /status/activate' }, 38);
    budget.set({ tenant: 't', upstream: 'zscaler-zia', endpoint: 'GET /users' }, 12);
    budget.set({ tenant: 'other', upstream: 'zscaler-zia', endpoint: 'GET /users' }, 3);
    budget.set({ tenant: 't2', upstream: 'zuora-rest', endpoint: 'GET /v1/users' }, 5);
    const budgets = await budgetsLeft(registry, 't', 'zscaler-zia');
    expect(budgets).toEqual([
      { endpoint: 'GET /users', remaining: 12 },
      { endpoint: 'POST /status/activate', remaining: 38 },
    ]);
    expect(await budgetsLeft(registry, 't', undefined)).toEqual([]);
    const history = createActivityHistory({ read: () => [], now: () => 0 });
    const body = compact(activitySection(history.window('t'), budgets).text);
    expect(body).toContain('Requests its documented limits still allow: GET /users 12, POST /status/activate 38.');
    expect(body).toContain('aria-labelledby="chart-budgets-title"');
  });
});
