import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkWritableAttributes, wrongSteps, type WalkStep } from '../support/scim-attribute-walk.js';
import { startZuoraOneIdHarness, type OneIdHarness } from '../support/zuora-oneid-harness.js';

/*
 * Every attribute Zuora OneID's `/Schemas` (as the bridge serves it) lists as writable is set, changed and cleared
 * through the bridge: the next GET shows exactly what was written, or the write was refused with 400 and changed
 * nothing (issue 10, "no silent drops").
 */

const USER_EXTENSION = 'urn:zuora:scim:schemas:1.0:UserExtension';
const GROUP_EXTENSION = 'urn:zuora:scim:schemas:1.0:GroupExtension';

let h: OneIdHarness;
let n = 0;
beforeAll(async () => {
  h = await startZuoraOneIdHarness();
});
afterAll(async () => h.close());

const newUser = async (): Promise<string> => {
  const userName = `walker${++n}@example.com`;
  const res = await h.http
    .post('/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName, name: { givenName: 'Walker', familyName: `Number${n}` }, emails: [{ value: userName, type: 'work', primary: true }], active: true })
    .expect(201);
  return res.body.id as string;
};

const outcome = (steps: WalkStep[], action: WalkStep['action'], path: string) => steps.find((s) => s.action === action && s.path === path)?.outcome;

describe('Zuora OneID: every writable user attribute', () => {
  let steps: WalkStep[];
  beforeAll(async () => {
    steps = await walkWritableAttributes({
      http: h.http,
      resourceType: 'User',
      create: newUser,
      // The role OneID holds shows as a `roles` entry of the adapter's own type, beside the IdP's roles.
      readBack: (t, element) => t.path === 'roles' && typeof element === 'object' && element !== null && !Array.isArray(element) && element.type === 'zuora-oneid',
    });
  }, 120_000);

  it('reads back exactly as written, or is refused with 400 and changes nothing', () => {
    expect(steps.length).toBeGreaterThan(100);
    expect(wrongSteps(steps)).toEqual([]);
  });

  it('refuses to remove what OneID always holds, naming it, and applies the rest', () => {
    for (const path of ['userName', 'name', 'name.formatted', 'displayName', 'preferredLanguage', 'locale', 'active', 'emails', `${USER_EXTENSION}:ssoEnabled`]) {
      expect(outcome(steps, 'patch clear', path), path).toBe('refused');
    }
    for (const path of ['name.givenName', 'name.familyName', 'title', 'roles', 'phoneNumbers', 'externalId', 'addresses']) {
      expect(outcome(steps, 'patch clear', path), path).toBe('applied');
    }
    expect(outcome(steps, 'patch change', `${USER_EXTENSION}:ssoEnabled`)).toBe('applied');
    expect(outcome(steps, 'patch change', 'active')).toBe('applied');
  });

  it('keeps OneID’s names when a PUT leaves them out', () => {
    expect(outcome(steps, 'put omit', 'name.givenName')).toBe('applied');
    expect(outcome(steps, 'put omit', 'displayName')).toBe('kept');
    expect(outcome(steps, 'put omit', 'locale')).toBe('kept');
  });
});

describe('Zuora OneID: every writable group attribute', () => {
  let steps: WalkStep[];
  beforeAll(async () => {
    const members = [await newUser(), await newUser()];
    steps = await walkWritableAttributes({
      http: h.http,
      resourceType: 'Group',
      create: async () => (await h.http.post('/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: `Walk group ${++n}` }).expect(201)).body.id as string,
      values: (t) => (t.path === 'members' ? [[{ value: members[0] as string }], [{ value: members[1] as string }]] : undefined),
    });
  }, 120_000);

  it('reads back exactly as written, or is refused with 400 and changes nothing', () => {
    expect(steps.length).toBeGreaterThan(10);
    expect(wrongSteps(steps)).toEqual([]);
  });

  it('clears the GroupExtension description in OneID itself', () => {
    expect(outcome(steps, 'patch clear', `${GROUP_EXTENSION}:description`)).toBe('applied');
    const cleared = h.sim.groups().filter((g) => g.displayName.startsWith('Walk group'));
    expect(cleared.length).toBeGreaterThan(0);
    expect(cleared.every((g) => g.description === '' || g.description === 'Walk description 2')).toBe(true);
  });
});
