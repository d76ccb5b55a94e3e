import type { UpstreamContext } from '../call-record.js';
import type { UpstreamHttpClient } from '../http/index.js';
import { UpstreamError } from '../upstream-error.js';
import type { ZuoraRestConfig } from './zuora-rest-config.js';
import {
  zuoraAckSchema,
  zuoraCreatedSchema,
  zuoraProfilesSchema,
  zuoraUpdatedSchema,
  zuoraUserPageSchema,
  zuoraUserSchema,
  type ZuoraProfile,
  type ZuoraUser,
  type ZuoraUserFields,
  type ZuoraUserUpdate,
} from './zuora-user.js';

/**
 * Raw calls to Zuora REST `/v1/users` and `/v1/user-profiles` (seed 000). No mapping, no decisions. Every answer is
 * read through its schema in `zuora-user.ts`: one that does not match is a `malformed` error (a 502), never a cast.
 */
export function zuoraRestClient(http: UpstreamHttpClient, config: Pick<ZuoraRestConfig, 'paths' | 'pageSize'>) {
  const users = config.paths.users;
  const one = `${users}/{id}`;
  const at = (id: string) => `${users}/${encodeURIComponent(id)}`;

  return {
    async listProfiles(ctx: UpstreamContext): Promise<ZuoraProfile[]> {
      const res = await http.request({ method: 'GET', path: config.paths.profiles, answer: zuoraProfilesSchema }, ctx);
      return res.body.profiles;
    },

    /** One page; `next` is the absolute `nextPage` URL Zuora gives while more rows exist (docs/upstreams/zuora-rest.md §5). */
    async listPage(ctx: UpstreamContext, next?: string): Promise<{ users: ZuoraUser[]; next: string | undefined }> {
      const res = await http.request(
        next
          ? { method: 'GET', path: next, route: users, answer: zuoraUserPageSchema }
          : { method: 'GET', path: users, query: { pageSize: config.pageSize, page: 1 }, answer: zuoraUserPageSchema },
        ctx,
      );
      return { users: res.body.users, next: res.body.nextPage || undefined };
    },

    async get(id: string, ctx: UpstreamContext): Promise<ZuoraUser | undefined> {
      try {
        return (await http.request({ method: 'GET', path: at(id), route: one, answer: zuoraUserSchema }, ctx)).body;
      } catch (e) {
        if (e instanceof UpstreamError && e.kind === 'notFound') return undefined;
        throw e;
      }
    },

    /** POST: the guide's answer is `{id, username, status}`. */
    async create(fields: ZuoraUserFields, ctx: UpstreamContext): Promise<Partial<ZuoraUser> & { id: string }> {
      return (await http.request({ method: 'POST', path: users, json: fields, answer: zuoraCreatedSchema }, ctx)).body;
    },

    /** PUT is a partial update (seed 000): only the fields sent change; `null` clears an optional one. */
    async update(id: string, fields: ZuoraUserUpdate, ctx: UpstreamContext): Promise<Partial<ZuoraUser>> {
      return (await http.request({ method: 'PUT', path: at(id), route: one, json: fields, answer: zuoraUpdatedSchema }, ctx)).body ?? {};
    },

    /** Irreversible (seed 000). */
    async remove(id: string, ctx: UpstreamContext): Promise<void> {
      await http.request({ method: 'DELETE', path: at(id), route: one, answer: zuoraAckSchema }, ctx);
    },
  };
}

export type ZuoraRestClient = ReturnType<typeof zuoraRestClient>;
