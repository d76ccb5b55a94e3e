import { createGoogleWorkspaceSimulator } from '@scim-bridge/simulators/google-workspace';
import type { GoogleWorkspaceSimulator } from '@scim-bridge/simulators/google-workspace';

/** What the sync section's directory holds, as the simulator's process reports it. */
export interface SeededDirectory {
  users: number;
  suspendedOrArchived: number;
  groups: number;
  /** Direct memberships of users (not the owner and manager of every group, nor nested groups). */
  userMemberships: number;
}

/** Groups whose members get a Zuora profile of their own; the rest of the people get the default. */
export const SYNC_PROFILES = {
  groups: { Security: 'Administrator', Finance: 'Billing Clerk', 'Team 42': 'Read Only' },
  precedence: ['Administrator', 'Billing Clerk', 'Standard User', 'Read Only'],
  default: 'Standard User',
};

/**
 * The simulator's realistic directory (`seedDirectory`: org units, two admins, suspended and archived people, one
 * group each, three groups nested), and each person then in `groupsPerUser - 1` more groups spread over all of them,
 * as a company's people sit in a team, a location and a list or two. Deterministic: the same input, the same directory.
 */
export function seedSyncDirectory(users: number, groups: number, groupsPerUser: number): { sim: GoogleWorkspaceSimulator; directory: SeededDirectory } {
  const sim = createGoogleWorkspaceSimulator({ seed: { users, groups } });
  const people = sim.users().filter((u) => !u.isAdmin);
  const all = sim.groups();
  let userMemberships = sim.members().filter((m) => m.type === 'USER' && m.role === 'MEMBER').length;
  people.forEach((person, i) => {
    for (let k = 1; k < groupsPerUser; k++) {
      // Strides prime to any group count a bench uses, so the extra groups differ from the seeded one and each other.
      const group = all[(i + k * 7_919) % all.length];
      if (!group || sim.members(group.id).some((m) => m.memberId === person.id)) continue;
      sim.addMember(group.id, person.id);
      userMemberships++;
    }
  });
  return {
    sim,
    directory: {
      users: sim.users().length,
      suspendedOrArchived: sim.users().filter((u) => u.suspended || u.archived).length,
      groups: all.length,
      userMemberships,
    },
  };
}
