import { afterEach, describe, expect, it } from 'vitest';
import { applyPatch } from '../../../../src/scim/patch/index.js';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA, type ScimUser } from '../../../../src/scim/resource.js';
import { leafDefinition, userResourceSchema, withAttributeOverrides } from '../../../../src/scim/schemas/index.js';
import { ziaAttributeOverrides } from '../../../../src/upstreams/zscaler-zia/attribute-overrides.js';
import { LOGIN_RULES } from '../../../../src/upstreams/zscaler-zia/zscaler-zia-config.js';
import { ctx, ziaHarness, type ZiaHarness } from './harness.js';

let h: ZiaHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const user = (userName: string, emails: ScimUser['emails'] = []): ScimUser => ({
  schemas: [USER_SCHEMA],
  userName,
  name: { givenName: 'Carol', familyName: 'Smith' },
  emails,
  active: true,
});
const work = (value: string) => [{ value, type: 'work', primary: true }];

describe('ZIA logins from userNames (login.from)', () => {
  it.each([
    ['carol', work('carol@example.com'), 'carol@example.com'],
    ['Carol.Smith@Example.COM', undefined, 'Carol.Smith@Example.COM'],
    ['DOMAIN\\carol', work('carol@example.com'), 'carol@example.com'],
  ])('userNameOrEmail: %s (emails %j) makes the login %s, and reads back as sent', async (userName, emails, login) => {
    h = await ziaHarness();
    const sent = user(userName, emails);
    const created = await h.adapter.users.create({ user: sent, groupNames: [] }, ctx());
    expect(h.sim.getUser(Number(created.upstreamId))?.email).toBe(login);
    const read = await h.adapter.users.get(created.upstreamId, ctx());
    const merged = h.adapter.users.merge(sent, read as NonNullable<typeof read>);
    expect(merged.userName).toBe(userName);
    expect(merged.emails).toEqual(sent.emails);
    // Another IdP user whose login would be the same is refused as a conflict, never created twice.
    await expect(h.adapter.users.create({ user: user('someone-else', work(login.toLowerCase())), groupNames: [] }, ctx())).rejects.toMatchObject({
      kind: 'conflict',
    });
  });

  it.each(['carol', 'DOMAIN\\carol', 'carol@elsewhere.org'])(
    "userNameAtDomain: %s becomes carol@example.com; the emails stay the bridge's",
    async (userName) => {
      h = await ziaHarness({ config: { login: { from: 'userNameAtDomain', domain: 'example.com' } } });
      const sent = user(userName, work('carol.smith@personal.org'));
      const created = await h.adapter.users.create({ user: sent, groupNames: [] }, ctx());
      expect(h.sim.getUser(Number(created.upstreamId))?.email).toBe('carol@example.com');
      expect(h.adapter.users.merge(sent, created)).toMatchObject({ userName, emails: sent.emails });
    },
  );

  it("refuses a change of the email that carries the login, naming emails; other emails are the bridge's and write nothing", async () => {
    h = await ziaHarness();
    const before = user('carol', work('carol@example.com'));
    const created = await h.adapter.users.create({ user: before, groupNames: [] }, ctx());
    const current = { ...created, user: h.adapter.users.merge(before, created) };
    const previous = { user: current.user, groupNames: [] };
    const entraChange = user('carol', work('carol.smith@example.com'));
    await expect(h.adapter.users.replace(created.upstreamId, { user: entraChange, groupNames: [], previous }, ctx(), current)).rejects.toMatchObject({
      kind: 'invalid',
      message: expect.stringMatching(/^emails: ZIA's login \(email\) is read-only.*"carol@example.com" cannot become "carol.smith@example.com"/),
    });
    await expect(h.adapter.users.replace(created.upstreamId, { user: user('carol', []), groupNames: [], previous }, ctx(), current)).rejects.toMatchObject({
      kind: 'invalid',
      message: expect.stringMatching(/^emails: .*cannot be removed/),
    });
    h.sim.resetCalls();
    const another = user('carol', [...work('carol@example.com'), { value: 'carol@home.org', type: 'home' }]);
    await h.adapter.users.replace(created.upstreamId, { user: another, groupNames: [], previous }, ctx(), current);
    expect(h.sim.calls().filter((c) => c.method !== 'GET' && c.route.includes('/users'))).toEqual([]);
    expect(h.sim.getUser(Number(created.upstreamId))?.email).toBe('carol@example.com');
  });
});

describe('what /Schemas says of ZIA (attribute overrides)', () => {
  const schemaFor = (from: (typeof LOGIN_RULES)[number], emailChange: 'reject' | 'recreate') =>
    withAttributeOverrides(userResourceSchema(), ziaAttributeOverrides({ login: { from, domain: 'example.com' }, emailChange }));

  it('applies for every login rule, and always makes the department required', () => {
    for (const from of LOGIN_RULES) {
      for (const emailChange of ['reject', 'recreate'] as const) {
        const schema = schemaFor(from, emailChange);
        expect(leafDefinition(schema, `${ENTERPRISE_USER_SCHEMA}:department`)?.required).toBe(true);
        expect(leafDefinition(schema, 'userName')?.description).toMatch(/as sent/);
      }
    }
  });

  it('userName is immutable when it alone makes the login and a change is refused; emails are required when they do', () => {
    expect(leafDefinition(schemaFor('userName', 'reject'), 'userName')?.mutability).toBe('immutable');
    expect(leafDefinition(schemaFor('userNameAtDomain', 'reject'), 'userName')?.mutability).toBe('immutable');
    expect(leafDefinition(schemaFor('userName', 'recreate'), 'userName')?.mutability).toBe('readWrite');
    expect(leafDefinition(schemaFor('userNameOrEmail', 'reject'), 'userName')?.mutability).toBe('readWrite');
    expect(leafDefinition(schemaFor('email', 'reject'), 'emails')?.required).toBe(true);
    expect(leafDefinition(schemaFor('userNameOrEmail', 'reject'), 'emails')?.required).toBe(false);
  });

  it('so PATCH refuses a userName change with mutability (a change of case is none), and the removal of the department', () => {
    const schema = schemaFor('userName', 'reject');
    const u: ScimUser = { ...user('carol@example.com'), schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA], [ENTERPRISE_USER_SCHEMA]: { department: 'Sales' } };
    expect(() => applyPatch(u, [{ op: 'replace', path: 'userName', value: 'carol.smith@example.com' }], schema)).toThrow(/immutable/);
    expect(applyPatch(u, [{ op: 'replace', path: 'userName', value: 'Carol@Example.com' }], schema).userName).toBe('Carol@Example.com');
    expect(() => applyPatch(u, [{ op: 'remove', path: `${ENTERPRISE_USER_SCHEMA}:department` }], schema)).toThrow(/required/);
  });
});
