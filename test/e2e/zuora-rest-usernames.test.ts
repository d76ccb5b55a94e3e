import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startZuoraRestHarness, type Harness } from '../support/zuora-rest-harness.js';

/*
 * userName round trip through Zuora REST. Zuora's `username` is the IdP's userName as sent: the integration guide
 * says only that it is "typically email" and unique within the tenant, so no character is mapped or refused by the
 * bridge (`DOMAIN\carol` is sent as it is). Zuora compares usernames case-insensitively; when it shows one in
 * another case than the IdP sent, the bridge still answers with the IdP's spelling.
 */

let h: Harness;
beforeEach(async () => {
  h = await startZuoraRestHarness();
});
afterEach(async () => h.close());

const body = (userName: string) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName,
  name: { givenName: 'Carol', familyName: 'Smith' },
  emails: [{ value: 'carol.smith@example.com', type: 'work', primary: true }],
  active: true,
});
const filter = (userName: string) => h.http.get(`/Users?filter=${encodeURIComponent(`userName eq ${JSON.stringify(userName)}`)}`).expect(200);
const zuoraUsersNamed = (userName: string) => h.sim.users().filter((u) => u.username.toLowerCase() === userName.toLowerCase());

describe.each(['carol', 'Carol.Smith@Example.COM', 'DOMAIN\\carol'])('userName %s', (userName) => {
  it('reads back exactly as sent from POST, GET and filter, and Zuora holds it as sent', async () => {
    const created = await h.http.post('/Users', body(userName)).expect(201);
    expect(created.body.userName).toBe(userName);
    expect(zuoraUsersNamed(userName).map((u) => u.username)).toEqual([userName]);
    expect((await h.http.get(`/Users/${created.body.id}`).expect(200)).body.userName).toBe(userName);
    const found = await filter(userName);
    expect(found.body.totalResults).toBe(1);
    expect(found.body.Resources[0]).toMatchObject({ id: created.body.id, userName });
    // userName is not case-exact (RFC 7643 §4.1.1): another case finds the same user, spelt as the IdP sent it.
    expect((await filter(userName.toUpperCase())).body.Resources.map((r: { userName: string }) => r.userName)).toEqual([userName]);
  });

  it('a repeated create, in any case, is a 409 uniqueness that costs no upstream write, and the filter finds the user', async () => {
    const created = await h.http.post('/Users', body(userName)).expect(201);
    h.sim.resetCalls();
    for (const again of [userName, userName.toLowerCase(), userName.toUpperCase()]) {
      const res = await h.http.post('/Users', body(again)).expect(409);
      expect(res.body).toMatchObject({ status: '409', scimType: 'uniqueness' });
    }
    expect(h.upstreamCalls('POST', '/v1/users')).toBe(0);
    expect(zuoraUsersNamed(userName)).toHaveLength(1);
    expect((await filter(userName)).body.Resources.map((r: { id: string }) => r.id)).toEqual([created.body.id]);
  });

  it("when Zuora shows the username in another case, GET, filter and the next reconcile keep the IdP's spelling", async () => {
    const created = await h.http.post('/Users', body(userName)).expect(201);
    const z = zuoraUsersNamed(userName)[0]!;
    const edit = await fetch(`${h.simUrl}/v1/users/${z.id}`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${h.sim.issueToken()}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: userName.toUpperCase() }),
    });
    expect(edit.status).toBe(200);
    expect((await h.http.get(`/Users/${created.body.id}`).expect(200)).body.userName).toBe(userName);
    await h.bridge.reconcileAll();
    expect((await filter(userName)).body.Resources.map((r: { userName: string }) => r.userName)).toEqual([userName]);
    // A write that does not change the userName does not "correct" Zuora's case either.
    h.sim.resetCalls();
    await h.http
      .patch(`/Users/${created.body.id}`, {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'replace', path: 'title', value: 'Buyer' }],
      })
      .expect(204);
    expect(h.sim.getUser(z.id)).toMatchObject({ username: userName.toUpperCase(), title: 'Buyer' });
  });
});

describe('a username Zuora already holds, made outside the bridge', () => {
  it('is a 409 uniqueness from Zuora itself, never a duplicate; once reconciled the filter finds it', async () => {
    const token = h.sim.issueToken();
    const made = await fetch(`${h.simUrl}/v1/users`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'DOMAIN\\dave', email: 'dave@example.com', firstName: 'Dave', lastName: 'Jones', profileId: 'p-admin' }),
    });
    expect(made.status).toBe(200);
    const res = await h.http.post('/Users', body('domain\\DAVE')).expect(409);
    expect(res.body).toMatchObject({ scimType: 'uniqueness' });
    expect(zuoraUsersNamed('DOMAIN\\dave')).toHaveLength(1);
    await h.bridge.reconcileAll();
    const found = await filter('domain\\DAVE');
    expect(found.body.Resources).toEqual([expect.objectContaining({ userName: 'DOMAIN\\dave' })]);
    // Adopted as it was: still an Administrator, names untouched.
    expect(zuoraUsersNamed('DOMAIN\\dave')[0]).toMatchObject({ profileId: 'p-admin', firstName: 'Dave' });
  });
});
