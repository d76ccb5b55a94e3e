/*
 * What the simulator stores per OneID user and group. Users keep one email: OneID answers every email as
 * `type:"work", primary:true`, even after a PATCH that sent `type:"home", primary:false` (partialUpdateASpecificUser
 * samples), so only the address itself is state.
 */

export type OneIdRole = 'ADMIN' | 'USER';
/** Extension `status` values seen in the samples (docs/upstreams/zuora-oneid.md §4). */
export type OneIdUserStatus = 'ACTIVE' | 'INACTIVE' | 'PENDING_ACTIVATION';
export type OneIdRegion = 'US' | 'EU';

export interface OneIdName {
  formatted?: string;
  familyName?: string;
  givenName?: string;
}

/** The attributes a client writes (POST, PUT, PATCH); absent optional keys are unset. */
export interface OneIdUserFields {
  userName: string;
  externalId?: string;
  name?: OneIdName;
  displayName?: string;
  preferredLanguage?: string;
  locale?: string;
  active: boolean;
  email: string;
  roles: OneIdRole[];
  ssoEnabled: boolean;
}

export interface OneIdUserRecord extends OneIdUserFields {
  id: string;
  organizationId: string;
  status: OneIdUserStatus;
  region: OneIdRegion;
  created: string;
  lastModified: string;
}

export interface OneIdGroupFields {
  displayName: string;
  description: string;
  /** Member user ids, in the order they were added. */
  members: string[];
}

export interface OneIdGroupRecord extends OneIdGroupFields {
  id: string;
  organizationId: string;
  created: string;
  lastModified: string;
}
