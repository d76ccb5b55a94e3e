import { mappedInputs, mappedProfile } from './profile-resolver.js';
import type { ZuoraProfileMapping } from './zuora-rest-config.js';
import type { ZuoraProfile } from './zuora-user.js';

/** What a user's profile is computed from: the role values the IdP sent and the names of the user's groups. */
export interface ProfileInputs {
  roles: readonly string[];
  groupNames: readonly string[];
}

/** `keep`: leave Zuora's profile as it is (no `profileId` in the write). */
export type ProfileDecision = { kind: 'keep' } | { kind: 'mapped'; profile: ZuoraProfile } | { kind: 'default' };

/**
 * Whether a write touches the user's profile, and how (the ownership rule of `UserWrite`):
 * - at creation (`previous` absent) the mapped profile, else the configured default;
 * - later, only when the mapped inputs changed (a mapped role sent or withdrawn, a mapped group joined or left): the
 *   mapped profile, or the default when the user had mapped inputs and has none left (leaving "Zuora Admins"
 *   demotes). Otherwise Zuora's current profile stays, whatever it is: an Administrator adopted from the tenant, or
 *   a profile an admin chose in Zuora's console, is not "corrected" by a write that did not ask for it.
 * Pure.
 */
export function decideProfile(
  now: ProfileInputs,
  previous: ProfileInputs | undefined,
  mapping: ZuoraProfileMapping,
  profiles: readonly ZuoraProfile[],
): ProfileDecision {
  const mapped = mappedProfile(now.roles, now.groupNames, mapping, profiles);
  if (!previous) return mapped ? { kind: 'mapped', profile: mapped } : { kind: 'default' };
  const before = mappedInputs(previous.roles, previous.groupNames, mapping, profiles);
  const after = mappedInputs(now.roles, now.groupNames, mapping, profiles);
  if (before.length === after.length && before.every((input, i) => input === after[i])) return { kind: 'keep' };
  if (mapped) return { kind: 'mapped', profile: mapped };
  return before.length > 0 ? { kind: 'default' } : { kind: 'keep' };
}
