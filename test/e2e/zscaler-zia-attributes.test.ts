import { afterEach, describe, expect, it } from 'vitest';
import { refusals, walkWritableAttributes } from '../support/writable-attribute-walk.js';
import { startZscalerZiaHarness, type ZiaBridgeHarness } from '../support/zscaler-zia-harness.js';

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const DEPARTMENT = `${ENTERPRISE}:department`;
let h: ZiaBridgeHarness | undefined;
afterEach(async () => h?.close());

/**
 * Issue 10, "no silent drops", for ZIA: every writable attribute of the bridge's `/Schemas`, set, changed and cleared
 * by PATCH and by PUT, reads back exactly as written or is refused with a 400 that names it and leaves it as it was.
 * ZIA holds the login, the name, the department and (by deletion) `active`; the bridge keeps everything else. Every
 * GET reads ZIA; its budgets are lifted (this is about what is written, not how fast).
 */
describe('ZIA: every writable attribute reads back as written, or is refused', () => {
  it("with an address as userName (it is ZIA's login)", { timeout: 60_000 }, async () => {
    h = await startZscalerZiaHarness({ unlimitedBudgets: true });
    const http = h.http;
    const report = await walkWritableAttributes({
      http,
      createUser: async () =>
        (
          await http
            .post('/Users', {
              schemas: [CORE, ENTERPRISE],
              userName: 'walker@example.com',
              name: { givenName: 'Walk', familyName: 'Er' },
              [ENTERPRISE]: { department: 'Finance' },
            })
            .expect(201)
        ).body.id,
      values: { [DEPARTMENT]: ['Sales', 'Marketing'] },
      // Documented: ZIA requires a department, so a PUT without one keeps ZIA's (RFC 7644 §3.5.1 allows it).
      keeps: [`PUT clear ${DEPARTMENT}`],
      skip: { password: 'write-only: never read back' },
    });
    expect(report.problems).toEqual([]);
    expect(refusals(report)).toEqual(
      [
        'PATCH change userName', // ZIA's login is read-only
        'PATCH clear active', // every upstream holds a state
        'PATCH clear userName',
        `PATCH clear ${DEPARTMENT}`, // every ZIA user has a department
        'PATCH set userName',
        'PUT change userName',
        'PUT clear userName',
        'PUT set userName',
      ].sort(),
    );
    // What ZIA holds is what the walk left.
    expect(h.sim.users()).toMatchObject([{ email: 'walker@example.com', department: { name: 'Marketing' } }]);
  });

  it("with a userName that is no address: the email that carries the login is ZIA's and cannot change", { timeout: 60_000 }, async () => {
    h = await startZscalerZiaHarness({ unlimitedBudgets: true });
    const http = h.http;
    const report = await walkWritableAttributes({
      http,
      createUser: async () =>
        (
          await http
            .post('/Users', { schemas: [CORE], userName: 'DOMAIN\\walker', emails: [{ value: 'walker@example.com', type: 'work', primary: true }] })
            .expect(201)
        ).body.id,
      // A userName that is no address does not carry the login: it may change freely.
      values: { [DEPARTMENT]: ['Sales', 'Marketing'], userName: ['DOMAIN\\walker.two', 'walker.three'] },
      keeps: [`PUT clear ${DEPARTMENT}`],
      skip: { password: 'write-only: never read back' },
      only: ['userName', 'emails', 'displayName', 'title', DEPARTMENT],
    });
    expect(report.problems).toEqual([]);
    // Entra's multi-valued email update changes the login: refused, naming emails. The userName itself is free.
    expect(refusals(report)).toEqual(
      [
        'PATCH change emails',
        'PATCH clear emails',
        'PATCH clear userName',
        `PATCH clear ${DEPARTMENT}`,
        'PATCH set emails',
        'PUT change emails',
        'PUT clear emails',
        'PUT clear userName',
        'PUT set emails',
      ].sort(),
    );
    expect(report.steps.find((s) => s.path === 'emails' && s.step === 'PATCH set')?.detail).toMatch(/emails: ZIA's login/);
    expect(h.sim.users().map((u) => u.email)).toEqual(['walker@example.com']);
  });
});
