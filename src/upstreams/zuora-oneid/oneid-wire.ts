import { z } from 'zod';
import { isJsonObject, type JsonObject, type JsonValue } from '../../scim/resource.js';

/** Zuora's extension schemas (docs/upstreams/zuora-oneid.md §4). */
export const USER_EXTENSION = 'urn:zuora:scim:schemas:1.0:UserExtension';
export const GROUP_EXTENSION = 'urn:zuora:scim:schemas:1.0:GroupExtension';

/** The two roles OneID knows: Organization Admin and Standard User (docs/upstreams/zuora-oneid.md §4). */
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
 * ListResponse, docs/upstreams/zuora-oneid.md §5). SCIM has no null attribute values (RFC 7643 §2.5: unassigned means absent), so they go.
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

/*
 * OneID's answers, checked before the adapter reads them (the createAUser, getASpecificUser, createANewGroup,
 * getASpecificGroup, getListOfUsers and getListGroups samples). Nulls are dropped first, as above; members the schemas
 * do not name pass through; an answer that does not match is a `malformed` error (a 502), never a cast.
 */

const text = z.string().optional();
const flag = z.boolean().optional();

/** Drops nulls at every depth before the schema reads the answer (an answer's JSON is a JsonValue). */
const withoutNulls = <S extends z.ZodType>(schema: S) => z.preprocess((value) => (value === undefined ? value : dropNulls(value as JsonValue)), schema);

const valueAndDisplay = z.looseObject({ value: text, display: text });

const oneIdUserAnswer = z.looseObject({
  id: z.string().min(1),
  userName: z.string().min(1),
  externalId: text,
  name: z.looseObject({ formatted: text, familyName: text, givenName: text }).optional(),
  displayName: text,
  preferredLanguage: text,
  locale: text,
  active: flag,
  emails: z.array(z.looseObject({ value: text, display: text, type: text, primary: flag })).optional(),
  roles: z.array(valueAndDisplay).optional(),
  groups: z.array(valueAndDisplay).optional(),
  [USER_EXTENSION]: z.looseObject({ organizationId: text, status: text, ssoEnabled: flag, region: text }).optional(),
});

const oneIdGroupAnswer = z.looseObject({
  id: z.string().min(1),
  displayName: z.string(),
  members: z.array(z.looseObject({ value: text, display: text })).optional(),
  [GROUP_EXTENSION]: z.looseObject({ description: text, organizationId: text, active: flag }).optional(),
});

/** A user or a group as OneID answers it (POST, GET, PUT, PATCH with a body, a 409 replaying the original). */
export const oneIdResourceSchema = {
  Users: withoutNulls(oneIdUserAnswer),
  Groups: withoutNulls(oneIdGroupAnswer),
} as const;

/**
 * A ListResponse (docs/upstreams/zuora-oneid.md §5): resources under `resources` or `Resources`, which RFC 7644 §3.4.2 lets an empty list leave
 * out. Each resource is checked like a single one.
 */
const listSchema = <S extends z.ZodType>(resource: S) =>
  withoutNulls(
    z
      .looseObject({
        totalResults: z.number().int().min(0).optional(),
        startIndex: z.number().int().optional(),
        itemsPerPage: z.number().int().optional(),
        resources: z.array(resource).optional(),
        Resources: z.array(resource).optional(),
      })
      .refine((list) => list.resources !== undefined || list.Resources !== undefined || list.totalResults === 0, 'a ListResponse without resources'),
  );

export const oneIdListSchema = { Users: listSchema(oneIdUserAnswer), Groups: listSchema(oneIdGroupAnswer) } as const;

/** `GET /ServiceProviderConfig`: read only to prove the credentials and the path work, so any JSON object will do. */
export const serviceProviderConfigSchema = z.looseObject({});

/** An answer the bridge does not read (DELETE's 204): anything, or nothing, as long as it is JSON. */
export const anyJsonAnswer = z.unknown();
