import { describe, expect, it } from 'vitest';
import { createGoogleWorkspaceSimulator } from '../src/google-workspace/index.js';
import { allPages, workspace } from './google-workspace-helper.js';

/*
 * The simulator's state keeps indexes beside its records (users by address, members by group) so that issue 13's
 * 50,000-user bench seeds and lists in seconds; these are the console edits that must keep them right.
 */
describe('Google Workspace simulator: console edits and lookups', () => {
  it('finds a user by id or any address it has now, in any case; not by one it lost, nor once deleted', () => {
    const sim = createGoogleWorkspaceSimulator();
    const ada = sim.addUser({ primaryEmail: 'Ada@example.com', givenName: 'Ada', familyName: 'Lovelace' });
    expect(sim.getUser(ada.id)?.primaryEmail).toBe('ada@example.com');
    expect(sim.getUser('ADA@example.com')?.id).toBe(ada.id);

    sim.updateUser(ada.id, { primaryEmail: 'ada.king@example.com' });
    expect(sim.getUser('ada.king@example.com')?.id).toBe(ada.id);
    expect(sim.getUser('ada@example.com')).toBeUndefined();
    sim.updateUser(ada.id, { emails: [{ address: 'ada.king@example.com', primary: true }, { address: 'Countess@example.com' }] });
    expect(sim.getUser('countess@example.com')?.id).toBe(ada.id);
    // The address she gave up is free for someone else.
    const other = sim.addUser({ primaryEmail: 'ada@example.com', givenName: 'Ada', familyName: 'Byron' });
    expect(sim.getUser('ada@example.com')?.id).toBe(other.id);

    sim.deleteUser(ada.id);
    expect(sim.getUser(ada.id)).toBeUndefined();
    expect(sim.getUser('ada.king@example.com')).toBeUndefined();
  });

  it("keeps each group's members: a second add refused, removals and deletions gone from the group", () => {
    const sim = createGoogleWorkspaceSimulator();
    const a = sim.addUser({ primaryEmail: 'a@example.com', givenName: 'A', familyName: 'One' });
    const b = sim.addUser({ primaryEmail: 'b@example.com', givenName: 'B', familyName: 'Two' });
    const team = sim.addGroup({ email: 'team@example.com', name: 'Team' });
    const other = sim.addGroup({ email: 'other@example.com', name: 'Other' });
    sim.addMember(team.id, a.id);
    sim.addMember(team.id, b.primaryEmail);
    sim.addMember(other.id, a.id);
    expect(() => sim.addMember('team@example.com', 'a@example.com')).toThrow(/already a member/);
    expect(sim.members(team.id).map((m) => m.memberId)).toEqual([a.id, b.id]);

    sim.removeMember(team.id, b.id);
    expect(sim.members(team.id).map((m) => m.memberId)).toEqual([a.id]);
    sim.addMember(team.id, b.id);
    sim.deleteUser(a.id);
    expect(sim.members(team.id).map((m) => m.memberId)).toEqual([b.id]);
    expect(sim.members(other.id)).toEqual([]);
    sim.deleteGroup(team.id);
    expect(sim.members('team@example.com')).toEqual([]);
    expect(sim.members()).toEqual([]);
  });

  it('pages by email in both orders, each user once, in order', async () => {
    const { get } = workspace({ seed: { users: 250, groups: 0 } });
    for (const sortOrder of ['ASCENDING', 'DESCENDING']) {
      const pages = await allPages((q) => get('/users', q), 'users', { customer: 'my_customer', orderBy: 'email', sortOrder, maxResults: '60' });
      expect(pages.map((p) => p.length)).toEqual([60, 60, 60, 60, 10]);
      const emails = pages.flat().map((u) => String(u.primaryEmail));
      const sorted = [...emails].sort();
      expect(emails).toEqual(sortOrder === 'ASCENDING' ? sorted : sorted.reverse());
      expect(new Set(emails).size).toBe(250);
    }
  });
});
