import type { UpstreamContext } from '../call-record.js';
import { missingName, type MappingProblem } from '../mapping-problem.js';
import type { profileCatalogue } from './profile-catalogue.js';
import { findProfile } from './profile-resolver.js';
import type { ZuoraProfileMapping } from './zuora-rest-config.js';

/**
 * Every profile the mapping names (`profiles.default`, each role's and group's target, each `precedence` entry) that
 * the Zuora tenant does not have, by name or id: one read of `/v1/user-profiles`, nothing written.
 */
export async function profileMappingProblems(
  catalogue: Pick<ReturnType<typeof profileCatalogue>, 'covering'>,
  mapping: ZuoraProfileMapping,
  ctx: UpstreamContext,
): Promise<MappingProblem[]> {
  const named: [path: PropertyKey[], profile: string][] = [
    [['profiles', 'default'], mapping.default],
    ...Object.entries(mapping.roles).map(([role, p]): [PropertyKey[], string] => [['profiles', 'roles', role], p]),
    ...Object.entries(mapping.groups).map(([group, p]): [PropertyKey[], string] => [['profiles', 'groups', group], p]),
    ...mapping.precedence.map((p, i): [PropertyKey[], string] => [['profiles', 'precedence', i], p]),
  ];
  const profiles = await catalogue.covering(
    named.map(([, p]) => p),
    ctx,
  );
  const names = profiles.map((p) => p.name);
  return named.filter(([, p]) => !findProfile(profiles, p)).map(([path, p]) => missingName('this Zuora tenant', 'profile', path, p, names));
}
