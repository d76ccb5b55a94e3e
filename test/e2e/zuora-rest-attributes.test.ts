import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JsonValue } from '../../src/scim/resource.js';
import { refusals, walkWritableAttributes } from '../support/writable-attribute-walk.js';
import { startZuoraRestHarness, user, type Harness } from '../support/zuora-rest-harness.js';

/*
 * Every writable attribute Zuora REST's `/Schemas` lists, set, changed and cleared through PATCH and PUT: the next
 * GET shows exactly what was written, or the write was refused with 400 and nothing moved. What Zuora requires
 * (email, first and last name, status) cannot be cleared; a PUT without a name keeps Zuora's (the documented rule).
 */

let h: Harness;
beforeEach(async () => {
  h = await startZuoraRestHarness();
});
afterEach(async () => h.close());

const isProfileRole = (path: string, e: JsonValue) =>
  path === 'roles' && typeof e === 'object' && e !== null && !Array.isArray(e) && e.type === 'zuora-profile';

const createWalker = async () => (await h.http.post('/Users', user('walker@example.com')).expect(201)).body.id as string;

describe('Zuora REST: every writable attribute set, changed and cleared', () => {
  it('applies exactly or refuses with 400, and refuses exactly what Zuora cannot hold', async () => {
    const report = await walkWritableAttributes({
      http: h.http,
      createUser: createWalker,
      addedOnRead: isProfileRole,
      // Documented: a write without a name (a PUT without it, a PATCH removing all of it) keeps Zuora's names.
      keeps: ['PUT clear name.givenName', 'PUT clear name.familyName', 'PATCH clear name'],
      skip: { password: 'write-only: never read back', active: 'walked on its own below' },
    });
    expect(report.problems).toEqual([]);
    expect(report.paths).toEqual(
      expect.arrayContaining([
        'title',
        'emails',
        'phoneNumbers',
        'locale',
        'timezone',
        'name.givenName',
        'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department',
      ]),
    );
    expect(refusals(report)).toEqual([
      'PATCH clear emails',
      'PATCH clear name.familyName',
      'PATCH clear name.givenName',
      'PATCH clear userName',
      'PUT clear emails',
      'PUT clear userName',
    ]);
    // What Zuora holds is what the walk left: the second values, optional fields cleared at the end of their walk.
    const z = h.sim.users().find((u) => u.username.startsWith('walk.'));
    expect(z).toMatchObject({
      email: expect.stringMatching(/^walk\..*\.two@example\.com$/),
      firstName: 'name-givenName-two',
      lastName: 'name-familyName-two',
      status: 'Active',
    });
    for (const field of ['title', 'phoneNumber', 'department', 'locale', 'timezone'] as const) expect(z?.[field]).toBeUndefined();
  });

  it('active: false and true reach Zuora as Inactive and Active; removing it is refused (Zuora always holds a status)', async () => {
    const report = await walkWritableAttributes({ http: h.http, createUser: createWalker, only: ['active'] });
    expect(report.problems).toEqual([]);
    expect(refusals(report)).toEqual(['PATCH clear active']);
    expect(h.sim.users().find((u) => u.username === 'walker@example.com')?.status).toBe('Active');
  });
});
