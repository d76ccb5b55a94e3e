import { z } from 'zod';
import { nullMeansAbsent } from '../http/wire-schema.js';

/*
 * ZIA's users, departments and groups as the admin API documents them (docs/upstreams/zscaler-zia.md §4; `authMethods` and
 * `deleted` from ZSDK). Ids are integers. The schemas check every answer the client reads: members they do not name
 * pass through (and so survive the full-replacement PUT, which sends back what was read), a `null` reads as absent,
 * and an answer that does not match is a `malformed` error (a 502), never a cast.
 */

const text = z.string().optional();
const flag = z.boolean().optional();

/** A department or a group, as a user names it and as `GET /departments` and `GET /groups` list it. */
export const ziaRefSchema = nullMeansAbsent(
  z.looseObject({
    id: z.number().int(),
    name: z.string(),
    idpId: z.number().int().optional(),
    comments: text,
    isSystemDefined: flag,
    deleted: flag,
  }),
);
export type ZiaRef = z.output<typeof ziaRefSchema>;

const ziaUserObject = z.object({
  id: z.number().int(),
  name: z.string(),
  email: z.string(),
  /** Required by the model; a user in no group may come without it. */
  groups: z.array(ziaRefSchema).default([]),
  department: ziaRefSchema,
  comments: text,
  tempAuthEmail: text,
  password: text,
  adminUser: flag,
  type: text,
  authMethods: z.array(z.string()).optional(),
  deleted: flag,
});

export type ZiaUser = z.output<typeof ziaUserObject>;

/** A user as written: everything but the id (PUT is a full replacement, so every field is always sent). */
export type ZiaUserWrite = Omit<ZiaUser, 'id'>;

/** `GET /users/{userId}`, `POST /users`, `PUT /users/{userId}`, and each row of `GET /users`. */
export const ziaUserSchema = nullMeansAbsent(ziaUserObject.loose());
