import { afterEach, describe, expect, it } from 'vitest';
import { startZscalerZiaHarness, type ZiaBridgeHarness } from '../support/zscaler-zia-harness.js';

let h: ZiaBridgeHarness | undefined;
afterEach(async () => h?.close());

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
/** A SCIM filter string literal (RFC 7644 §3.4.2.2: JSON string rules, so a backslash is escaped). */
const literal = (s: string) => JSON.stringify(s);

/**
 * Issue 10, item 6: ZIA's login must be an address, yet the userName reads back exactly as the IdP sent it, a filter
 * on it finds the user, and a repeated create is a 409 (an IdP that looks the user up first then never loops).
 */
async function roundTrip(http: ZiaBridgeHarness['http'], userName: string, emails: object[]): Promise<string> {
  const created = await http.post('/Users', { schemas: [CORE], userName, name: { givenName: 'Carol', familyName: 'Smith' }, emails }).expect(201);
  expect(created.body.userName).toBe(userName);
  const id = created.body.id as string;
  expect((await http.get(`/Users/${id}`).expect(200)).body.userName).toBe(userName);
  const found = await http.get(`/Users?filter=${encodeURIComponent(`userName eq ${literal(userName)}`)}`).expect(200);
  expect(found.body.Resources.map((u: { id: string; userName: string }) => [u.id, u.userName])).toEqual([[id, userName]]);
  const again = await http.post('/Users', { schemas: [CORE], userName, emails }).expect(409);
  expect(again.body.scimType).toBe('uniqueness');
  return id;
}

describe('ZIA: the userName reads back as sent (login.from userNameOrEmail, the default)', () => {
  it.each([
    ['carol', [{ value: 'carol@example.com' }], 'carol@example.com'],
    ['Carol.Smith@Example.COM', [], 'Carol.Smith@Example.COM'],
    ['DOMAIN\\carol', [{ value: 'carol@example.com', type: 'work' }], 'carol@example.com'],
  ])('%s', async (userName, emails, login) => {
    h = await startZscalerZiaHarness();
    const id = await roundTrip(h.http, userName, emails);
    expect(h.sim.users().map((u) => u.email)).toEqual([login]);
    // A reconcile reads ZIA (the login) and still answers the userName as sent.
    await h.bridge.reconcileAll();
    expect((await h.http.get(`/Users/${id}`).expect(200)).body.userName).toBe(userName);
    const found = await h.http.get(`/Users?filter=${encodeURIComponent(`userName eq ${literal(userName)}`)}`).expect(200);
    expect(found.body.totalResults).toBe(1);
  });

  it('a second IdP user whose login would be taken is a 409, not a loop', async () => {
    h = await startZscalerZiaHarness();
    await h.http.post('/Users', { schemas: [CORE], userName: 'carol', emails: [{ value: 'carol@example.com' }] }).expect(201);
    const other = await h.http.post('/Users', { schemas: [CORE], userName: 'carol.smith', emails: [{ value: 'Carol@example.com' }] }).expect(409);
    expect(other.body.scimType).toBe('uniqueness');
  });
});

describe('ZIA: login.from userNameAtDomain', () => {
  it.each(['carol', 'DOMAIN\\carol', 'Carol.Smith@Example.COM'])('%s', async (userName) => {
    h = await startZscalerZiaHarness({ upstream: { login: { from: 'userNameAtDomain', domain: 'corp.example' } } });
    const emails = [{ value: 'carol.private@example.org', type: 'home' }];
    const id = await roundTrip(h.http, userName, emails);
    const local = userName.replace(/^.*\\/, '').replace(/@.*$/, '');
    expect(h.sim.users().map((u) => u.email)).toEqual([`${local}@corp.example`]);
    // The emails are the IdP's, kept by the bridge.
    expect((await h.http.get(`/Users/${id}`).expect(200)).body.emails).toEqual(emails);
  });
});
