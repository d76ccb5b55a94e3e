import { afterEach, describe, expect, it } from 'vitest';
import { startFakeHarness, type FakeHarness } from '../support/fake-harness.js';
import { user } from '../support/scim-requests.js';

let h: FakeHarness;
afterEach(async () => h.close());

const filterCount = async (userName: string) =>
  (await h.http.get('/Users?filter=' + encodeURIComponent(`userName eq "${userName}"`)).expect(200)).body.totalResults as number;

describe('the reconciler keeps the local index true to the upstream', () => {
  it('indexes users that already exist upstream, across pages of 40, with stable SCIM ids', async () => {
    h = await startFakeHarness({ seedUsers: 95, upstream: { pageSize: 40 } });
    const page = await h.http.get('/Users?count=200').expect(200);
    expect(page.body.totalResults).toBe(95);
    // Three pages of the upstream's list were read to build the index.
    expect(h.upstreamCalls('GET', '/users')).toBe(3);
    const ids = page.body.Resources.map((r: { id: string }) => r.id);
    await h.bridge.reconcileAll();
    const again = await h.http.get('/Users?count=200').expect(200);
    expect(again.body.Resources.map((r: { id: string }) => r.id)).toEqual(ids);
  });

  it('picks up users created and removed in the upstream console directly', async () => {
    h = await startFakeHarness({ seedUsers: 2 });
    const [gone] = h.sim.users.values();
    h.sim.consoleDelete(gone!.id);
    h.sim.seedUser({ userName: 'direct@example.com', email: 'direct@example.com', givenName: 'D', familyName: 'Irect' });
    await h.bridge.reconcileAll();
    expect(await filterCount(gone!.userName)).toBe(0);
    expect(await filterCount('direct@example.com')).toBe(1);
  });

  it('does not resurrect a user the IdP deleted (kept inactive upstream)', async () => {
    h = await startFakeHarness();
    const { body } = await h.http.post('/Users', user('deleted@example.com')).expect(201);
    await h.http.delete(`/Users/${body.id}`).expect(204);
    expect(h.sim.userNamed('deleted@example.com')?.active).toBe(false);
    await h.bridge.reconcileAll();
    expect(await filterCount('deleted@example.com')).toBe(0);
    await h.http.get(`/Users/${body.id}`).expect(404);
  });
});
