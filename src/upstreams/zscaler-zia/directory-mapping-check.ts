import type { UpstreamContext } from '../call-record.js';
import { missingName, type MappingProblem } from '../mapping-problem.js';
import type { ZiaDirectoryCache } from './directory.js';
import type { ZscalerZiaConfig } from './zscaler-zia-config.js';
import type { ZiaRef } from './zia-user.js';

const has = (refs: readonly ZiaRef[], name: string) => refs.some((r) => r.name.toLowerCase() === name.toLowerCase());

/**
 * Every department and group the configuration names (`defaultDepartment`, `deactivation.disabledGroup`, each
 * `groupLinks` target) that the ZIA organisation does not have. The legacy API cannot create them, so a missing one
 * would fail every write that needs it. One read of the departments and one of the groups; nothing written.
 */
export async function directoryMappingProblems(
  directory: Pick<ZiaDirectoryCache, 'covering'>,
  config: Pick<ZscalerZiaConfig, 'defaultDepartment' | 'deactivation' | 'groupLinks'>,
  ctx: UpstreamContext,
): Promise<MappingProblem[]> {
  const departments: [PropertyKey[], string][] = config.defaultDepartment ? [[['defaultDepartment'], config.defaultDepartment]] : [];
  const groups: [PropertyKey[], string][] = [
    ...(config.deactivation.mode === 'group' ? [[['deactivation', 'disabledGroup'], config.deactivation.disabledGroup] as [PropertyKey[], string]] : []),
    ...Object.entries(config.groupLinks).map(([scimGroup, ziaGroup]): [PropertyKey[], string] => [['groupLinks', scimGroup], ziaGroup]),
  ];
  const dir = await directory.covering({ departments: departments.map(([, n]) => n), groups: groups.map(([, n]) => n) }, ctx);
  const missing = (kind: 'department' | 'group', refs: readonly ZiaRef[], named: [PropertyKey[], string][]) =>
    named
      .filter(([, name]) => !has(refs, name))
      .map(([path, name]) =>
        missingName(
          'ZIA',
          kind,
          path,
          name,
          refs.map((r) => r.name),
        ),
      );
  return [...missing('department', dir.departments, departments), ...missing('group', dir.groups, groups)];
}
