import { createHash } from 'node:crypto';
import type { GoogleGroupRecord, GoogleMemberRecord, GoogleOrgUnitRecord, GoogleUserRecord } from './records.js';
import type { DirectoryState } from './state.js';

/** An entity tag for a resource: a digest of what it answers, quoted as Google's are. */
export function etagOf(value: unknown): string {
  return `"${createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 27)}"`;
}

export type Projection = 'basic' | 'full';

/** A user as users.list answers it; `customSchemas` only with the full projection. */
export function userView(user: GoogleUserRecord, customerId: string, projection: Projection): Record<string, unknown> {
  const { customSchemas, ...rest } = user;
  const body: Record<string, unknown> = {
    kind: 'admin#directory#user',
    ...rest,
    customerId,
    agreedToTerms: true,
    changePasswordAtNextLogin: false,
    ipWhitelisted: false,
    isMailboxSetup: true,
    isEnrolledIn2Sv: user.isAdmin,
    isEnforcedIn2Sv: false,
    includeInGlobalAddressList: true,
    ...(projection === 'full' && customSchemas ? { customSchemas } : {}),
  };
  return { ...body, etag: etagOf(body) };
}

/** A group as groups.list answers it; `directMembersCount` is a string, as the API's int64 fields are. */
export function groupView(group: GoogleGroupRecord, state: DirectoryState): Record<string, unknown> {
  const body = {
    kind: 'admin#directory#group',
    id: group.id,
    email: group.email,
    name: group.name,
    description: group.description,
    directMembersCount: String(state.members(group.id).length),
    adminCreated: group.adminCreated,
  };
  return { ...body, etag: etagOf(body) };
}

/** A member as members.list answers it; a suspended user's membership shows `SUSPENDED`. */
export function memberView(member: GoogleMemberRecord, state: DirectoryState): Record<string, unknown> | undefined {
  const user = member.type === 'USER' ? state.userById(member.memberId) : undefined;
  const group = member.type === 'GROUP' ? state.groupById(member.memberId) : undefined;
  const email = user?.primaryEmail ?? group?.email;
  if (email === undefined) return undefined;
  const body = {
    kind: 'admin#directory#member',
    id: member.memberId,
    email,
    role: member.role,
    type: member.type,
    status: user?.suspended ? 'SUSPENDED' : 'ACTIVE',
    delivery_settings: 'ALL_MAIL',
  };
  return { ...body, etag: etagOf(body) };
}

export function orgUnitView(unit: GoogleOrgUnitRecord, state: DirectoryState): Record<string, unknown> {
  const parent = state.orgUnits().find((u) => u.orgUnitPath === unit.parentOrgUnitPath);
  const body = {
    kind: 'admin#directory#orgUnit',
    name: unit.name,
    description: unit.description,
    orgUnitPath: unit.orgUnitPath,
    orgUnitId: unit.orgUnitId,
    parentOrgUnitPath: unit.parentOrgUnitPath,
    parentOrgUnitId: parent?.orgUnitId ?? ROOT_ORG_UNIT_ID,
    blockInheritance: unit.blockInheritance,
  };
  return { ...body, etag: etagOf(body) };
}

/** The root organisational unit's id; the root itself is never listed. */
export const ROOT_ORG_UNIT_ID = 'id:03ph8a2z000000';
