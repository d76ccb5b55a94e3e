import { describe, expect, it } from 'vitest';
import { ConsoleEditError } from '../src/console-edit.js';
import { createZscalerZiaSimulator } from '../src/zscaler-zia/index.js';
import { createZuoraOneIdSimulator } from '../src/zuora-oneid/index.js';
import { createZuoraRestSimulator } from '../src/zuora-rest/index.js';

/*
 * Console edits: an admin changing a record in the vendor's console, behind the bridge's back. Each is checked through
 * the upstream's own API (what the bridge would read next), and must leave the call log empty: the bridge made no call.
 */

const PRIYA = '2c92c0f8752b1a3f01753c6e4d2a0013';
const MEI = '3f6d2a10-8c4b-4e1a-9b57-0c1d2e3f4a03';
const RAHUL = 51200342;

const patch = (url: string, payload: unknown) => ({ method: 'PATCH' as const, url, payload: payload as object });

describe('Zuora REST console edits', () => {
  it('PATCH /__sim/users/:id moves a user to another profile and clears a field; the API reads the change; no call recorded', async () => {
    const sim = createZuoraRestSimulator({ seedProfile: 'live' });
    const before = sim.getUser(PRIYA);
    const res = await sim.app.inject(patch(`/__sim/users/${PRIYA}`, { profileId: 'p-billing', title: null, firstName: 'Priyanka' }));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: PRIYA, profileId: 'p-billing', firstName: 'Priyanka' });
    expect(sim.calls()).toEqual([]);

    const read = await sim.app.inject({ method: 'GET', url: `/v1/users/${PRIYA}`, headers: { authorization: `Bearer ${sim.issueToken()}` } });
    const user = read.json() as Record<string, unknown>;
    expect(user).toMatchObject({ profileId: 'p-billing', firstName: 'Priyanka', lastName: before?.lastName, department: before?.department });
    expect(user).not.toHaveProperty('title');
    expect(user.updatedDate).not.toBe(before?.updatedDate);
    expect(sim.calls()).toHaveLength(1);
  });

  it('the handle does the same in-process, and refuses what the console would', () => {
    const sim = createZuoraRestSimulator({ seedProfile: 'live' });
    expect(sim.consoleEditUser(PRIYA, { status: 'Inactive' }).status).toBe('Inactive');
    expect(sim.getUser(PRIYA)?.status).toBe('Inactive');
    const refusal = (edit: object, id = PRIYA) => {
      try {
        sim.consoleEditUser(id, edit as never);
      } catch (e) {
        return e instanceof ConsoleEditError ? e.statusCode : e;
      }
      return 'accepted';
    };
    expect(refusal({ profileId: 'p-nope' })).toBe(400);
    expect(refusal({ status: 'Suspended' })).toBe(400);
    expect(refusal({ username: 'dreyes' })).toBe(409);
    expect(refusal({ nickname: 'P' })).toBe(400);
    expect(refusal({})).toBe(400);
    expect(refusal({ status: 'Active' }, '2c92c0f8000000000000000000000000')).toBe(404);
  });

  it('answers refusals on the control surface as {error} with the status', async () => {
    const sim = createZuoraRestSimulator({ seedProfile: 'live' });
    const bad = await sim.app.inject(patch(`/__sim/users/${PRIYA}`, { profileId: 'p-nope' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({ error: 'profile p-nope does not exist' });
    expect((await sim.app.inject(patch('/__sim/users/nobody', { status: 'Active' }))).statusCode).toBe(404);
  });
});

describe('Zuora OneID console edits', () => {
  it('makes a Standard User an ADMIN and renames them; the SCIM API reads the change; no call recorded', async () => {
    const sim = createZuoraOneIdSimulator({ seedProfile: 'live' });
    const res = await sim.app.inject(patch(`/__sim/users/${MEI}`, { roles: ['ADMIN'], name: { givenName: 'Meiko' } }));
    expect(res.statusCode).toBe(200);
    expect(sim.calls()).toEqual([]);
    const read = await sim.app.inject({ method: 'GET', url: `/scim/v2/Users/${MEI}`, headers: { authorization: `Bearer ${sim.issueToken()}` } });
    // The name is merged (the family name stays), and the full name follows, as the console shows it.
    expect(read.json()).toMatchObject({
      roles: [{ value: 'ADMIN' }],
      name: { givenName: 'Meiko', familyName: 'Tanaka', formatted: 'Meiko Tanaka' },
      displayName: 'Meiko Tanaka',
    });
  });

  it('deactivates and reactivates in-process, the extension status following', () => {
    const sim = createZuoraOneIdSimulator({ seedProfile: 'live' });
    expect(sim.consoleEditUser(MEI, { active: false })).toMatchObject({ active: false, status: 'INACTIVE' });
    expect(sim.consoleEditUser(MEI, { active: true })).toMatchObject({ active: true, status: 'ACTIVE' });
    expect(() => sim.consoleEditUser(MEI, { roles: ['OWNER'] as never })).toThrow(ConsoleEditError);
    expect(() => sim.consoleEditUser(MEI, { userName: 'jonas.berg@example.com' })).toThrow(/already taken/);
  });

  it('edits a group’s description and members, over /__sim and in-process', async () => {
    const sim = createZuoraOneIdSimulator({ seedProfile: 'live' });
    const group = sim.groups()[4] as { id: string };
    const res = await sim.app.inject(patch(`/__sim/groups/${group.id}`, { description: 'Contractors on the 2025 project', members: [MEI] }));
    expect(res.statusCode).toBe(200);
    expect(sim.getGroup(group.id)).toMatchObject({ description: 'Contractors on the 2025 project', members: [MEI] });
    expect(sim.consoleEditGroup(group.id, { members: [] }).members).toEqual([]);
    const stranger = await sim.app.inject(patch(`/__sim/groups/${group.id}`, { members: ['not-a-user'] }));
    expect(stranger.statusCode).toBe(400);
    expect(sim.calls()).toEqual([]);
  });
});

describe('ZIA console edits', () => {
  it('moves a user to Disabled Users and another department, changes comments; live at once; no call recorded', async () => {
    const sim = createZscalerZiaSimulator({ seedProfile: 'live' });
    const res = await sim.app.inject(
      patch(`/__sim/users/${RAHUL}`, { groups: [{ name: 'Disabled Users' }, { id: 31094710 }], department: { name: 'Finance' }, comments: 'Offboarding' }),
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).not.toHaveProperty('password');
    expect(sim.calls()).toEqual([]);

    const read = await sim.app.inject({ method: 'GET', url: `/api/v1/users/${RAHUL}`, headers: { cookie: `JSESSIONID=${sim.issueSession()}` } });
    expect(read.json()).toMatchObject({
      email: 'rahul.mehta@example.com',
      department: { name: 'Finance' },
      groups: [
        { id: 31094716, name: 'Disabled Users' },
        { id: 31094710, name: 'Engineering' },
      ],
      comments: 'Offboarding',
    });
    expect(sim.activeUsers().find((u) => u.id === RAHUL)?.comments).toBe('Offboarding');
    expect(sim.pendingChanges()).toEqual([]);
  });

  it('clears optional fields in-process and keeps the password; refuses the read-only email and unknown units', () => {
    const sim = createZscalerZiaSimulator({ seedProfile: 'live' });
    const before = sim.getUser(RAHUL);
    const after = sim.consoleEditUser(RAHUL, { comments: null, groups: [] });
    expect(after).not.toHaveProperty('comments');
    expect(after.groups).toEqual([]);
    expect(after.password).toBe(before?.password);
    expect(() => sim.consoleEditUser(RAHUL, { email: 'r@example.com' } as never)).toThrow(ConsoleEditError);
    expect(() => sim.consoleEditUser(RAHUL, { department: { name: 'Nowhere' } })).toThrow(/department Nowhere does not exist/);
    expect(() => sim.consoleEditUser(1, { comments: 'x' })).toThrow(/does not exist/);
  });

  it('answers an id that is not a number as 404', async () => {
    const sim = createZscalerZiaSimulator({ seedProfile: 'live' });
    expect((await sim.app.inject(patch('/__sim/users/abc', { comments: 'x' }))).statusCode).toBe(404);
  });
});
