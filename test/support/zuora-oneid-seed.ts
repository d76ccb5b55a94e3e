import type { ZuoraOneIdSimulator } from '@scim-bridge/simulators/zuora-oneid';

const USER_EXTENSION = 'urn:zuora:scim:schemas:1.0:UserExtension';
const GROUP_EXTENSION = 'urn:zuora:scim:schemas:1.0:GroupExtension';

/** A OneID user as an admin would have made it in OneID before the bridge: its own role, language, locale and SSO. */
export interface OneIdSeedUser {
  userName: string;
  givenName: string;
  familyName: string;
  displayName?: string;
  role: 'ADMIN' | 'USER';
  preferredLanguage?: string;
  locale?: string;
  ssoEnabled?: boolean;
  externalId?: string;
}

async function post(sim: ZuoraOneIdSimulator, path: string, body: unknown): Promise<{ id: string }> {
  const res = await sim.app.inject({
    method: 'POST',
    url: `/scim/v2/${path}`,
    headers: { authorization: `Bearer ${sim.issueToken()}`, 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });
  if (res.statusCode !== 201) throw new Error(`seeding ${path} failed: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string };
}

/**
 * Create users and groups in the simulator through its own API, as OneID's console would have, and forget those calls,
 * so a test's call log holds only what the bridge sent afterwards. Returns the OneID ids.
 */
export async function seedOneId(
  sim: ZuoraOneIdSimulator,
  users: readonly OneIdSeedUser[],
  groups: readonly { displayName: string; description?: string; members: readonly string[] }[] = [],
): Promise<{ users: Record<string, string>; groups: Record<string, string> }> {
  const userIds: Record<string, string> = {};
  for (const u of users) {
    const formatted = `${u.givenName} ${u.familyName}`;
    const created = await post(sim, 'Users', {
      schemas: [USER_EXTENSION, 'urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: u.userName,
      externalId: u.externalId ?? u.userName,
      name: { givenName: u.givenName, familyName: u.familyName, formatted },
      displayName: u.displayName ?? formatted,
      preferredLanguage: u.preferredLanguage ?? 'en',
      locale: u.locale ?? 'en-US',
      active: true,
      emails: [{ value: u.userName }],
      roles: [{ value: u.role }],
      [USER_EXTENSION]: { organizationId: sim.orgId, ssoEnabled: u.ssoEnabled ?? true },
    });
    userIds[u.userName] = created.id;
  }
  const groupIds: Record<string, string> = {};
  for (const g of groups) {
    const created = await post(sim, 'Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group', GROUP_EXTENSION],
      displayName: g.displayName,
      members: g.members.map((userName) => ({ value: userIds[userName] })),
      [GROUP_EXTENSION]: { organizationId: sim.orgId, description: g.description ?? '' },
    });
    groupIds[g.displayName] = created.id;
  }
  sim.resetCalls();
  return { users: userIds, groups: groupIds };
}
