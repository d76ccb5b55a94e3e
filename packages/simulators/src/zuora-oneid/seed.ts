import { seedPerson } from '../seed-person.js';
import type { OneIdGroupRecord, OneIdUserRecord } from './records.js';
import type { OneIdState } from './state.js';

/** Creates distinct, valid users and groups for tests, benchmarks and the sandbox. */
export class Seeder {
  private users = 0;
  private groups = 0;
  /** Every `adminEvery`-th seeded user is an ADMIN; 0: none (a live tenant's extra users are ordinary). */
  private adminEvery = 5;

  constructor(private readonly state: OneIdState) {}

  /** Seed ordinary users only (role USER) from now on: a live tenant already has its admins. */
  ordinaryOnly(): void {
    this.adminEvery = 0;
  }

  /** `n` active SSO users with distinct userNames and emails; every fifth is an ADMIN (unless `ordinaryOnly`), the rest USER. */
  seedUsers(n: number): OneIdUserRecord[] {
    const created: OneIdUserRecord[] = [];
    for (let i = 0; i < n; i += 1) {
      let k = this.users++;
      while (this.state.userNameTaken(seedPerson(k).email)) k = this.users++;
      const { givenName, familyName, email: userName } = seedPerson(k);
      created.push(
        this.state.createUser({
          userName,
          externalId: userName,
          name: { formatted: `${givenName} ${familyName}`, familyName, givenName },
          displayName: `${givenName} ${familyName}`,
          preferredLanguage: 'en',
          locale: 'en-US',
          active: true,
          email: userName,
          roles: [this.adminEvery > 0 && k % this.adminEvery === 0 ? 'ADMIN' : 'USER'],
          ssoEnabled: true,
        }),
      );
    }
    return created;
  }

  /**
   * `n` groups named `Seed Group <k>`, each with `membersEach` members taken in turn from the existing users; users are
   * seeded first when there are fewer than `membersEach`.
   */
  seedGroups(n: number, membersEach = 0): OneIdGroupRecord[] {
    const existing = this.state.users();
    const pool = existing.length >= membersEach ? existing : [...existing, ...this.seedUsers(membersEach - existing.length)];
    const created: OneIdGroupRecord[] = [];
    for (let i = 0; i < n; i += 1) {
      const k = this.groups++;
      const members = Array.from({ length: membersEach }, (_, j) => pool[(k * membersEach + j) % pool.length]?.id ?? '');
      created.push(this.state.createGroup({ displayName: `Seed Group ${k + 1}`, description: `Seeded group ${k + 1}`, members: [...new Set(members)] }));
    }
    return created;
  }
}
