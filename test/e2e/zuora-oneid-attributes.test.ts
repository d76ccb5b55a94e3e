import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JsonValue } from '../../src/scim/resource.js';
import { refusals, walkWritableAttributes } from '../support/writable-attribute-walk.js';
import { startZuoraOneIdHarness, type OneIdHarness } from '../support/zuora-oneid-harness.js';

/*
 * Every attribute Zuora OneID's `/Schemas` (as the bridge serves it) lists as writable, for users and groups, set,
 * changed and cleared through PATCH and PUT: the next GET shows exactly what was written, or the write was refused
 * with 400 and nothing moved (issue 10, "no silent drops"). What OneID always holds (a name, its formatted form and
 * the displayName, language, locale, the email, active, `ssoEnabled`) cannot be removed by PATCH, and a PUT without
 * it keeps OneID's value (the documented rule).
 */

const USER_EXTENSION = 'urn:zuora:scim:schemas:1.0:UserExtension';
const GROUP_EXTENSION = 'urn:zuora:scim:schemas:1.0:GroupExtension';

let h: OneIdHarness;
beforeEach(async () => {
  h = await startZuoraOneIdHarness();
});
afterEach(async () => h.close());

let n = 0;
const newUser = async (): Promise<string> => {
  const userName = `walker${++n}@example.com`;
  const body = {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName,
    name: { givenName: 'Walker', familyName: `Number${n}` },
    emails: [{ value: userName, type: 'work', primary: true }],
  };
  return (await h.http.post('/Users', body).expect(201)).body.id as string;
};

/** The role OneID holds shows as a `roles` entry of the adapter's own type, beside the IdP's roles. */
const isOneIdRole = (path: string, e: JsonValue) => path === 'roles' && typeof e === 'object' && e !== null && !Array.isArray(e) && e.type === 'zuora-oneid';

describe('Zuora OneID: every writable user attribute set, changed and cleared', () => {
  it('applies exactly or refuses with 400, and refuses exactly the removals OneID cannot take', async () => {
    const report = await walkWritableAttributes({
      http: h.http,
      createUser: newUser,
      addedOnRead: isOneIdRole,
      // Documented: a PUT without these keeps what OneID holds (a name without a formatted form keeps OneID's).
      keeps: [
        'PUT clear name.formatted',
        'PUT clear displayName',
        'PUT clear preferredLanguage',
        'PUT clear locale',
        'PUT clear emails',
        `PUT clear ${USER_EXTENSION}:ssoEnabled`,
      ],
    });
    expect(report.problems).toEqual([]);
    expect(report.paths).toEqual(expect.arrayContaining(['title', 'emails', 'roles', 'locale', 'active', 'name.givenName', `${USER_EXTENSION}:ssoEnabled`]));
    expect(refusals(report)).toEqual([
      'PATCH clear active',
      'PATCH clear displayName',
      'PATCH clear emails',
      'PATCH clear locale',
      'PATCH clear name',
      'PATCH clear name.formatted',
      'PATCH clear preferredLanguage',
      'PATCH clear urn:zuora:scim:schemas:1.0:UserExtension:ssoEnabled',
      'PATCH clear userName',
      'PUT clear userName',
    ]);
    // What OneID holds is what the walk left there.
    const up = h.sim.users().find((u) => u.userName.startsWith('walk.'));
    expect(up).toMatchObject({
      email: expect.stringMatching(/^walk\..*\.two@example\.com$/),
      locale: 'fr-FR',
      preferredLanguage: 'fr',
      ssoEnabled: true,
      active: true,
    });
    expect(up?.name).toEqual({ formatted: 'name-formatted-two' });
  });
});

describe('Zuora OneID: every writable group attribute set, changed and cleared', () => {
  it('applies exactly or refuses with 400, and clears the description in OneID itself', async () => {
    const members = [await newUser(), await newUser()];
    const report = await walkWritableAttributes({
      http: h.http,
      resourceType: 'Group',
      createUser: async () =>
        (await h.http.post('/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Walked' }).expect(201)).body.id as string,
      values: { members: [[{ value: members[0] as string }], [{ value: members[1] as string }]] },
    });
    expect(report.problems).toEqual([]);
    expect(report.paths).toEqual(['displayName', 'members', `${GROUP_EXTENSION}:description`]);
    expect(refusals(report)).toEqual(['PATCH clear displayName', 'PUT clear displayName']);
    expect(h.sim.groups()).toEqual([expect.objectContaining({ displayName: 'displayName-two', description: '', members: [] })]);
  });
});

describe('a group description removed or cleared through the bridge', () => {
  it.each([
    ['remove', { op: 'remove', path: `${GROUP_EXTENSION}:description` }],
    ['replace with ""', { op: 'replace', path: `${GROUP_EXTENSION}:description`, value: '' }],
    ['remove the extension', { op: 'remove', path: GROUP_EXTENSION }],
  ])('is cleared in OneID itself (%s)', async (_how, operation) => {
    const created = await h.http
      .post('/Groups', {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group', GROUP_EXTENSION],
        displayName: 'Finance',
        [GROUP_EXTENSION]: { description: 'Money people' },
      })
      .expect(201);
    expect(h.sim.getGroup(created.body.id)?.description).toBe('Money people');
    await h.http.patch(`/Groups/${created.body.id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [operation] }).expect(204);
    expect(h.sim.getGroup(created.body.id)?.description).toBe('');
    expect((await h.http.get(`/Groups/${created.body.id}`).expect(200)).body[GROUP_EXTENSION]?.description).toBeUndefined();
  });
});
