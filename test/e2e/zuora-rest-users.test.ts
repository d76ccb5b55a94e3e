import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startZuoraRestHarness, user, type Harness } from '../support/zuora-rest-harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startZuoraRestHarness();
  h.sim.resetCalls();
});
afterEach(async () => h.close());

const upstreamTotal = () => h.sim.calls().length;

describe('users through Zuora REST: the IdP request, the upstream calls it caused, the response', () => {
  it('a create is exactly one upstream call and answers 201 with the full user', async () => {
    const res = await h.http.post('/Users', user('ada@example.com', { externalId: 'okta-00u1', title: 'Engineer' })).expect(201);
    expect(res.headers['content-type']).toMatch(/application\/scim\+json/);
    expect(res.headers.location).toBe(res.body.meta.location);
    expect(res.headers.etag).toBe(res.body.meta.version);
    expect(res.body).toMatchObject({ userName: 'ada@example.com', externalId: 'okta-00u1', active: true, title: 'Engineer' });
    expect(res.body.roles).toEqual([expect.objectContaining({ value: 'Standard User', type: 'zuora-profile' })]);
    expect(upstreamTotal()).toBe(1);
    expect(h.upstreamCalls('POST', '/v1/users')).toBe(1);
    const upstream = h.sim.users().find((u) => u.username === 'ada@example.com');
    expect(upstream).toMatchObject({
      email: 'ada@example.com',
      firstName: 'Given',
      lastName: 'Family',
      status: 'Active',
      profileId: 'p-standard',
      title: 'Engineer',
    });
  });

  it('filter=userName eq is answered from the index with no upstream call, case-insensitively', async () => {
    const created = await h.http.post('/Users', user('Grace.Hopper@Example.com')).expect(201);
    h.sim.resetCalls();
    const res = await h.http.get('/Users?filter=' + encodeURIComponent('userName eq "grace.hopper@example.com"')).expect(200);
    expect(res.body).toMatchObject({ totalResults: 1, startIndex: 1, itemsPerPage: 1 });
    expect(res.body.Resources[0]).toMatchObject({ id: created.body.id, userName: 'Grace.Hopper@Example.com' });
    const none = await h.http.get('/Users?filter=' + encodeURIComponent('userName eq "nobody@example.com"')).expect(200);
    expect(none.body).toMatchObject({ totalResults: 0, Resources: [] });
    expect(upstreamTotal()).toBe(0);
  });

  it('deactivation (Okta no-path PATCH) is one PUT, and the user still reads back, inactive', async () => {
    const { body } = await h.http.post('/Users', user('lin@example.com')).expect(201);
    h.sim.resetCalls();
    await h.http
      .patch(`/Users/${body.id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', value: { active: false } }] })
      .expect(204);
    expect(upstreamTotal()).toBe(1);
    expect(h.upstreamCalls('PUT', '/v1/users/:id')).toBe(1);
    expect(h.sim.getUser(h.sim.users().find((u) => u.username === 'lin@example.com')!.id)?.status).toBe('Inactive');
    const listed = await h.http.get('/Users?filter=' + encodeURIComponent('userName eq "lin@example.com"')).expect(200);
    expect(listed.body.Resources[0].active).toBe(false);
  });

  it('Entra string boolean "False" deactivates too', async () => {
    const { body } = await h.http.post('/Users', user('kim@example.com')).expect(201);
    await h.http
      .patch(`/Users/${body.id}`, {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
      })
      .expect(204);
    expect(h.sim.users().find((u) => u.username === 'kim@example.com')?.status).toBe('Inactive');
  });

  it('a PATCH that changes only what the bridge stores (externalId) costs no upstream call', async () => {
    const { body } = await h.http.post('/Users', user('ext@example.com')).expect(201);
    h.sim.resetCalls();
    await h.http
      .patch(`/Users/${body.id}`, {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'replace', path: 'externalId', value: 'new-ext' }],
      })
      .expect(204);
    expect(upstreamTotal()).toBe(0);
    expect((await h.http.get(`/Users/${body.id}`).expect(200)).body.externalId).toBe('new-ext');
  });

  it('DELETE deactivates upstream (one PUT), then the id is gone for the IdP (RFC 7644 §3.6)', async () => {
    const { body } = await h.http.post('/Users', user('gone@example.com')).expect(201);
    h.sim.resetCalls();
    await h.http.delete(`/Users/${body.id}`).expect(204);
    expect(upstreamTotal()).toBe(1);
    expect(h.upstreamCalls('PUT', '/v1/users/:id')).toBe(1);
    const kept = h.sim.users().find((u) => u.username === 'gone@example.com');
    expect(kept?.status).toBe('Inactive');
    await h.http.get(`/Users/${body.id}`).expect(404);
    await h.http.put(`/Users/${body.id}`, user('gone@example.com')).expect(404);
    await h.http
      .patch(`/Users/${body.id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'title', value: 'x' }] })
      .expect(404);
    await h.http.delete(`/Users/${body.id}`).expect(404);
    const listed = await h.http.get('/Users?filter=' + encodeURIComponent('userName eq "gone@example.com"')).expect(200);
    expect(listed.body.totalResults).toBe(0);
  });

  it('a create after a DELETE revives and updates the kept upstream user instead of failing', async () => {
    const first = await h.http.post('/Users', user('back@example.com', { title: 'Old' })).expect(201);
    await h.http.delete(`/Users/${first.body.id}`).expect(204);
    const upstreamId = h.sim.users().find((u) => u.username === 'back@example.com')!.id;
    h.sim.resetCalls();
    const again = await h.http.post('/Users', user('back@example.com', { title: 'New' })).expect(201);
    expect(again.body.id).not.toBe(first.body.id);
    expect(h.upstreamCalls('POST', '/v1/users')).toBe(0);
    expect(h.sim.users().filter((u) => u.username === 'back@example.com')).toHaveLength(1);
    expect(h.sim.getUser(upstreamId)).toMatchObject({ status: 'Active', title: 'New' });
    await h.http.get(`/Users/${first.body.id}`).expect(404);
  });

  it('hard delete when the tenant is configured for it', async () => {
    await h.close();
    h = await startZuoraRestHarness({ upstream: { deleteMode: 'delete' } });
    const { body } = await h.http.post('/Users', user('hard@example.com')).expect(201);
    h.sim.resetCalls();
    await h.http.delete(`/Users/${body.id}`).expect(204);
    expect(h.upstreamCalls('DELETE', '/v1/users/:id')).toBe(1);
    expect(h.sim.users().some((u) => u.username === 'hard@example.com')).toBe(false);
    await h.http.get(`/Users/${body.id}`).expect(404);
  });

  it('userName is unique case-insensitively and keeps its case; externalId is not unique', async () => {
    await h.http.post('/Users', user('Case@Example.com', { externalId: 'same' })).expect(201);
    const dup = await h.http.post('/Users', user('case@example.COM', { externalId: 'other' })).expect(409);
    expect(dup.body).toMatchObject({ status: '409', scimType: 'uniqueness' });
    await h.http.post('/Users', user('second@example.com', { externalId: 'same' })).expect(201);
    const both = await h.http.get('/Users?filter=' + encodeURIComponent('externalId eq "same"')).expect(200);
    expect(both.body.totalResults).toBe(2);
  });

  it('GET by id reads the upstream once and reflects a change made in Zuora directly', async () => {
    const { body } = await h.http.post('/Users', user('fresh@example.com')).expect(201);
    const upstreamId = h.sim.users().find((u) => u.username === 'fresh@example.com')!.id;
    // An admin edits the user in Zuora itself.
    const edit = await fetch(`${h.simUrl}/v1/users/${upstreamId}`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${h.sim.issueToken()}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: 'Changed in Zuora' }),
    });
    expect(edit.status).toBe(200);
    h.sim.resetCalls();
    const res = await h.http.get(`/Users/${body.id}`).expect(200);
    expect(res.body.title).toBe('Changed in Zuora');
    expect(upstreamTotal()).toBe(1);
  });

  it('PUT replaces the user (Okta profile push) with one upstream PUT of what changed', async () => {
    const { body } = await h.http.post('/Users', user('put@example.com', { title: 'A' })).expect(201);
    h.sim.resetCalls();
    const res = await h.http.put(`/Users/${body.id}`, { ...body, title: 'B', name: { givenName: 'New', familyName: 'Name' } }).expect(200);
    expect(res.body).toMatchObject({ title: 'B', name: { givenName: 'New', familyName: 'Name' } });
    expect(h.upstreamCalls('PUT', '/v1/users/:id')).toBe(1);
    expect(h.sim.users().find((u) => u.username === 'put@example.com')).toMatchObject({ title: 'B', firstName: 'New' });
  });

  it('If-Match with a stale version answers 412 and writes nothing', async () => {
    const { body } = await h.http.post('/Users', user('etag@example.com')).expect(201);
    h.sim.resetCalls();
    await h.http
      .put(`/Users/${body.id}`, { ...body, title: 'x' })
      .set('If-Match', 'W/"stale"')
      .expect(412);
    expect(upstreamTotal()).toBe(0);
    await h.http
      .put(`/Users/${body.id}`, { ...body, title: 'x' })
      .set('If-Match', body.meta.version)
      .expect(200);
  });
});

