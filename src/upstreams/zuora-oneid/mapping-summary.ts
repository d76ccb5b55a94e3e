import { listOf } from '../mapping-words.js';
import type { ZuoraOneIdConfig } from './zuora-oneid-config.js';

/** Admin roles and groups → OneID's ADMIN role, in words (the sandbox's ready message). */
export function describeZuoraOneIdMapping(config: ZuoraOneIdConfig): string[] {
  return [
    `admin roles → OneID ADMIN: ${listOf(config.adminRoles)}`,
    `admin groups → OneID ADMIN: ${listOf(config.adminGroups)}`,
    'anyone else → USER (a new user), or the role OneID holds',
  ];
}
