/** A ZIA user, department and group as the admin API holds them (upstreams.md §C.4). Ids are integers. */
export interface ZiaRef {
  id: number;
  name: string;
  idpId?: number;
  comments?: string;
  isSystemDefined?: boolean;
  deleted?: boolean;
}

export interface ZiaUser {
  id: number;
  name: string;
  email: string;
  groups: ZiaRef[];
  department: ZiaRef;
  comments?: string;
  tempAuthEmail?: string;
  password?: string;
  adminUser?: boolean;
  type?: string;
  authMethods?: string[];
  deleted?: boolean;
}

/** A user as written: everything but the id (PUT is a full replacement, so every field is always sent). */
export type ZiaUserWrite = Omit<ZiaUser, 'id'>;
