import { isJsonObject, type JsonObject, type JsonValue } from '../../scim/resource.js';

/** Zuora's extension schemas (upstreams.md §A.4). */
export const USER_EXTENSION = 'urn:zuora:scim:schemas:1.0:UserExtension';
export const GROUP_EXTENSION = 'urn:zuora:scim:schemas:1.0:GroupExtension';

/** The two roles OneID knows: Organization Admin and Standard User (upstreams.md §A.4). */
export type OneIdRole = 'ADMIN' | 'USER';

/** A user as OneID reads and writes it (createAUser, getASpecificUser samples); OneID may answer `null` for a key. */
export interface OneIdUser extends JsonObject {
  id?: string | null;
  userName: string;
  externalId?: string | null;
  name?: { formatted?: string | null; familyName?: string | null; givenName?: string | null } | null;
  displayName?: string | null;
  preferredLanguage?: string | null;
  locale?: string | null;
  active?: boolean | null;
  emails?: { value?: string | null; display?: string | null; type?: string | null; primary?: boolean | null }[] | null;
  roles?: { value?: string | null; display?: string | null }[] | null;
  groups?: { value?: string | null; display?: string | null }[] | null;
}

/** A group as OneID reads and writes it (createANewGroup, getASpecificGroup samples). */
export interface OneIdGroup extends JsonObject {
  id?: string | null;
  displayName: string;
  members?: { value: string; display?: string; operation?: string }[];
}

/**
 * OneID answers `null` for keys it has no value for (`"id": null, "externalId": null, "meta": null` on every
 * ListResponse, §A.5). SCIM has no null attribute values (RFC 7643 §2.5: unassigned means absent), so they go.
 */
export function dropNulls<T extends JsonValue>(value: T): T {
  if (Array.isArray(value)) return value.filter((v) => v !== null).map((v) => dropNulls(v)) as T;
  if (!isJsonObject(value)) return value;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out[k] = dropNulls(v);
  return out as T;
}

/** The resources of a ListResponse, under OneID's lower-case `resources` or RFC 7644 §3.4.2's `Resources`. */
export function listResources(body: unknown): { resources: JsonObject[]; totalResults: number | undefined } {
  if (!isJsonObject(body)) return { resources: [], totalResults: undefined };
  const raw = Array.isArray(body.resources) ? body.resources : Array.isArray(body.Resources) ? body.Resources : [];
  const resources = raw.filter(isJsonObject).map((r) => dropNulls(r));
  return { resources, totalResults: typeof body.totalResults === 'number' ? body.totalResults : undefined };
}

/** The extension block of a resource, if it carries one. */
export const extensionOf = (resource: JsonObject, urn: string): JsonObject | undefined => {
  const ext = resource[urn];
  return isJsonObject(ext) ? ext : undefined;
};
