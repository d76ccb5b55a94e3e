import type { ScimUser } from '../../scim/resource.js';
import type { UserWrite } from '../upstream.js';
import { UpstreamError } from '../upstream-error.js';
import { loginOf, sameLogin, type Login } from './login-rule.js';
import {
  byName,
  departmentNameOf,
  departmentNamed,
  groupsNamed,
  mappedGroupName,
  sameName,
  sentNameOf,
  type ZiaDirectory,
  type ZiaMappingRules,
} from './mapping.js';
import type { ZiaRef, ZiaUser, ZiaUserWrite } from './zia-user.js';

/**
 * Ownership of an existing ZIA user (issue 10): the bridge changes only what the IdP asked it to change, found by
 * comparing the write with what the IdP had sent before (`write.previous`), and carries every other field of the ZIA
 * record over into the full-replace PUT.
 *
 * - name: the name sent, when it changed; a write that sends no name keeps ZIA's (the userName fill is for creation);
 * - login (`email`): read-only in ZIA; a change is refused or re-creates the user (`emailChange`);
 * - department: the enterprise department, when the IdP sends one that differs from what it sent before; otherwise
 *   ZIA's stays (`defaultDepartment` is for creation);
 * - groups: only the groups the mapping names. The ZIA groups of the SCIM groups the user joined are added, those of
 *   the groups it left are removed (unless another of its groups still maps to them), and the disabled group
 *   (`deactivation.disabledGroup`) is added or removed when `active` changes. Every other ZIA group stays.
 *
 * ZIA has no default to return to once a user exists: `defaultDepartment` is for creation, and the groups the mapping
 * names have no default, so a user that leaves its last mapped group just leaves it.
 *
 * Without `previous` nothing is known to have been left: groups are only added. Without `previous` or a known view of
 * the user, everything the write sends is taken as asked.
 */
export interface AskedChanges {
  name?: string;
  /** The login the write makes, when it differs from the one the user made before (`value` undefined: none). */
  login?: Login;
  department?: string;
  addGroups: string[];
  removeGroups: string[];
  /** Drift enforcement: these state values exactly (department name, group names). */
  restore?: { department?: string; groups?: readonly string[] };
}

function groupChanges(write: UserWrite, rules: ZiaMappingRules): { add: string[]; remove: string[] } {
  const before = write.previous?.groupNames ?? [];
  const now = write.groupNames;
  const stillMapped = now.map((n) => mappedGroupName(n, rules));
  const add = now.filter((n) => !before.includes(n)).map((n) => mappedGroupName(n, rules));
  const remove = before
    .filter((n) => !now.includes(n))
    .map((n) => mappedGroupName(n, rules))
    .filter((g) => !stillMapped.some((s) => sameName(s, g)));
  return { add, remove };
}

function restoreOf(write: UserWrite): AskedChanges['restore'] {
  const r = write.restore;
  if (!r) return undefined;
  const groups = Array.isArray(r.groups) ? (r.groups as readonly string[]) : undefined;
  return { ...(typeof r.department === 'string' ? { department: r.department } : {}), ...(groups ? { groups } : {}) };
}

/** What this write asks of ZIA. `known` is the user as the bridge last knew it, used when `previous` is absent. */
export function askedChanges(write: UserWrite, rules: ZiaMappingRules, known?: ScimUser): AskedChanges {
  const before = write.previous?.user ?? known;
  const now = write.user;
  const groups = groupChanges(write, rules);
  const asked: AskedChanges = { addGroups: groups.add, removeGroups: groups.remove };

  const name = sentNameOf(now);
  if (name !== undefined && (before === undefined || name !== sentNameOf(before))) asked.name = name;

  const login = loginOf(now, rules.login);
  if (before === undefined || !sameLogin(login.value, loginOf(before, rules.login).value)) asked.login = login;

  const department = departmentNameOf(now);
  if (department !== undefined && (before === undefined || !sameName(department, departmentNameOf(before)))) asked.department = department;

  const active = now.active !== false;
  if (rules.disabledGroup && (before === undefined || (before.active !== false) !== active)) {
    (active ? asked.removeGroups : asked.addGroups).push(rules.disabledGroup);
  }
  const restore = restoreOf(write);
  if (restore) asked.restore = restore;
  return asked;
}

/** The department and group names the asked changes need ZIA to have. */
export function directoryNeeds(a: AskedChanges): { departments: string[]; groups: string[] } {
  const department = a.restore?.department ?? a.department;
  return { departments: department ? [department] : [], groups: [...a.addGroups, ...(a.restore?.groups ?? [])] };
}

/** The disabled group must exist in ZIA: without it a deactivation would silently do nothing. */
export function requireDisabledGroup(dir: ZiaDirectory, rules: Pick<ZiaMappingRules, 'disabledGroup'>, adding: readonly string[]): void {
  const disabled = rules.disabledGroup;
  if (disabled && adding.some((n) => sameName(n, disabled)) && !byName(dir.groups, disabled)) {
    throw new UpstreamError(
      'invalid',
      'zscaler-zia',
      `active: ZIA has no group named "${disabled}" (deactivation.disabledGroup): a user cannot be deactivated`,
    );
  }
}

/**
 * The whole ZIA user to PUT: `current` (as just read) with the asked changes applied. PUT replaces everything, so
 * every field the bridge does not map (comments, tempAuthEmail, adminUser, type, fields this code does not know) is
 * carried over as read.
 */
export function applyAsked(current: ZiaUser, asked: AskedChanges, dir: ZiaDirectory, rules: ZiaMappingRules): ZiaUserWrite {
  const { id: _id, ...target } = current;
  if (asked.name !== undefined) target.name = asked.name;
  const department = asked.restore?.department ?? asked.department;
  if (department !== undefined && !sameName(department, current.department?.name)) target.department = departmentNamed(department, dir);
  requireDisabledGroup(dir, rules, asked.addGroups);
  const start: ZiaRef[] = asked.restore?.groups ? groupsNamed(asked.restore.groups, dir) : [...(current.groups ?? [])];
  const groups = start.filter((g) => !asked.removeGroups.some((n) => sameName(n, g.name)) || asked.addGroups.some((n) => sameName(n, g.name)));
  for (const g of groupsNamed(asked.addGroups, dir)) if (!groups.some((r) => r.id === g.id)) groups.push(g);
  target.groups = groups;
  return target;
}

/** Whether writing `target` would change anything ZIA holds of `current` that the bridge maps. */
export function changesInZia(target: ZiaUserWrite, current: ZiaUser): boolean {
  const ids = (refs: readonly ZiaRef[] | undefined) =>
    (refs ?? [])
      .map((r) => r.id)
      .sort((a, b) => a - b)
      .join(',');
  return target.name !== current.name || target.department?.id !== current.department?.id || ids(target.groups) !== ids(current.groups);
}
