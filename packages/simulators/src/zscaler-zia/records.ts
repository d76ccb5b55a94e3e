/*
 * ZIA's user-management models (ZH-UM "Models"; docs/upstreams/zscaler-zia.md §4). Ids are int32.
 */

/** `{id, name}` as a user's `department` and `groups[]` show it. */
export interface ZiaReference {
  id: number;
  name: string;
}

/** ZH-UM Department: `name` required; `idpId` and `comments` are "not applicable to the Lite API". */
export interface ZiaDepartment {
  id: number;
  name: string;
  idpId?: number;
  comments?: string;
  deleted: boolean;
}

/** ZH-UM Group. */
export interface ZiaGroup {
  id: number;
  name: string;
  idpId?: number;
  comments?: string;
  isSystemDefined: boolean;
}

/** "Provided only if this user is not an end user" (ZH-UM); the values are those admin tooling lists [INF]. */
export const ZIA_USER_TYPES = ['SUPERADMIN', 'ADMIN', 'AUDITOR', 'GUEST', 'REPORT_USER', 'UNAUTH'] as const;
export type ZiaUserType = (typeof ZIA_USER_TYPES)[number];

/** What a user is made of, as stored: the department and groups by id, so renaming one shows on every user. */
export interface ZiaUserFields {
  name: string;
  email: string;
  departmentId: number;
  groupIds: number[];
  comments?: string;
  tempAuthEmail?: string;
  adminUser: boolean;
  type?: ZiaUserType;
  /** Write-only: never in an API response. */
  password?: string;
}

/** A user as `GET /users/{userId}` answers it (ZH-UM User; `deleted` as in ZSDK's model [SDK]). */
export interface ZiaUser {
  id: number;
  name: string;
  email: string;
  groups: ZiaReference[];
  department: ZiaReference;
  comments?: string;
  tempAuthEmail?: string;
  adminUser: boolean;
  type?: ZiaUserType;
  deleted: boolean;
}

/** A user as the simulator's handle shows it to tests: the API view plus the password the API never returns. */
export type ZiaUserRecord = ZiaUser & { password?: string };
