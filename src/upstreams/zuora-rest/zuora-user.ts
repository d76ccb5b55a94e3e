/**
 * A Zuora user as the integration guide (seed 000) describes it. Zuora's public OpenAPI does not define `/v1/users`
 * (upstreams.md §B.0): these fields are that guide's contract.
 */
export interface ZuoraUser {
  id: string;
  username: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  status?: 'Active' | 'Inactive';
  profileId?: string;
  userType?: string;
  tenantId?: string;
  phoneNumber?: string;
  title?: string;
  department?: string;
  locale?: string;
  timezone?: string;
  createdDate?: string;
  updatedDate?: string;
}

/** The writable fields, as sent on POST (all required ones set) and PUT (only what changes). */
export type ZuoraUserFields = Partial<Omit<ZuoraUser, 'id' | 'tenantId' | 'createdDate' | 'updatedDate' | 'userType'>>;

/** A partial PUT: only the fields present change; `null` clears an optional field. */
export type ZuoraUserUpdate = { [K in keyof ZuoraUserFields]?: ZuoraUserFields[K] | null };

export interface ZuoraProfile {
  id: string;
  name: string;
}
