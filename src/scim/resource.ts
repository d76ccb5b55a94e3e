/**
 * Plain SCIM resource shapes (RFC 7643). The protocol core works on plain JSON objects: these types document the
 * attributes the bridge reads and writes, and everything else an IdP sends travels along as unknown keys.
 */

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const LIST_RESPONSE_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const PATCH_OP_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue | undefined;
}

export type ResourceTypeName = 'User' | 'Group';

export interface Meta {
  resourceType: ResourceTypeName;
  created: string;
  lastModified: string;
  location?: string;
  version?: string;
}

export interface MultiValue extends JsonObject {
  value?: string;
  display?: string;
  type?: string;
  primary?: boolean;
}

export interface GroupMember extends JsonObject {
  value: string;
  display?: string;
  $ref?: string;
  type?: 'User' | 'Group';
}

/** A SCIM resource as the core handles it: schemas, id, meta and any attributes. */
export interface ScimResource extends JsonObject {
  schemas: string[];
  id?: string;
  externalId?: string;
  meta?: Meta & JsonObject;
}

export interface ScimUser extends ScimResource {
  userName: string;
  name?: { formatted?: string; familyName?: string; givenName?: string; middleName?: string; honorificPrefix?: string; honorificSuffix?: string } & JsonObject;
  displayName?: string;
  active?: boolean;
  emails?: MultiValue[];
  phoneNumbers?: MultiValue[];
  roles?: MultiValue[];
  groups?: MultiValue[];
}

export interface ScimGroup extends ScimResource {
  displayName: string;
  members?: GroupMember[];
}

export interface ListResponse<T extends JsonObject = ScimResource> {
  schemas: [typeof LIST_RESPONSE_SCHEMA];
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  Resources: T[];
}

export type PatchOpName = 'add' | 'remove' | 'replace';

/** One PATCH operation after normalisation: lower-case `op`, `path` absent when the IdP sent none. */
export interface PatchOperation {
  op: PatchOpName;
  path?: string;
  value?: JsonValue;
}

export interface PatchRequest {
  schemas: string[];
  Operations: PatchOperation[];
}

export const isJsonObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
