import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBridge, type Bridge } from '../../src/runtime.js';
import { fakeBridgeConfig } from '../support/fake-harness.js';
import { fakeTenant, freshTenantName, type FakeTenant } from '../support/fakes/fake-upstream.js';
import { user } from '../support/scim-requests.js';
import { TEST_REGISTRY } from '../support/test-registry.js';

const TOKENS = { acme: 'token-for-acme-0123456789', globex: 'token-for-globex-0123456789' };
let bridge: Bridge;
const sims: FakeTenant[] = [];
const ids: Record<'acme' | 'globex', { user: string; group: string }> = { acme: { user: '', group: '' }, globex: { user: '', group: '' } };

const usernamesOf = (sim: FakeTenant) => [...sim.users.values()].map((u) => u.userName);

const as = (tenant: 'acme' | 'globex') => {
  const agent = supertest(bridge.app.server);
  const auth = (t: supertest.Test) => t.set('Authorization', `Bearer ${TOKENS[tenant]}`).set('Content-Type', 'application/scim+json');
  return {
    req: (method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string, body?: object) => {
      const t = auth(agent[method](path));
      return body === undefined ? t : t.send(JSON.stringify(body));
    },
  };
};

beforeAll(async () => {
  const names = (['acme', 'globex'] as const).map(() => freshTenantName());
  sims.push(...names.map((name) => fakeTenant(name)));
  const config = fakeBridgeConfig((['acme', 'globex'] as const).map((id, i) => ({ id, fakeTenant: names[i]!, idpToken: TOKENS[id] })));
  bridge = await createBridge(config, { logger: false, registry: TEST_REGISTRY });
  await bridge.app.ready();
  for (const tenant of ['acme', 'globex'] as const) {
    const u = await as(tenant)
      .req('post', `/t/${tenant}/scim/v2/Users`, user(`${tenant}-user@example.com`))
      .expect(201);
    const g = await as(tenant)
      .req('post', '/scim/v2/Groups', {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
        displayName: `${tenant} group`,
        members: [{ value: u.body.id }],
      })
      .expect(201);
    ids[tenant] = { user: u.body.id, group: g.body.id };
  }
});
afterAll(async () => {
  await bridge.close();
  for (const s of sims) await s.close();
});

describe('one process, many tenants: a credential never reaches another tenant', () => {
  it('each tenant is served at /t/{tenant}/scim/v2 and at /scim/v2 (its credential decides), with its own upstream', async () => {
    const viaPath = await as('acme').req('get', `/t/acme/scim/v2/Users/${ids.acme.user}`).expect(200);
    expect(viaPath.body.meta.location).toContain('/t/acme/scim/v2/Users/');
    await as('acme').req('get', `/scim/v2/Users/${ids.acme.user}`).expect(200);
    expect(usernamesOf(sims[0]!)).toEqual(['acme-user@example.com']);
    expect(usernamesOf(sims[1]!)).toEqual(['globex-user@example.com']);
  });

  const routes = (other: { user: string; group: string }) =>
    [
      ['get', '/Users'],
      ['get', `/Users/${other.user}`],
      ['put', `/Users/${other.user}`, user('x@example.com')],
      ['patch', `/Users/${other.user}`, { Operations: [{ op: 'replace', path: 'title', value: 'x' }] }],
      ['delete', `/Users/${other.user}`],
      ['post', '/Users', user('intruder@example.com')],
      ['post', '/Users/.search', {}],
      ['get', '/Groups'],
      ['get', `/Groups/${other.group}`],
      ['put', `/Groups/${other.group}`, { displayName: 'x' }],
      ['patch', `/Groups/${other.group}`, { Operations: [{ op: 'replace', path: 'displayName', value: 'x' }] }],
      ['delete', `/Groups/${other.group}`],
      ['post', '/Groups', { displayName: 'intruders' }],
      ['post', '/Groups/.search', {}],
      ['post', '/.search', {}],
      ['get', '/ServiceProviderConfig'],
      ['get', '/ResourceTypes'],
      ['get', '/Schemas'],
    ] as const;

  it("every route under another tenant's path answers 401 and changes nothing", async () => {
    for (const [method, path, body] of routes(ids.globex)) {
      const res = await as('acme').req(method, `/t/globex/scim/v2${path}`, body);
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
    }
    expect(usernamesOf(sims[1]!)).toEqual(['globex-user@example.com']);
  });

  it("another tenant's ids are unknown (404) through one's own mounts, and lists show only one's own", async () => {
    for (const prefix of ['/scim/v2', '/t/acme/scim/v2']) {
      for (const [method, path, body] of routes(ids.globex).filter(([, p]) => p.includes(ids.globex.user) || p.includes(ids.globex.group))) {
        const res = await as('acme').req(method, `${prefix}${path}`, body);
        expect(res.status, `${method} ${prefix}${path}`).toBe(404);
      }
      const users = await as('acme').req('get', `${prefix}/Users`).expect(200);
      expect(users.body.Resources.map((u: { userName: string }) => u.userName)).toEqual(['acme-user@example.com']);
      const groups = await as('acme').req('get', `${prefix}/Groups`).expect(200);
      expect(groups.body.Resources.map((g: { displayName: string }) => g.displayName)).toEqual(['acme group']);
      const search = await as('acme').req('post', `${prefix}/.search`, {}).expect(200);
      expect(search.body.totalResults).toBe(2);
    }
    expect(usernamesOf(sims[1]!)).toEqual(['globex-user@example.com']);
    await as('globex').req('get', `/scim/v2/Groups/${ids.globex.group}`).expect(200);
  });
});
