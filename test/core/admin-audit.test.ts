import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/core/idp-credentials.js';
import type { AuditEntry } from '../../src/store/store.js';
import { startFakeHarness, TOKEN, type FakeHarness } from '../support/fake-harness.js';
import { user } from '../support/scim-requests.js';

const ADMIN_TOKEN = 'admin-token-for-the-audit-log-0123';

const entry = (tenant: string, at: string, resourceId: string): AuditEntry => ({
  tenant,
  at,
  requestId: `req-${tenant}-${at}`,
  actor: 'seeded',
  operation: 'replaceUser',
  resourceType: 'User',
  resourceId,
  status: 200,
  upstreamCalls: [],
  detail: undefined,
});

describe('GET /admin/audit with an admin token configured', () => {
  let h: FakeHarness;
  let admin: (query?: string, token?: string) => supertest.Test;

  beforeAll(async () => {
    h = await startFakeHarness({ adminTokens: [{ label: 'ops', sha256: hashToken(ADMIN_TOKEN) }] });
    admin = (query = '', token = ADMIN_TOKEN) => supertest(h.bridge.app.server).get(`/admin/audit${query}`).set('Authorization', `Bearer ${token}`);
    const audit = h.bridge.store.audit;
    await audit.append(entry('acme', '2024-03-01T10:00:00.000Z', 'u-1'));
    await audit.append(entry('acme', '2024-03-01T11:00:00.000Z', 'u-2'));
    await audit.append(entry('acme', '2024-03-01T12:00:00.000Z', 'u-1'));
    await audit.append(entry('globex', '2024-03-01T11:30:00.000Z', 'u-1'));
  });
  afterAll(async () => h.close());

  it('refuses a request without a token, with a wrong token, and with a valid IdP token: 401 in JSON', async () => {
    const agent = supertest(h.bridge.app.server);
    const none = await agent.get('/admin/audit');
    const wrong = await admin('', 'not-the-admin-token-at-all');
    const idp = await admin('', TOKEN);
    for (const res of [none, wrong, idp]) {
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer /);
      expect(res.body).toMatchObject({ status: 401, error: 'unauthorized' });
      expect(res.body.entries).toBeUndefined();
    }
  });

  it('shows a mutation the IdP made: who, what, on which resource, what it cost upstream', async () => {
    const created = await h.http.post('/Users', user('audited.person')).expect(201);
    const res = await admin('?tenant=default').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const entries = res.body.entries as AuditEntry[];
    expect(entries[0]).toMatchObject({ tenant: 'default', actor: 'test-idp', resourceType: 'User', resourceId: created.body.id, status: 201 });
    expect(entries[0]?.upstreamCalls.some((c) => c.startsWith('POST '))).toBe(true);
    expect(JSON.stringify(res.body)).not.toContain(TOKEN);
  });

  it('answers newest first and filters by tenant, resource, since (inclusive) and until (exclusive)', async () => {
    const ids = async (query: string) => ((await admin(query).expect(200)).body.entries as AuditEntry[]).map((e) => `${e.tenant}@${e.at.slice(11, 16)}`);
    expect(await ids('?tenant=acme')).toEqual(['acme@12:00', 'acme@11:00', 'acme@10:00']);
    expect(await ids('?resourceId=u-1&until=2024-03-02T00:00:00Z')).toEqual(['acme@12:00', 'globex@11:30', 'acme@10:00']);
    expect(await ids('?tenant=acme&resourceId=u-1')).toEqual(['acme@12:00', 'acme@10:00']);
    expect(await ids('?since=2024-03-01T11:00:00Z&until=2024-03-01T12:00:00Z')).toEqual(['globex@11:30', 'acme@11:00']);
    // The same instants written with a zone offset select the same entries.
    expect(await ids('?since=2024-03-01T12:00:00%2B01:00&until=2024-03-01T13:00:00%2B01:00')).toEqual(['globex@11:30', 'acme@11:00']);
    expect(await ids('?tenant=initech')).toEqual([]);
  });

  it('filters by actor exactly and by resourceName case-insensitively, with the other filters', async () => {
    const named = (requestId: string, tenant: string, actor: string, resourceName: string): AuditEntry => ({
      ...entry(tenant, '2024-06-01T10:00:00.000Z', 'u-named'),
      requestId,
      actor,
      resourceName,
    });
    await h.bridge.store.audit.append(named('by-okta', 'acme', 'okta-prod', 'Kim.Lee@Example.com'));
    await h.bridge.store.audit.append(named('by-reconciler', 'acme', 'reconciler', 'kim.lee@example.com'));
    await h.bridge.store.audit.append(named('elsewhere', 'globex', 'okta-prod', 'KIM.LEE@example.com'));
    const ids = async (query: string) => ((await admin(query).expect(200)).body.entries as AuditEntry[]).map((e) => e.requestId);
    expect(await ids('?actor=okta-prod')).toEqual(['elsewhere', 'by-okta']);
    expect(await ids('?resourceName=kim.lee%40EXAMPLE.com&tenant=acme')).toEqual(['by-reconciler', 'by-okta']);
    expect(await ids('?resourceName=Kim.Lee%40example.com&actor=okta-prod&since=2024-06-01T00:00:00Z&limit=1')).toEqual(['elsewhere']);
    expect(await ids('?actor=Okta-Prod')).toEqual([]);
    for (const query of ['actor=', 'resourceName=']) {
      expect((await admin(`?${query}`).expect(400)).body.detail).toContain(query.slice(0, -1));
    }
  });

  it('redacts on the way out a change or upstream state named like a secret, even one recorded in the clear', async () => {
    const leaked = 'plain-text-password-recorded-by-mistake';
    await h.bridge.store.audit.append({
      ...entry('leaky', '2024-07-01T10:00:00.000Z', 'u-leak'),
      changes: [
        { attribute: 'password', before: null, after: leaked },
        { attribute: 'title', before: null, after: 'Engineer' },
        { attribute: 'x-settings', before: null, after: { clientSecret: leaked, theme: 'dark' } },
      ],
      upstreamState: { profile: 'Standard User', apiKey: leaked },
    });
    const res = await admin('?tenant=leaky').expect(200);
    expect(JSON.stringify(res.body)).not.toContain(leaked);
    expect((res.body.entries as AuditEntry[])[0]).toMatchObject({
      changes: [
        { attribute: 'password', before: null, after: '[redacted]' },
        { attribute: 'title', before: null, after: 'Engineer' },
        { attribute: 'x-settings', before: null, after: { clientSecret: '[redacted]', theme: 'dark' } },
      ],
      upstreamState: { profile: 'Standard User', apiKey: '[redacted]' },
    });
  });

  it('returns at most 100 entries by default, and at most `limit`', async () => {
    for (let i = 0; i < 110; i++) await h.bridge.store.audit.append(entry('bulk', new Date(Date.UTC(2024, 4, 1, 0, 0, i)).toISOString(), `b-${i}`));
    const byDefault = (await admin('?tenant=bulk').expect(200)).body.entries as AuditEntry[];
    expect(byDefault).toHaveLength(100);
    expect(byDefault[0]?.resourceId).toBe('b-109');
    expect((await admin('?tenant=bulk&limit=1000').expect(200)).body.entries).toHaveLength(110);
    expect(((await admin('?tenant=bulk&limit=2').expect(200)).body.entries as AuditEntry[]).map((e) => e.resourceId)).toEqual(['b-109', 'b-108']);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=1001', 'limit'],
    ['limit=ten', 'limit'],
    ['limit=2.5', 'limit'],
    ['since=yesterday', 'since'],
    ['until=2024-03-01', 'until'],
    ['since=2024-03-02T00:00:00Z&until=2024-03-01T00:00:00Z', 'since'],
    ['tenant=a&tenant=b', 'tenant'],
    ['tenantt=acme', 'query'],
  ])('refuses ?%s with 400 naming %s', async (query, field) => {
    const res = await admin(`?${query}`).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({ status: 400, error: 'invalidQuery' });
    expect(res.body.detail).toContain(field);
  });
});

describe('GET /admin/audit without any admin token configured', () => {
  let h: FakeHarness;
  beforeAll(async () => {
    h = await startFakeHarness();
  });
  afterAll(async () => h.close());

  it('is not exposed: 404 as for an unknown route, whatever token is presented', async () => {
    const agent = supertest(h.bridge.app.server);
    const unknown = await agent.get('/admin/nothing-here').set('Authorization', `Bearer ${TOKEN}`);
    for (const token of [TOKEN, ADMIN_TOKEN]) {
      const res = await agent.get('/admin/audit').set('Authorization', `Bearer ${token}`);
      expect(res.status).toBe(404);
      expect(res.body.entries).toBeUndefined();
      expect(res.body.detail).toBe(unknown.body.detail.replace('/admin/nothing-here', '/admin/audit'));
    }
  });
});
