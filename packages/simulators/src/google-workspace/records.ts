/** The Directory API resources the simulator keeps (users, groups, members, org units), in the API's own field names. */

export interface GoogleUserName {
  givenName: string;
  familyName: string;
  fullName: string;
}

export interface GoogleUserOrganization {
  title?: string;
  department?: string;
  costCenter?: string;
  primary?: boolean;
}

export interface GoogleUserRecord {
  /** A 21-digit numeric string, as Google's user ids are. */
  id: string;
  primaryEmail: string;
  name: GoogleUserName;
  emails: Array<{ address: string; primary?: boolean; type?: string }>;
  phones: Array<{ value: string; type: string; primary?: boolean }>;
  organizations: GoogleUserOrganization[];
  externalIds: Array<{ value: string; type: string }>;
  suspended: boolean;
  suspensionReason?: string;
  archived: boolean;
  orgUnitPath: string;
  isAdmin: boolean;
  isDelegatedAdmin: boolean;
  creationTime: string;
  lastLoginTime: string;
  /** Only answered with `projection=full` (or custom), as the API does. */
  customSchemas?: Record<string, Record<string, unknown>>;
  /** Set once deleted: the user then lists only with `showDeleted=true`. */
  deletionTime?: string;
}

export interface GoogleGroupRecord {
  id: string;
  email: string;
  name: string;
  description: string;
  adminCreated: boolean;
}

export type GoogleMemberRole = 'OWNER' | 'MANAGER' | 'MEMBER';
export type GoogleMemberType = 'USER' | 'GROUP';

/** One direct membership: `memberId` is a user's or a group's id. */
export interface GoogleMemberRecord {
  groupId: string;
  memberId: string;
  role: GoogleMemberRole;
  type: GoogleMemberType;
}

export interface GoogleOrgUnitRecord {
  orgUnitId: string;
  name: string;
  description: string;
  orgUnitPath: string;
  parentOrgUnitPath: string;
  blockInheritance: boolean;
}

/** The Google Workspace account the directory belongs to. */
export interface GoogleCustomer {
  /** `C` and eight characters, e.g. `C03az79cb`. */
  id: string;
  domain: string;
}
