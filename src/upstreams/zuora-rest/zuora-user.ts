import { z } from 'zod';
import { nullMeansAbsent } from '../http/wire-schema.js';

/*
 * Zuora REST's wire format as the integration guide (seed 000) describes it. Zuora's public OpenAPI does not define
 * `/v1/users` (see the README): these fields are that guide's contract. The schemas check every answer the client
 * reads; members they do not name pass through, and a `null` reads as absent.
 */

const text = z.string().optional();

const zuoraUserObject = z.object({
  id: z.string().min(1),
  username: z.string().min(1),
  email: text,
  firstName: text,
  lastName: text,
  /** `Active` or `Inactive` in the guide; any other word is read (as active) rather than failing every read of it. */
  status: text,
  profileId: text,
  userType: text,
  tenantId: text,
  phoneNumber: text,
  title: text,
  department: text,
  locale: text,
  timezone: text,
  createdDate: text,
  updatedDate: text,
});

/** A Zuora user (`GET /v1/users/{id}`, and each row of `GET /v1/users`). */
export type ZuoraUser = z.output<typeof zuoraUserObject>;

/** The writable fields, as sent on POST (all required ones set) and PUT (only what changes). */
export type ZuoraUserFields = Partial<Omit<ZuoraUser, 'id' | 'tenantId' | 'createdDate' | 'updatedDate' | 'userType'>>;

/** A partial PUT: only the fields present change; `null` clears an optional field. */
export type ZuoraUserUpdate = { [K in keyof ZuoraUserFields]?: ZuoraUserFields[K] | null };

const zuoraProfileObject = z.object({ id: z.string().min(1), name: z.string() });
export type ZuoraProfile = z.output<typeof zuoraProfileObject>;

export const zuoraUserSchema = nullMeansAbsent(zuoraUserObject.loose());

/** `GET /v1/users`: a page of users and, while more exist, the absolute URL of the next page (`nextPage`). */
export const zuoraUserPageSchema = nullMeansAbsent(z.looseObject({ users: z.array(zuoraUserSchema), nextPage: z.string().optional() }));

/** `GET /v1/user-profiles`. */
export const zuoraProfilesSchema = nullMeansAbsent(z.looseObject({ profiles: z.array(nullMeansAbsent(zuoraProfileObject.loose())) }));

/** `POST /v1/users`: the guide's answer is `{id, username, status}`; an id is what the bridge cannot do without. */
export const zuoraCreatedSchema = nullMeansAbsent(
  zuoraUserObject
    .partial()
    .extend({ id: z.string().min(1) })
    .loose(),
);

/** `PUT /v1/users/{id}`: the id, the fields sent and the status, or nothing at all. */
export const zuoraUpdatedSchema = nullMeansAbsent(zuoraUserObject.partial().loose()).optional();

/** `DELETE /v1/users/{id}`: `{"success": true}` (a `success: false` is an error before the schema is asked). */
export const zuoraAckSchema = nullMeansAbsent(z.looseObject({ success: z.boolean().optional() })).optional();
