import { seedPerson } from '../seed-person.js';
import type { GoogleUserRecord } from './records.js';
import type { DirectoryState } from './state.js';

/** Add `count` plain users from the shared seed sequence, after those already there (`POST /__sim/users/seed`). */
export function addSeedUsers(state: DirectoryState, count: number): GoogleUserRecord[] {
  const start = state.users().length + state.deletedUsers().length;
  return Array.from({ length: count }, (_, i) => {
    const person = seedPerson(start + i);
    const local = person.email.slice(0, person.email.indexOf('@'));
    return state.addUser({ primaryEmail: `${local}@${state.customer.domain}`, givenName: person.givenName, familyName: person.familyName });
  });
}
