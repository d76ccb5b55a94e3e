import { afterEach, describe, expect, it } from 'vitest';
import { brokenSteps, walkWritableUserAttributes, type WalkStep } from '../support/attribute-walker.js';
import { startZscalerZiaHarness, type ZiaBridgeHarness } from '../support/zscaler-zia-harness.js';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
let h: ZiaBridgeHarness | undefined;
afterEach(async () => h?.close());

/**
 * Issue 10, "no silent drops", for ZIA: every writable attribute of the bridge's `/Schemas`, set, changed and cleared
 * by PATCH and by PUT, reads back exactly as written or is refused with a 400 that leaves it as it was. ZIA holds the
 * login, the name, the department and (here, by deletion) `active`; the bridge keeps everything else.
 */
describe('ZIA: every writable attribute reads back as written, or is refused', () => {
  it('walks /Schemas by PATCH and PUT', { timeout: 60_000 }, async () => {
    // Every GET reads ZIA; its budgets are lifted (this is about what is written, not how fast).
    h = await startZscalerZiaHarness({ unlimitedBudgets: true });
    const created = await h.http
      .post('/Users', {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
        userName: 'walker@example.com',
        name: { givenName: 'Walk', familyName: 'Er' },
        emails: [{ value: 'walker@example.com', type: 'work', primary: true }],
        [ENTERPRISE]: { department: 'Finance' },
      })
      .expect(201);
    const id = created.body.id as string;
    const zia = () => h?.sim.users().find((u) => u.email === 'walker@example.com');
    const departments: string[] = [];
    const steps = await walkWritableUserAttributes({
      http: h.http,
      userId: id,
      values: {
        // ZIA's login: a change is refused (it is read-only in ZIA).
        userName: ['walker.two@example.com', 'walker.three@example.com'],
        // Departments ZIA has.
        [`${ENTERPRISE}:department`]: ['Sales', 'Marketing'],
        active: [false, true],
      },
      afterStep: (s: WalkStep) => {
        // What the bridge answered for the department is what ZIA holds.
        if (s.path === `${ENTERPRISE}:department` && s.ok && typeof s.read === 'string') departments.push(`${s.read}=${zia()?.department.name}`);
      },
    });
    expect(brokenSteps(steps)).toEqual([]);
    // ZIA's read-only login: both changes refused, and ZIA still has it.
    expect(steps.filter((s) => s.path === 'userName' && s.step !== 'clear').map((s) => [s.status, s.scimType])).toEqual([
      [400, 'invalidValue'], [400, 'invalidValue'], [400, 'invalidValue'], [400, 'invalidValue'],
    ]);
    // The department cannot be removed by PATCH (ZIA requires one); written values reached ZIA.
    expect(steps.find((s) => s.path === `${ENTERPRISE}:department` && s.via === 'PATCH' && s.step === 'clear')).toMatchObject({ status: 400, scimType: 'mutability' });
    expect(departments.length).toBeGreaterThan(0);
    expect(departments.every((d) => d.split('=')[0] === d.split('=')[1])).toBe(true);
    expect(zia()).toMatchObject({ email: 'walker@example.com' });
  });

  it('with a userName that is no address, the email that carries the login is ZIA\'s and cannot change', { timeout: 60_000 }, async () => {
    h = await startZscalerZiaHarness({ unlimitedBudgets: true });
    const created = await h.http
      .post('/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'DOMAIN\\walker', emails: [{ value: 'walker@example.com', type: 'work', primary: true }] })
      .expect(201);
    expect(created.body.userName).toBe('DOMAIN\\walker');
    const steps = await walkWritableUserAttributes({ http: h.http, userId: created.body.id as string, put: false, values: { [`${ENTERPRISE}:department`]: ['Sales', 'Marketing'], active: [false, true] } });
    expect(brokenSteps(steps)).toEqual([]);
    // Entra's multi-valued email update changes the login: refused, naming emails.
    const emails = steps.filter((s) => s.path === 'emails');
    expect(emails.map((s) => [s.status, s.scimType])).toEqual([[400, 'invalidValue'], [400, 'invalidValue'], [400, 'invalidValue']]);
    expect(emails[0]?.detail).toMatch(/emails: ZIA's login/);
    expect(h.sim.users().map((u) => u.email)).toEqual(['walker@example.com']);
  });
});