describe('a client retrying a create', () => {
  const withKey = (key: string, body: object) => h.http.post('/Users', body).set('Idempotency-Key', key);

  it('with the same Idempotency-Key gets the user the first attempt made, and the upstream sees one POST', async () => {
    const body = user('retry@example.com', { externalId: 'ext-retry' });
    const first = await withKey('k-1', body).expect(201);
    h.sim.resetCalls();
    const retry = await withKey('k-1', body).expect(201);
    expect(retry.body.id).toBe(first.body.id);
    expect(h.upstreamCalls('POST', '/v1/users')).toBe(0);
  });

  it('two identical keyed creates at once make one user', async () => {
    const body = user('twice@example.com');
    const [a, b] = await Promise.all([withKey('k-2', body), withKey('k-2', body)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.id).toBe(b.body.id);
    expect(h.sim.users().filter((u) => u.username === 'twice@example.com')).toHaveLength(1);
  });

  it('the same key with a different body is refused with 422', async () => {
    await withKey('k-3', user('diff@example.com', { title: 'A' })).expect(201);
    const res = await withKey('k-3', user('diff@example.com', { title: 'B' })).expect(422);
    expect(res.body.status).toBe('422');
  });

  it('without a key, repeating a create is a conflict (RFC 7644 §3.3, as Okta and Microsoft test)', async () => {
    const body = user('dup@example.com');
    await h.http.post('/Users', body).expect(201);
    await h.http.post('/Users', body).expect(409);
  });

  it('after a DELETE, a keyed create is a new user again', async () => {
    const body = user('again@example.com');
    const first = await withKey('k-4', body).expect(201);
    await h.http.delete(`/Users/${first.body.id}`).expect(204);
    const second = await withKey('k-4', body).expect(201);
    expect(second.body.id).not.toBe(first.body.id);
    expect(second.body.active).toBe(true);
  });
});
