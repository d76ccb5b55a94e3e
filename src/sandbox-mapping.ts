import type { UpstreamConfig } from './registry.js';

/*
 * The mapping the sandbox's tenant runs with, in words: what an IdP must send for a user to land where. Read from the
 * parsed tenant configuration (the simulators package's sandbox block with the schema's defaults), never restated, so
 * that what the sandbox prints is what it does.
 */

const list = (names: readonly string[]): string => (names.length === 0 ? '(none)' : names.join(', '));

/** The `name`s of a simulator state's records (`departments`, `groups`), when it has them. */
function namesIn(state: Record<string, unknown>, key: string): string[] {
  const records = state[key];
  if (!Array.isArray(records)) return [];
  return records.flatMap((r: unknown) =>
    typeof r === 'object' && r !== null && typeof (r as { name?: unknown }).name === 'string' ? [(r as { name: string }).name] : [],
  );
}

/** One line per rule, indented by the caller; `simulatorState` lists what the simulated tenant holds (ZIA's departments and groups). */
export function sandboxMappingLines(upstream: UpstreamConfig, simulatorState: Record<string, unknown>): string[] {
  switch (upstream.type) {
    case 'zuora-rest': {
      const p = upstream.profiles;
      return [
        ...Object.entries(p.roles).map(([role, profile]) => `role ${role} → profile ${profile}`),
        ...Object.entries(p.groups).map(([group, profile]) => `group ${group} → profile ${profile}`),
        `no mapped role or group → profile ${p.default} (the default)`,
        ...(p.precedence.length > 0 ? [`several match → the first of ${p.precedence.join(' > ')}`] : []),
      ];
    }
    case 'zuora-oneid':
      return [
        `admin roles → OneID ADMIN: ${list(upstream.adminRoles)}`,
        `admin groups → OneID ADMIN: ${list(upstream.adminGroups)}`,
        'anyone else → USER (a new user), or the role OneID holds',
      ];
    case 'zscaler-zia': {
      const links = Object.entries(upstream.groupLinks).map(([scim, zia]) => `group ${scim} → ZIA group ${zia}`);
      const deactivation = upstream.deactivation.mode === 'group' ? `moved to the ZIA group ${upstream.deactivation.disabledGroup}` : 'the ZIA user is deleted';
      return [
        `departments: the enterprise department → the ZIA department of that name: ${list(namesIn(simulatorState, 'departments'))}`,
        `groups: each group → the ZIA group of that name: ${list(namesIn(simulatorState, 'groups'))}`,
        ...links,
        `no department → ${upstream.defaultDepartment ?? '(none: a create without one is refused)'} (the default department)`,
        `active=false → ${deactivation}`,
      ];
    }
  }
}
