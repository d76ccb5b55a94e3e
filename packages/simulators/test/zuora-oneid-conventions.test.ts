import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { URN, detailOf, fakeClock, newUser, oneId, patchOp } from './zuora-oneid-helper.js';

describe('Zuora OneID simulator: common headers (docs/upstreams/zuora-oneid.md §2) and discovery', () => {
  let env: ReturnType<typeof oneId>;
  afterEach(async () => env.sim.close());

  describe('Zuora-Track-Id', () => {
    it('echoes a valid value on success and error responses, and ignores one with forbidden characters', async () => {
      env = oneId();
      const ok = await env.call('GET', '/Users', undefined, { 'zuora-track-id': 'bridge-req-42' });
      expect(ok.headers['zuora-track-id']).toBe('bridge-req-42');
      const missing = await env.call('GET', '/Users/nope', undefined, { 'zuora-track-id': 'bridge-req-43' });
      expect(missing.headers['zuora-track-id']).toBe('bridge-req-43');
      for (const bad of ['a:b', 'a;b', 'a"b', "a'b", 'x'.repeat(65)]) {
        expect((await env.call('GET', '/Users', undefined, { 'zuora-track-id': bad })).headers['zuora-track-id']).toBeUndefined();
      }
    });
  });

  describe('Idempotency-Key', () => {
    const key = (value: string) => ({ 'idempotency-key': value });

    it('replays the stored status, headers and body for the same key, method, URL and body, creating once', async () => {
      env = oneId();
      const body = newUser(env.sim.orgId);
      const first = await env.call('POST', '/Users', body, key('k-1'));
      const again = await env.call('POST', '/Users', body, { ...key('k-1'), 'zuora-track-id': 'retry-1' });
      expect(first.statusCode).toBe(201);
      expect(again.statusCode).toBe(201);
      expect(again.body).toBe(first.body);
      expect(again.headers['content-type']).toBe(first.headers['content-type']);
      expect(again.headers['zuora-track-id']).toBe('retry-1');
      expect(env.sim.users()).toHaveLength(1);
      expect(env.sim.count('POST', '/scim/v2/Users')).toBe(2);
    });

    it('replays a stored error too: the first result is the result', async () => {
      env = oneId();
      const invalid = newUser(env.sim.orgId, { roles: [{ value: 'ROOT' }] });
      const first = await env.call('POST', '/Users', invalid, key('k-err'));
      const again = await env.call('POST', '/Users', invalid, key('k-err'));
      expect([first.statusCode, again.statusCode]).toEqual([400, 400]);
      expect(again.body).toBe(first.body);
    });

    it('answers the repeat with 409 and the original body when switched to the error-handling guide reading', async () => {
      env = oneId({ behaviour: { idempotencyReplay: 'conflict' } });
      const body = newUser(env.sim.orgId);
      const first = await env.call('POST', '/Users', body, key('k-2'));
      const again = await env.call('POST', '/Users', body, key('k-2'));
      expect(again.statusCode).toBe(409);
      expect(again.json()).toEqual(first.json());
      expect(env.sim.users()).toHaveLength(1);
    });

    it('answers 422 when the key is reused with another method, URL or body', async () => {
      env = oneId();
      const { id } = await env.createUser();
      const op = patchOp([{ op: 'replace', path: 'locale', value: 'fr-FR' }]);
      await env.call('PATCH', `/Users/${id}`, op, key('k-3'));
      const otherUrl = await env.call('PATCH', '/Users/someone-else', op, key('k-3'));
      expect(otherUrl.statusCode).toBe(422);
      expect(detailOf(otherUrl)).toContain(`PATCH /scim/v2/Users/${id}`);
      expect((await env.call('POST', '/Users', newUser(env.sim.orgId, { userName: 'b' }), key('k-3'))).statusCode).toBe(422);
      const otherBody = patchOp([{ op: 'replace', path: 'locale', value: 'de-DE' }]);
      expect((await env.call('PATCH', `/Users/${id}`, otherBody, key('k-3'))).statusCode).toBe(422);
      expect(env.sim.getUser(id)?.locale).toBe('fr-FR');
      expect(env.sim.users()).toHaveLength(1);
    });

    it('answers 409 while the first request with the key is still in flight', async () => {
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      env = oneId({ sleep: () => held });
      env.sim.delayResponses(1, 1_000, { route: 'POST /scim/v2/Users', whileDelayed: 'inFlight' });
      const body = newUser(env.sim.orgId);
      const first = env.call('POST', '/Users', body, key('k-4'));
      await expect.poll(() => env.sim.users().length).toBe(1);
      const during = await env.call('POST', '/Users', body, key('k-4'));
      expect(during.statusCode).toBe(409);
      expect(detailOf(during)).toContain('still being processed');
      release();
      expect((await first).statusCode).toBe(201);
      const after = await env.call('POST', '/Users', body, key('k-4'));
      expect(after.statusCode).toBe(201);
      expect(after.body).toBe((await first).body);
      expect(env.sim.users()).toHaveLength(1);
    });

    it('forgets a key after 24 hours', async () => {
      const clock = fakeClock();
      env = oneId({ now: clock.now, tokenTtlSeconds: 2 * 24 * 60 * 60 });
      const body = newUser(env.sim.orgId);
      await env.call('POST', '/Users', body, key('k-5'));
      clock.advance(24 * 60 * 60 * 1000 - 1);
      expect((await env.call('POST', '/Users', body, key('k-5'))).statusCode).toBe(201);
      clock.advance(1);
      // Processed afresh, so it now meets the user the first request created.
      expect((await env.call('POST', '/Users', body, key('k-5'))).statusCode).toBe(409);
    });

    it('ignores the header on PUT, GET and DELETE, and refuses a key longer than 255 characters', async () => {
      env = oneId();
      const { id } = await env.createUser();
      const put = (locale: string) => env.call('PUT', `/Users/${id}`, newUser(env.sim.orgId, { locale }), key('k-6'));
      expect((await put('fr-FR')).json().locale).toBe('fr-FR');
      expect((await put('de-DE')).json().locale).toBe('de-DE');
      expect((await env.call('DELETE', `/Users/${id}`, undefined, key('k-6'))).statusCode).toBe(200);
      expect((await env.call('POST', '/Users', newUser(env.sim.orgId, { userName: 'z' }), key('k'.repeat(256)))).statusCode).toBe(400);
      expect(env.sim.users()).toHaveLength(1);
    });
  });

  describe('gzip', () => {
    it('gzips responses over 1000 bytes when asked, with Content-Encoding', async () => {
      env = oneId();
      env.sim.seedUsers(5);
      const zipped = await env.call('GET', '/Users', undefined, { 'accept-encoding': 'gzip, deflate' });
      expect(zipped.headers['content-encoding']).toBe('gzip');
      const plain = await env.call('GET', '/Users');
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.rawPayload.length).toBeGreaterThan(1000);
      expect(JSON.parse(gunzipSync(zipped.rawPayload).toString())).toEqual(plain.json());
    });

    it('leaves responses of 1000 bytes or less alone, and honours q=0', async () => {
      env = oneId();
      const small = await env.call('GET', '/Users', undefined, { 'accept-encoding': 'gzip' });
      expect(small.rawPayload.length).toBeLessThanOrEqual(1000);
      expect(small.headers['content-encoding']).toBeUndefined();
      env.sim.seedUsers(5);
      expect((await env.call('GET', '/Users', undefined, { 'accept-encoding': 'gzip;q=0' })).headers['content-encoding']).toBeUndefined();
    });

    it('accepts a gzipped request body (Content-Encoding: gzip) and refuses other codings or broken data', async () => {
      env = oneId();
      const send = (payload: Buffer, coding: string) =>
        env.sim.app.inject({
          method: 'POST',
          url: '/scim/v2/Users',
          headers: { ...env.auth, 'content-type': 'application/json', 'content-encoding': coding },
          payload,
        });
      const created = await send(gzipSync(JSON.stringify(newUser(env.sim.orgId))), 'gzip');
      expect(created.statusCode).toBe(201);
      expect(created.json().userName).toBe('amy+test102');
      expect((await send(Buffer.from('not gzip'), 'gzip')).statusCode).toBe(400);
      expect((await send(Buffer.from('{}'), 'br')).statusCode).toBe(415);
      expect(env.sim.users()).toHaveLength(1);
    });

    it('accepts application/scim+json bodies', async () => {
      env = oneId();
      const res = await env.call('POST', '/Users', JSON.stringify(newUser(env.sim.orgId)), { 'content-type': 'application/scim+json' });
      expect(res.statusCode).toBe(201);
    });
  });

  describe('discovery', () => {
    it('answers the documented ServiceProviderConfig', async () => {
      env = oneId();
      const body = (await env.call('GET', '/ServiceProviderConfig')).json();
      expect(body).toMatchObject({
        patch: { supported: true },
        bulk: { supported: true, maxOperations: 1000, maxPayloadSize: 10000 },
        filter: { supported: true, maxResults: 100 },
        changePassword: { supported: false },
        sort: { supported: false },
        etag: { supported: false },
      });
      expect(body.authenticationSchemes.map((s: { name: string }) => s.name)).toEqual(['Client Credentials', 'Authorization Grant']);
    });

    it('answers ResourceTypes with endpoint /v2/Users and the required extension, and 404 for others', async () => {
      env = oneId();
      const list = (await env.call('GET', '/ResourceTypes')).json();
      expect(list).toMatchObject({ totalResults: 2, id: null });
      expect(list.resources.map((r: { id: string }) => r.id)).toEqual(['User', 'Group']);
      expect((await env.call('GET', '/ResourceTypes/User')).json()).toMatchObject({
        endpoint: '/v2/Users',
        schema: URN.user,
        schemaExtensions: [{ schema: URN.userExtension, required: true }],
      });
      expect((await env.call('GET', '/ResourceTypes/Device')).statusCode).toBe(404);
    });

    it('answers the four Schemas, each also by id', async () => {
      env = oneId();
      const list = (await env.call('GET', '/Schemas')).json();
      expect(list.totalResults).toBe(4);
      expect(list.resources.map((s: { id: string }) => s.id)).toEqual([URN.user, URN.group, URN.userExtension, URN.groupExtension]);
      const user = (await env.call('GET', `/Schemas/${URN.user}`)).json();
      expect(user.attributes.find((a: { name: string }) => a.name === 'userName')).toMatchObject({ required: true, caseExact: false, uniqueness: 'server' });
      expect((await env.call('GET', `/Schemas/${URN.groupExtension}`)).statusCode).toBe(200);
      expect((await env.call('GET', '/Schemas/urn:example:nothing')).statusCode).toBe(404);
    });
  });
});
