import { randomUUID } from 'node:crypto';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA, type ScimUser } from '../../scim/resource.js';
import { isParkedId, PARKED_ID_PREFIX, type UpstreamUser } from '../upstream.js';
import { loginOf } from './login-rule.js';
import { departmentNameOf, ziaNameOf, type ZiaMappingRules } from './mapping.js';

/**
 * ZIA users have no inactive state (docs/upstreams/zscaler-zia.md §4), so a deactivation in `delete` mode removes the ZIA user and
 * "parks" the SCIM user: the adapter answers an id with the generic parked prefix (`PARKED_ID_PREFIX` in upstream.ts),
 * the core keeps the SCIM view itself, and a reactivation re-creates the user in ZIA under a new id.
 */
export { isParkedId };

/** `parked:<ZIA id>` for a user deleted on deactivation; `parked:new-<uuid>` for one created inactive. */
export const parkedId = (ziaId?: number): string => `${PARKED_ID_PREFIX}${ziaId ?? `new-${randomUUID()}`}`;

/** What ZIA would hold of this user were it there, inactive: the view the core keeps for a parked user. */
export function parkedView(u: ScimUser, rules: Pick<ZiaMappingRules, 'defaultDepartment' | 'login'>): ScimUser {
  const email = loginOf(u, rules.login).value;
  const department = departmentNameOf(u) ?? rules.defaultDepartment;
  return {
    schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
    userName: email ?? u.userName,
    displayName: ziaNameOf(u),
    active: false,
    ...(email ? { emails: [{ value: email, type: 'work', primary: true }] } : {}),
    [ENTERPRISE_USER_SCHEMA]: department ? { department } : {},
  };
}

/** A parked user as the adapter answers it: not in ZIA, so in no ZIA group. */
export function parkedUser(upstreamId: string, u: ScimUser, rules: Pick<ZiaMappingRules, 'defaultDepartment' | 'login'>): UpstreamUser {
  const department = departmentNameOf(u) ?? rules.defaultDepartment ?? null;
  return { upstreamId, user: parkedView(u, rules), state: { department, groups: [] } };
}
