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

/** Where a seeded user goes: a department and its groups, by name. */
export interface SeedPlacement {
  department: string;
  groups: string[];
}

/**
 * Existing users, as if made before the simulation started (so neither pending nor counted against a budget): the
 * shared seed people (`../seed-person.ts`) with a password, spread over the departments in turn, each in one group in
 * turn; or, once `placeIn` is called (a live tenant), over those placements in turn.
 */
export class UserSeeder {
  private seeded = 0;
  private placements: SeedPlacement[] | undefined;

  constructor(private readonly directory: ZiaDirectory) {}

  /** Place seeded users by these placements in turn (names resolved when seeding) instead of over every unit. */
  placeIn(placements: SeedPlacement[]): void {
    this.placements = placements.map((p) => ({ department: p.department, groups: [...p.groups] }));
  }

  /** The department and group ids of the `k`-th seeded user. */
  private placement(k: number): { departmentId: number; groupIds: number[] } {
    const departments = this.directory.departments();
    const groups = this.directory.groups();
    if (this.placements && this.placements.length > 0) {
      const place = this.placements[k % this.placements.length] as SeedPlacement;
      const department = departments.find((d) => d.name === place.department);
      if (!department) throw new Error(`seeding users: no department ${place.department}`);
      return { departmentId: department.id, groupIds: groups.filter((g) => place.groups.includes(g.name)).map((g) => g.id) };
    }
    const department = departments[k % Math.max(1, departments.length)];
    if (!department) throw new Error('seeding users needs at least one department');
    const group = groups[k % Math.max(1, groups.length)];
    return { departmentId: department.id, groupIds: group ? [group.id] : [] };
  }

  seedUsers(n: number): ZiaUserRecord[] {
    const created: ZiaUserRecord[] = [];
    for (let i = 0; i < n; i += 1) {
      let k = this.seeded++;
      while (this.directory.userIdByEmail(seedPerson(k).email) !== undefined) k = this.seeded++;
      const person = seedPerson(k);
      const user = this.directory.createUser({
        name: `${person.givenName} ${person.familyName}`,
        email: person.email,
        ...this.placement(k),
        adminUser: false,
        password: 'Seeded-Passw0rd!',
      });
      this.directory.makeLive(user.id);
      created.push(user);
    }
    return created;
  }
}
