import { stableStringify } from '../../scim/etag.js';
import type { UpstreamContext } from '../call-record.js';
import type { UpstreamUser, UpstreamUsers, UserWrite } from '../upstream.js';
import { UpstreamError } from '../upstream-error.js';
import { listPages } from './list-pages.js';
import { fromOneIdUser, heldRole, ssoEnabledOf, toOneIdUser, type UserMappingRules } from './mapping.js';
import { extensionOf, USER_EXTENSION, type OneIdUser } from './oneid-wire.js';
import { mergeIntoScim } from './user-merge.js';
import type { ZuoraOneIdClient } from './zuora-oneid-client.js';

const read = (body: unknown): UpstreamUser => fromOneIdUser(body as OneIdUser);

/** The OneID user a stored view stands for, with the role OneID is known to hold; `undefined` if it has no email. */
function heldBody(current: UpstreamUser, write: UserWrite, rules: UserMappingRules): OneIdUser | undefined {
  try {
    const role = heldRole(current.user);
    return toOneIdUser(current.user, write.groupNames, rules, { ...(role ? { role } : {}), ssoEnabled: ssoEnabledOf(current.user) });
  } catch {
    return undefined;
  }
}

/**
 * OneID users (upstreams.md §A.3, §A.4): create is one POST; replace is one full-overwrite PUT, sent only when
 * something OneID holds would change; DELETE deactivates ("Deactivates a specific user"); `active` moves both ways
 * through PUT ("Deactivated users can be re-enabled by setting the active attribute to true").
 */
export function oneIdUsers(client: ZuoraOneIdClient, config: UserMappingRules & { usersPageSize: number }): UpstreamUsers {
  const put = async (upstreamId: string, body: OneIdUser, ctx: UpstreamContext) => read(await client.replace('Users', upstreamId, body, ctx));

  /**
   * A create that meets a deactivated OneID user with the same userName reactivates and updates it instead of failing
   * (issue 3: OneID never removes users, so a name once used stays taken). An active or pending user stays a conflict.
   */
  async function reviveDeactivated(error: UpstreamError, body: OneIdUser, ctx: UpstreamContext): Promise<UpstreamUser> {
    const found = await client.findUser(body.userName, ctx);
    const status = found ? extensionOf(found, USER_EXTENSION)?.status : undefined;
    if (!found || typeof found.id !== 'string' || status !== 'INACTIVE') throw error;
    return put(found.id, body, ctx);
  }

  return {
    async create(write, ctx) {
      const body = toOneIdUser(write.user, write.groupNames, config);
      try {
        return read(await client.create('Users', body, ctx));
      } catch (e) {
        if (e instanceof UpstreamError && e.kind === 'conflict') return reviveDeactivated(e, body, ctx);
        throw e;
      }
    },
    async get(upstreamId, ctx) {
      const body = await client.get('Users', upstreamId, ctx);
      return body === undefined ? undefined : read(body);
    },
    async replace(upstreamId, write, ctx, current) {
      const target = toOneIdUser(write.user, write.groupNames, config, { ssoEnabled: ssoEnabledOf(current?.user) });
      // OneID's PUT overwrites everything, so it is only worth sending when something OneID holds would change.
      if (current && stableStringify(heldBody(current, write, config)) === stableStringify(target)) {
        const held = extensionOf(current.user, USER_EXTENSION) ?? {};
        return read({ ...target, id: upstreamId, [USER_EXTENSION]: { ...held, ...(extensionOf(target, USER_EXTENSION) ?? {}) } });
      }
      return put(upstreamId, target, ctx);
    },
    delete: (upstreamId, ctx) => client.remove('Users', upstreamId, ctx),
    async *list(ctx) {
      for await (const page of listPages(client, 'Users', { pageSize: config.usersPageSize, startIndex: 'item' }, ctx)) yield page.map(read);
    },
    merge: (base, fromUpstream) => mergeIntoScim(base, fromUpstream.user),
  };
}
