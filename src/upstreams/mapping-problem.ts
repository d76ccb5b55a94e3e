import { formatConfigPath } from '../config/config-issues.js';
import { nearestName } from '../config/nearest-name.js';

/**
 * Something a tenant's mapping names that the upstream does not have: a Zuora profile, a ZIA group or department.
 * Found by `UpstreamAdapter.mappingProblems` for `doctor` and for `serve`'s start-up check.
 */
export interface MappingProblem {
  /** Where the configuration names it, relative to the tenant's `upstream`, e.g. `profiles.roles.admin`. */
  setting: string;
  /** What kind of thing is missing. */
  kind: 'profile' | 'group' | 'department';
  /** The name (or id) the configuration gives. */
  name: string;
  /** The names of that kind the upstream does have. */
  available: string[];
  /** One sentence for an operator: what is missing, the nearest existing name, and the names there are. */
  message: string;
}

/** Listing more names than this helps nobody: a ZIA organisation can have hundreds of groups. */
const LISTED = 25;

/** A problem for `name` (set at `path` of the upstream configuration) missing among `available` names. */
export function missingName(
  upstreamLabel: string,
  kind: MappingProblem['kind'],
  path: readonly PropertyKey[],
  name: string,
  available: readonly string[],
): MappingProblem {
  const setting = formatConfigPath(path);
  const meant = nearestName(name, available);
  const listed = available.slice(0, LISTED).map((n) => JSON.stringify(n));
  const more = available.length > LISTED ? `, … (${available.length - LISTED} more)` : '';
  const has = available.length === 0 ? `it has no ${kind}s` : `it has ${listed.join(', ')}${more}`;
  return {
    setting,
    kind,
    name,
    available: [...available],
    message: `${setting}: ${upstreamLabel} has no ${kind} "${name}"${meant ? ` (did you mean "${meant}"?)` : ''}; ${has}`,
  };
}
