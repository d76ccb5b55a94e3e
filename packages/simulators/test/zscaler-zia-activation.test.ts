import { describe, expect, it } from 'vitest';
import { zia } from './zscaler-zia-helper.js';

const MINUTE = 60_000;

describe('ZIA simulator: pending changes and activation (ZH-GS, ZH-ACT, docs/upstreams/zscaler-zia.md §6)', () => {
  it('a write leaves changes PENDING, readable at once but not live, until POST /status/activate', async () => {
    const env = zia({ behaviour: { activateAfterIdleSeconds: null } });
    expect((await env.call('GET', '/status')).json()).toEqual({ status: 'ACTIVE' });

    const user = await env.createUser();
    expect((await env.call('GET', '/status')).json()).toEqual({ status: 'PENDING' });
    expect((await env.call('GET', `/users/${user.id}`)).statusCode).toBe(200);
    expect(env.sim.activeUsers()).toEqual([]);
    expect(env.sim.pendingChanges()).toEqual([{ seq: 1, at: env.clock.now(), action: 'create', resource: 'user', id: user.id }]);

    env.clock.advance(1000);
    const activated = await env.call('POST', '/status/activate');
    expect(activated.json()).toEqual({ status: 'ACTIVE' });
    expect((await env.call('GET', '/status')).json()).toEqual({ status: 'ACTIVE' });
    expect(env.sim.pendingChanges()).toEqual([]);
    expect(env.sim.activeUsers().map((u) => u.id)).toEqual([user.id]);
    expect(env.sim.activations()).toEqual([
      { seq: 1, at: env.clock.now(), trigger: 'api', changes: [expect.objectContaining({ action: 'create', id: user.id })] },
    ]);
  });

  it('live policy keeps the last activated version of an updated or deleted user until the next activation', async () => {
    const env = zia({ behaviour: { activateAfterIdleSeconds: null } });
    const user = await env.createUser();
    await env.call('POST', '/status/activate');
    await env.call('PUT', `/users/${user.id}`, env.newUser({ name: 'Renamed' }));
    expect(env.sim.activeUsers()[0]?.name).toBe('John Smith');
    await env.call('DELETE', `/users/${user.id}`);
    expect(env.sim.activeUsers()).toHaveLength(1);
    expect(env.sim.pendingChanges().map((c) => c.action)).toEqual(['update', 'delete']);
    await env.call('POST', '/status/activate');
    expect(env.sim.activeUsers()).toEqual([]);
    expect(env.sim.activations().map((a) => a.changes.length)).toEqual([1, 2]);
  });

  it('records every activation, even with nothing pending; failed writes leave nothing pending', async () => {
    const env = zia();
    await env.call('POST', '/users', env.newUser({ email: 'bad' }));
    expect(env.sim.status()).toBe('ACTIVE');
    await env.call('POST', '/status/activate');
    expect(env.sim.activations()).toEqual([{ seq: 1, at: env.clock.now(), trigger: 'api', changes: [] }]);
  });

  it('seeded users are live from the start and not pending', () => {
    const env = zia();
    const seeded = env.sim.seedUsers(3);
    expect(env.sim.status()).toBe('ACTIVE');
    expect(env.sim.activeUsers()).toEqual(seeded);
  });

  it('logging out activates what is pending (ZH-GS), unless switched off', async () => {
    const env = zia();
    await env.login();
    await env.createUser();
    const out = await env.call('DELETE', '/authenticatedSession');
    expect(out.json()).toEqual({ status: 'ACTIVE' });
    expect(env.sim.activations().map((a) => a.trigger)).toEqual(['logout']);

    const off = zia({ behaviour: { activateOnLogout: false } });
    await off.login();
    await off.createUser();
    expect((await off.call('DELETE', '/authenticatedSession')).json()).toEqual({ status: 'PENDING' });
    expect(off.sim.activations()).toEqual([]);
  });

  it('an admin idle for the configured time gets pending changes activated, dated when the idle time ran out', async () => {
    const env = zia({ sessionMaxAgeSeconds: 3600 });
    await env.login();
    await env.createUser();
    const lastCall = env.clock.now();
    env.clock.advance(5 * MINUTE - 1);
    expect(env.sim.status()).toBe('PENDING');
    env.clock.advance(1);
    expect(env.sim.status()).toBe('ACTIVE');
    expect(env.sim.activations()).toEqual([expect.objectContaining({ trigger: 'idle', at: lastCall + 5 * MINUTE })]);
  });

  it('idle activation waits for a quiet period (any authenticated call counts) and can be switched off', async () => {
    const env = zia({ sessionMaxAgeSeconds: 3600 });
    await env.createUser();
    for (let i = 0; i < 3; i += 1) {
      env.clock.advance(4 * MINUTE);
      await env.call('GET', '/status');
    }
    expect(env.sim.status()).toBe('PENDING');

    env.sim.setBehaviour({ activateAfterIdleSeconds: null });
    env.clock.advance(60 * MINUTE);
    expect(env.sim.status()).toBe('PENDING');
  });
});
