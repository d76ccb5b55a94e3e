import { seedPerson } from '../seed-person.js';
import type { GoogleGroupRecord, GoogleUserRecord } from './records.js';
import type { DirectoryState } from './state.js';

/** What `seedDirectory` makes: `users` people in all (the first two admins) and `groups` groups. */
export interface DirectorySeed {
  users: number;
  groups?: number;
}

const ORG_UNITS = ['/Engineering', '/Engineering/Platform', '/Sales', '/Support', '/Finance'];
const DEPARTMENTS: Record<string, string> = {
  '/Engineering': 'Engineering',
  '/Engineering/Platform': 'Engineering',
  '/Sales': 'Sales',
  '/Support': 'Customer Support',
  '/Finance': 'Finance',
};
const TITLES = ['Engineer', 'Senior Engineer', 'Account Executive', 'Support Specialist', 'Analyst', 'Manager'];
const GROUP_NAMES = ['All Staff', 'Engineering', 'Platform Team', 'Sales', 'Support', 'Finance', 'Managers', 'Security'];
/** Where the leavers go, as many customers do: archived users sit here. */
const FORMER_STAFF = '/Former Staff';

/** Every 20th user (from the 6th) is suspended, every 50th (from the 12th) archived: both appear from 12 users on. */
const isSuspended = (i: number) => i % 20 === 5;
const isArchived = (i: number) => i % 50 === 11;

/**
 * Replace the directory with a realistic one, the same for the same input: org units (one nested), `users` people
 * from the shared seed sequence on the customer's domain (the first two super admins, a few suspended and archived,
 * job titles and cost centres), and `groups` groups whose first contains the second (which contains the third): a
 * nested membership to flatten. Each user is a MEMBER of one group; the first admin OWNS every group, the second manages
 * it.
 */
export function seedDirectory(state: DirectoryState, seed: DirectorySeed): { users: GoogleUserRecord[]; groups: GoogleGroupRecord[] } {
  state.clear();
  for (const path of [...ORG_UNITS, FORMER_STAFF]) state.addOrgUnit(path, `${path.slice(1)} (seeded)`);
  const users: GoogleUserRecord[] = [];
  for (let i = 0; i < seed.users; i += 1) {
    const person = seedPerson(i);
    const local = person.email.slice(0, person.email.indexOf('@'));
    const archived = isArchived(i);
    const orgUnitPath = i < 2 ? '/' : archived ? FORMER_STAFF : (ORG_UNITS[i % ORG_UNITS.length] ?? '/');
    users.push(
      state.addUser({
        primaryEmail: `${local}@${state.customer.domain}`,
        givenName: person.givenName,
        familyName: person.familyName,
        orgUnitPath,
        isAdmin: i < 2,
        suspended: isSuspended(i),
        archived,
        organizations: [
          {
            title: i < 2 ? 'IT Administrator' : (TITLES[i % TITLES.length] ?? 'Staff'),
            department: DEPARTMENTS[orgUnitPath] ?? 'IT',
            costCenter: `CC-${100 + (i % 7)}`,
            primary: true,
          },
        ],
        phones: i % 2 === 0 ? [{ value: `+1 555 01${String(i % 100).padStart(2, '0')}`, type: 'work', primary: true }] : [],
        customSchemas: { Employment: { employeeNumber: `E${String(i + 1).padStart(5, '0')}` } },
      }),
    );
  }
  const groups: GoogleGroupRecord[] = [];
  for (let g = 0; g < (seed.groups ?? 0); g += 1) {
    const name = g < GROUP_NAMES.length ? (GROUP_NAMES[g] ?? '') : `Team ${g + 1}`;
    const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    groups.push(state.addGroup({ email: `${slug}@${state.customer.domain}`, name, description: `${name} (seeded)` }));
  }
  const [owner, manager] = users;
  groups.forEach((group, g) => {
    if (owner) state.addMember(group.id, owner.id, 'OWNER');
    if (manager) state.addMember(group.id, manager.id, 'MANAGER');
    const child = groups[g + 1];
    if (g < 2 && child) state.addMember(group.id, child.id, 'MEMBER');
  });
  if (groups.length > 0) {
    users.slice(2).forEach((user, i) => {
      const group = groups[i % groups.length];
      if (group) state.addMember(group.id, user.id, 'MEMBER');
    });
  }
  return { users, groups };
}
