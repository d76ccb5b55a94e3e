import { describe, expect, it } from 'vitest';
import { zia } from './zscaler-zia-helper.js';

describe('ZIA simulator: bulkDelete, references and auditors (ZH-UM)', () => {
  describe('POST /users/bulkDelete', () => {
    it('deletes the users and answers 200 {"ids":[…]} with those actually deleted; unknown ids are skipped', async () => {
      const env = zia();
      const [a, b, c] = env.sim.seedUsers(3).map((u) => u.id);
      const res = await env.call('POST', '/users/bulkDelete', { ids: [a, 424242, b, a] });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ ids: [a, b] });
      expect(env.sim.users().map((u) => u.id)).toEqual([c]);
      expect(env.sim.pendingChanges().map((p) => [p.action, p.id])).toEqual([
        ['delete', a],
        ['delete', b],
      ]);
    });

    it('answers 204 without a body when switched to what ZSDK expects', async () => {
      const env = zia({ behaviour: { bulkDeleteResponse: 'empty' } });
      const ids = env.sim.seedUsers(2).map((u) => u.id);
      const res = await env.call('POST', '/users/bulkDelete', { ids });
      expect(res.statusCode).toBe(204);
      expect(res.body).toBe('');
      expect(env.sim.users()).toEqual([]);
    });

    it('takes 500 ids; 501 is 400 and deletes nothing', async () => {
      const env = zia();
      const ids = env.sim.seedUsers(501).map((u) => u.id);
      const over = await env.call('POST', '/users/bulkDelete', { ids });
      expect(over.statusCode).toBe(400);
      expect(over.json()).toEqual({ code: 'INVALID_INPUT_ARGUMENT', message: expect.stringContaining('500') });
      expect(env.sim.users()).toHaveLength(501);
      expect((await env.call('POST', '/users/bulkDelete', { ids: ids.slice(0, 500) })).json().ids).toHaveLength(500);
      expect(env.sim.users()).toHaveLength(1);
    });

    it('refuses a body without an integer ids array', async () => {
      const env = zia();
      for (const body of [{}, { ids: ['1'] }, { ids: 3 }]) {
        expect((await env.call('POST', '/users/bulkDelete', body)).statusCode).toBe(400);
      }
    });
  });

  it('GET /users/references answers {id, name} pairs, one a page by default, admins only on request', async () => {
    const env = zia();
    const plain = await env.createUser({ name: 'Plain User', email: 'plain@example.com' });
    const admin = await env.createUser({ name: 'Admin User', email: 'admin.user@example.com', adminUser: true });
    expect((await env.call('GET', '/users/references')).json()).toEqual([{ id: plain.id, name: 'Plain User' }]);
    expect((await env.call('GET', '/users/references?pageSize=100&includeAdminUsers=true')).json()).toEqual([
      { id: plain.id, name: 'Plain User' },
      { id: admin.id, name: 'Admin User' },
    ]);
    expect((await env.call('GET', '/users/references?pageSize=100&includeAdminUsers=true&name=admin')).json()).toHaveLength(1);
  });

  it('GET /users/auditors answers the AUDITOR users', async () => {
    const env = zia();
    await env.createUser();
    const auditor = await env.createUser({ email: 'audit@example.com', type: 'AUDITOR' });
    expect((await env.call('GET', '/users/auditors')).json()).toEqual([auditor]);
  });
});
