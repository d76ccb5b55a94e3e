import { listOf, namesIn } from '../mapping-words.js';
import type { ZscalerZiaConfig } from './zscaler-zia-config.js';

/** Departments, groups and deactivation, in words, with the departments and groups the tenant holds (the sandbox's ready message). */
export function describeZscalerZiaMapping(config: ZscalerZiaConfig, tenantState: Record<string, unknown>): string[] {
  const links = Object.entries(config.groupLinks).map(([scim, zia]) => `group ${scim} → ZIA group ${zia}`);
  const deactivation = config.deactivation.mode === 'group' ? `moved to the ZIA group ${config.deactivation.disabledGroup}` : 'the ZIA user is deleted';
  return [
    `departments: the enterprise department → the ZIA department of that name: ${listOf(namesIn(tenantState, 'departments'))}`,
    `groups: each group → the ZIA group of that name: ${listOf(namesIn(tenantState, 'groups'))}`,
    ...links,
    `no department → ${config.defaultDepartment ?? '(none: a create without one is refused)'} (the default department)`,
    `active=false → ${deactivation}`,
  ];
}
