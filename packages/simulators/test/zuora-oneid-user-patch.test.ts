import { afterEach, describe, expect, it } from 'vitest';
import { URN, detailOf, oneId, patchOp } from './zuora-oneid-helper.js';

describe('Zuora OneID simulator: PATCH /scim/v2/Users/{id} (partialUpdateASpecificUser)', () => {
  let env: ReturnType<typeof oneId>;
  afterEach(async () => env.sim.close());

  const patch = async (operations: unknown[], key?: string) => {
    const { id } = await env.createUser();
    return { id, res: await env.call('PATCH', `/Users/${id}`, patchOp(operations, key)) };
  };

  it('applies the documented sample: lower-case operations, path "/emails", value wrapping the attribute name', async () => {
    env = oneId();
    const { id, res } = await patch([
      {
        op: 'replace',
        path: '/emails',
        value: { emails: [{ value: 'updatedEmail@zuora.com', display: 'updatedEmail@zuora.com', type: 'home', primary: false }] },
      },
    ]);
    expect(res.statusCode).toBe(200);
    // As in the sample's response: the one email comes back as type work, primary.
    expect(res.json().emails).toEqual([{ value: 'updatedEmail@zuora.com', display: 'updatedEmail@zuora.com', type: 'work', primary: true }]);
    expect(env.sim.getUser(id)?.email).toBe('updatedEmail@zuora.com');
  });

  it('accepts RFC 7644 "Operations" and capitalised op values as well', async () => {
    env = oneId();
    const { res } = await patch([{ op: 'Replace', path: 'displayName', value: 'Amy L.' }], 'Operations');
    expect(res.json().displayName).toBe('Amy L.');
  });

  it('accepts RFC paths: sub-attributes, value filters, URN-qualified extension attributes', async () => {
    env = oneId();
    const { id, res } = await patch([
      { op: 'replace', path: 'name.givenName', value: 'Amelia' },
      { op: 'replace', path: 'emails[type eq "work"].value', value: 'amelia@zuora.com' },
      { op: 'replace', path: `${URN.userExtension}:ssoEnabled`, value: false },
      { op: 'replace', path: 'roles[primary eq "True"].value', value: 'USER' },
      { op: 'add', path: `${URN.user}:locale`, value: 'de-DE' },
    ]);
    expect(res.statusCode).toBe(200);
    expect(env.sim.getUser(id)).toMatchObject({
      name: { givenName: 'Amelia', familyName: 'Lawrence' },
      email: 'amelia@zuora.com',
      ssoEnabled: false,
      roles: ['USER'],
      locale: 'de-DE',
    });
  });

  it('accepts JSON-pointer-like nested paths (/name/familyName)', async () => {
    env = oneId();
    const { id } = await patch([{ op: 'replace', path: '/name/familyName', value: 'Lovelace' }]);
    expect(env.sim.getUser(id)?.name?.familyName).toBe('Lovelace');
  });

  it('applies no-path operations whose value maps attributes (dotted and URN keys included)', async () => {
    env = oneId();
    const { id } = await patch([{ op: 'replace', value: { active: false, 'name.familyName': 'Hopper', [URN.userExtension]: { ssoEnabled: false } } }]);
    expect(env.sim.getUser(id)).toMatchObject({ active: false, status: 'INACTIVE', name: { familyName: 'Hopper' }, ssoEnabled: false });
  });

  it('clears and removes a field updated to " "', async () => {
    env = oneId();
    const { id, res } = await patch([
      { op: 'replace', path: 'preferredLanguage', value: ' ' },
      { op: 'replace', path: 'name.givenName', value: ' ' },
    ]);
    expect(res.json()).not.toHaveProperty('preferredLanguage');
    expect(env.sim.getUser(id)?.preferredLanguage).toBeUndefined();
    expect(env.sim.getUser(id)?.name).not.toHaveProperty('givenName');
  });

  it('removes an attribute with op remove, and adds or removes roles', async () => {
    env = oneId();
    const { id } = await patch([
      { op: 'remove', path: 'externalId' },
      { op: 'add', path: 'roles', value: [{ value: 'USER' }] },
    ]);
    expect(env.sim.getUser(id)).toMatchObject({ roles: ['ADMIN', 'USER'] });
    expect(env.sim.getUser(id)?.externalId).toBeUndefined();
    await env.call('PATCH', `/Users/${id}`, patchOp([{ op: 'remove', path: 'roles[value eq "ADMIN"]' }]));
    expect(env.sim.getUser(id)?.roles).toEqual(['USER']);
  });

  it.each([
    ['a role OneID does not have', [{ op: 'replace', path: 'roles', value: [{ value: 'OWNER' }] }], 'ADMIN or USER'],
    ['removing the only email', [{ op: 'remove', path: 'emails' }], 'emails'],
    ['clearing userName', [{ op: 'replace', path: 'userName', value: ' ' }], 'userName'],
    ['an unknown attribute', [{ op: 'replace', path: 'nickName', value: 'amy' }], 'nickName'],
    ['a read-only attribute', [{ op: 'replace', path: 'groups', value: [] }], 'read-only'],
    ['the extension status', [{ op: 'replace', path: `${URN.userExtension}:status`, value: 'ACTIVE' }], 'active'],
    ['an unknown op', [{ op: 'merge', path: 'locale', value: 'x' }], 'merge'],
  ])('refuses %s with 400 and leaves the user unchanged', async (_name, operations, detail) => {
    env = oneId();
    const { id, res } = await patch(operations);
    expect(res.statusCode).toBe(400);
    expect(detailOf(res)).toContain(detail);
    expect(env.sim.getUser(id)).toMatchObject({ userName: 'amy+test102', email: 'amy+Lawrence@zuora.com', roles: ['ADMIN'] });
  });

  it('requires the PatchOp schema and a non-empty operations list', async () => {
    env = oneId();
    const { id } = await env.createUser();
    expect((await env.call('PATCH', `/Users/${id}`, { operations: [{ op: 'replace', path: 'locale', value: 'fr' }] })).statusCode).toBe(400);
    expect((await env.call('PATCH', `/Users/${id}`, patchOp([]))).statusCode).toBe(400);
    expect((await env.call('PATCH', '/Users/missing', patchOp([{ op: 'replace', path: 'locale', value: 'fr' }]))).statusCode).toBe(404);
  });
});
