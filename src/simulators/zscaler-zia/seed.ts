import { seedPerson } from '../seed-person.js';
import type { ZiaDirectory } from './directory.js';
import type { OrgUnitSeed } from './options.js';
import type { ZiaUserRecord } from './records.js';

const unitOf = (seed: OrgUnitSeed) => (typeof seed === 'string' ? { name: seed } : { ...seed });

/** The organization's starting departments and groups (not pending: they exist before the simulation starts). */
export function seedOrganization(directory: ZiaDirectory, departments: OrgUnitSeed[], groups: OrgUnitSeed[]): void {
  for (const seed of departments) directory.addDepartment({ ...unitOf(seed), deleted: false });
  for (const seed of groups) directory.addGroup({ ...unitOf(seed), isSystemDefined: false });
}

/**
 * Existing users, as if made before the simulation started (so neither pending nor counted against a budget): the
 * shared seed people (`../seed-person.ts`), spread over the departments in turn, each in one group, with a password.
 */
export class UserSeeder {
  private seeded = 0;

  constructor(private readonly directory: ZiaDirectory) {}

  seedUsers(n: number): ZiaUserRecord[] {
    const departments = this.directory.departments();
    const groups = this.directory.groups();
    const department = departments[0];
    if (!department) throw new Error('seeding users needs at least one department');
    const created: ZiaUserRecord[] = [];
    for (let i = 0; i < n; i += 1) {
      let k = this.seeded++;
      while (this.directory.userIdByEmail(seedPerson(k).email) !== undefined) k = this.seeded++;
      const person = seedPerson(k);
      const group = groups[k % Math.max(1, groups.length)];
      const user = this.directory.createUser({
        name: `${person.givenName} ${person.familyName}`,
        email: person.email,
        departmentId: (departments[k % departments.length] ?? department).id,
        groupIds: group ? [group.id] : [],
        adminUser: false,
        password: 'Seeded-Passw0rd!',
      });
      this.directory.makeLive(user.id);
      created.push(user);
    }
    return created;
  }
}
