import { afterEach, describe, expect, it } from 'vitest';
import { startZuoraRestHarness, user, type Harness } from '../support/zuora-rest-harness.js';

let h: Harness;
afterEach(async () => h.close());

const filterCount = async (userName: string) =>
  (await h.http.get('/Users?filter=' + encodeURIComponent(`userName eq "${userName}"`)).expect(200)).body.totalResults as number;

describe('the reconciler keeps the local index true to the upstream', () => {
  it('indexes users that already exist upstream, across pages of 40, with stable SCIM ids', async () => {
    h = await startZuoraRestHarness({ seedUsers: 95 });
    const page = await h.http.get('/Users?count=200').expect(200);
    expect(page.body.totalResults).toBe(95);
    const ids = page.body.Resources.map((r: { id: string }) => r.id);
    await h.bridge.reconcileAll();
    const again = await h.http.get('/Users?count=200').expect(200);
    expect(again.body.Resources.map((r: { id: string }) => r.id)).toEqual(ids);
  });

  it('picks up users created and removed in Zuora directly', async () => {
    h = await startZuoraRestHarness({ seedUsers: 2 });
    const [gone] = h.sim.users();
    const token = h.sim.issueToken();
    await fetch(`${h.simUrl}/v1/users/${gone!.id}`, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } });
    await fetch(`${h.simUrl}/v1/users`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'direct@example.com', email: 'direct@example.com', firstName: 'D', lastName: 'Irect', profileId: 'p-standard' }),
    });
    await h.bridge.reconcileAll();
    expect(await filterCount(gone!.username)).toBe(0);
    expect(await filterCount('direct@example.com')).toBe(1);
  });

  it('does not resurrect a user the IdP deleted (kept inactive upstream)', async () => {
    h = await startZuoraRestHarness();
    const { body } = await h.http.post('/Users', user('deleted@example.com')).expect(201);
    await h.http.delete(`/Users/${body.id}`).expect(204);
    await h.bridge.reconcileAll();
    expect(await filterCount('deleted@example.com')).toBe(0);
    await h.http.get(`/Users/${body.id}`).expect(404);
  });
});
