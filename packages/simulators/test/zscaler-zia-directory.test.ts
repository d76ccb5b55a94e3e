import { describe, expect, it } from 'vitest';
import { createZscalerZiaSimulator } from '../src/zscaler-zia/index.js';
import { zia } from './zscaler-zia-helper.js';

describe('ZIA simulator: departments and groups (ZH-UM, docs/upstreams/zscaler-zia.md §4)', () => {
  it('seeds Engineering, Finance, Sales, Marketing and the groups Engineering, Finance, Sales, Disabled Users', () => {
    const sim = createZscalerZiaSimulator();
    expect(sim.departments().map((d) => d.name)).toEqual(['Engineering', 'Finance', 'Sales', 'Marketing']);
    expect(sim.groups().map((g) => g.name)).toEqual(['Engineering', 'Finance', 'Sales', 'Disabled Users']);
    const custom = createZscalerZiaSimulator({ departments: [{ name: 'R&D', comments: 'lab' }], groups: ['Contractors'] });
    expect(custom.departments()).toEqual([{ id: expect.any(Number), name: 'R&D', comments: 'lab', deleted: false }]);
    expect(custom.groups()).toEqual([{ id: expect.any(Number), name: 'Contractors', isSystemDefined: false }]);
  });

  it.each([
    ['departments', 'departmentId'],
    ['groups', 'groupId'],
  ])('GET /%s, /%s/{id}, /lite and /lite/{id}', async (path) => {
    const env = zia();
    const list = (await env.call('GET', `/${path}`)).json();
    expect(list).toHaveLength(4);
    const first = list[0];
    expect((await env.call('GET', `/${path}/${first.id}`)).json()).toEqual(first);
    expect((await env.call('GET', `/${path}/lite/${first.id}`)).json()).toEqual({ id: first.id, name: first.name });
    expect((await env.call('GET', `/${path}/lite`)).json()).toEqual(list.map((u: { id: number; name: string }) => ({ id: u.id, name: u.name })));
    expect((await env.call('GET', `/${path}/1`)).statusCode).toBe(404);
  });

  it('searches name or comments (name only with limitSearch) and pages', async () => {
    const env = zia();
    env.sim.addGroup('Contractors', 'external finance staff');
    const names = async (query: string) => (await env.call('GET', `/groups?${query}`)).json().map((g: { name: string }) => g.name);
    expect(await names('search=FIN')).toEqual(['Finance', 'Contractors']);
    expect(await names('search=fin&limitSearch=true')).toEqual(['Finance']);
    expect(await names('page=2&pageSize=2')).toEqual(['Sales', 'Disabled Users']);
    expect(await names('page=4&pageSize=2')).toEqual([]);
    const ids = env.sim
      .departments()
      .slice(0, 2)
      .map((d) => d.id);
    expect((await env.call('GET', `/departments/lite?id=${ids[0]}&id=${ids[1]}`)).json().map((d: { id: number }) => d.id)).toEqual(ids);
  });

  describe('writes are "accessible via Zscaler OneAPI only"', () => {
    it.each([
      ['POST', '/departments'],
      ['PUT', '/departments/:id'],
      ['DELETE', '/departments/:id'],
      ['POST', '/groups'],
      ['PUT', '/groups/:id'],
      ['DELETE', '/groups/:id'],
    ] as const)('legacy %s %s gets a non-JSON refusal naming OneAPI (403) and changes nothing', async (method, template) => {
      const env = zia();
      const id = template.startsWith('/groups') ? env.group('Sales') : env.department('Sales');
      const before = [env.sim.departments(), env.sim.groups()];
      const res = await env.call(method, template.replace(':id', String(id)), method === 'DELETE' ? undefined : { name: 'New' });
      expect(res.statusCode).toBe(403);
      expect(res.headers['content-type']).not.toContain('json');
      expect(res.body.toLowerCase()).toContain('only through zscaler oneapi');
      expect([env.sim.departments(), env.sim.groups()]).toEqual(before);
      expect(env.sim.pendingChanges()).toEqual([]);
    });

    it('answers with another status when switched', async () => {
      const env = zia({ behaviour: { oneApiOnlyStatus: 401 } });
      expect((await env.call('POST', '/groups', { name: 'X' })).statusCode).toBe(401);
    });

    it('work through OneAPI: create, full replace, delete (204), each pending; a unit in use cannot be deleted', async () => {
      const sim = createZscalerZiaSimulator({ oneApi: true, behaviour: { rateLimits: false } });
      const auth = { authorization: `Bearer ${sim.issueToken()}` };
      const call = (method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
        sim.app.inject({ method, url: `/zia/api/v1${url}`, headers: auth, ...(payload ? { payload } : {}) });

      const created = await call('POST', '/groups', { name: 'Contractors', comments: 'external' });
      expect(created.statusCode).toBe(200);
      const group = created.json();
      expect(group).toEqual({ id: expect.any(Number), name: 'Contractors', comments: 'external', isSystemDefined: false });
      expect((await call('POST', '/groups', { name: 'contractors' })).json().code).toBe('DUPLICATE_ITEM');
      expect((await call('PUT', `/groups/${group.id}`, { name: 'Vendors' })).json()).toEqual({ id: group.id, name: 'Vendors', isSystemDefined: false });

      const department = (await call('POST', '/departments', { name: 'Legal' })).json();
      const user = (
        await call('POST', '/users', {
          name: 'Lee',
          email: 'lee@example.com',
          password: 'Str0ng!Pass',
          department: { id: department.id },
          groups: [{ id: group.id }],
        })
      ).json();
      expect(user.groups).toEqual([{ id: group.id, name: 'Vendors' }]);
      expect((await call('DELETE', `/groups/${group.id}`)).statusCode).toBe(400);
      await call('DELETE', `/users/${user.id}`);
      expect((await call('DELETE', `/groups/${group.id}`)).statusCode).toBe(204);
      expect((await call('DELETE', `/departments/${department.id}`)).statusCode).toBe(204);
      expect(sim.pendingChanges().map((c) => `${c.action} ${c.resource}`)).toEqual([
        'create group',
        'update group',
        'create department',
        'create user',
        'delete user',
        'delete group',
        'delete department',
      ]);
    });
  });
});
