import type { ZuoraRestConfig } from './zuora-rest-config.js';

/** Roles and groups → profiles, in words (the sandbox's ready message). */
export function describeZuoraRestMapping(config: ZuoraRestConfig): string[] {
  const p = config.profiles;
  return [
    ...Object.entries(p.roles).map(([role, profile]) => `role ${role} → profile ${profile}`),
    ...Object.entries(p.groups).map(([group, profile]) => `group ${group} → profile ${profile}`),
    `no mapped role or group → profile ${p.default} (the default)`,
    ...(p.precedence.length > 0 ? [`several match → the first of ${p.precedence.join(' > ')}`] : []),
  ];
}
