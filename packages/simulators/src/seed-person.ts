const GIVEN_NAMES = ['Ada', 'Grace', 'Alan', 'Barbara', 'Edsger', 'Frances', 'Donald', 'Katherine', 'Linus', 'Margaret'];
const FAMILY_NAMES = ['Lovelace', 'Hopper', 'Turing', 'Liskov', 'Dijkstra', 'Allen', 'Knuth', 'Johnson', 'Torvalds', 'Hamilton'];

/** A made-up person for seeding a simulator's tenant. */
export interface SeedPerson {
  givenName: string;
  familyName: string;
  /** `given.family.<index + 1>@example.com`, lower case: distinct for every index, so usable as a login name. */
  email: string;
}

/**
 * The `index`-th seeded person (0-based). Every simulator seeds the same sequence, so a benchmark or sandbox sees the
 * same people whichever upstream it runs against.
 */
export function seedPerson(index: number): SeedPerson {
  const givenName = GIVEN_NAMES[index % GIVEN_NAMES.length] ?? 'Seed';
  const familyName = FAMILY_NAMES[Math.floor(index / GIVEN_NAMES.length) % FAMILY_NAMES.length] ?? 'User';
  return { givenName, familyName, email: `${givenName}.${familyName}.${index + 1}@example.com`.toLowerCase() };
}
