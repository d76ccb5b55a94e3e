import { clientTimeouts } from '../http/transport-config.js';
import type { Dispatcher } from 'undici';
import type { ScimUser } from '../../scim/resource.js';
import type { UpstreamCallRecord, UpstreamContext } from '../call-record.js';
import { createClientCredentialsAuth, createUpstreamHttpClient } from '../http/index.js';
import type { UpstreamAdapter, UpstreamUser, UserWrite } from '../upstream.js';
import { UpstreamError } from '../upstream-error.js';
import { changedFields, emailOf, fromZuora, mergeIntoScim, PROFILE_ROLE_TYPE, toZuoraFields } from './mapping.js';
import { profileCatalogue } from './profile-catalogue.js';
import { profileMappingProblems } from './profile-mapping-check.js';
import { findProfile, resolveProfile } from './profile-resolver.js';
import { classifyZuoraResponse } from './zuora-envelope.js';
import { zuoraRestClient } from './zuora-rest-client.js';
import { type ZuoraRestConfig, zuoraRestBaseUrl } from './zuora-rest-config.js';
import type { ZuoraUser, ZuoraUserFields } from './zuora-user.js';

export interface ZuoraRestAdapterDeps {
  dispatcher?: Dispatcher;
  onCall?: (record: UpstreamCallRecord) => void;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const requestedRoles = (u: ScimUser): string[] =>
  (u.roles ?? []).filter((r) => r.type !== PROFILE_ROLE_TYPE && typeof r.value === 'string').map((r) => r.value as string);

/** Only what a POST needs: empty optional fields and the default status are left out. */
const forCreate = (f: ZuoraUserFields): ZuoraUserFields =>
  Object.fromEntries(Object.entries(f).filter(([k, v]) => v !== '' && !(k === 'status' && v === 'Active'))) as ZuoraUserFields;

/**
 * Zuora REST `/v1/users` as an upstream (seed 000, upstreams.md §B): no groups upstream (the bridge keeps them and
 * maps them, with roles, to the one `profileId` every user holds), `active` ⇄ `status`, DELETE deactivates unless
 * configured otherwise, and `externalId` lives in the bridge's store.
 */
export function createZuoraRestAdapter(config: ZuoraRestConfig, deps: ZuoraRestAdapterDeps = {}): UpstreamAdapter {
  const baseUrl = zuoraRestBaseUrl(config);
  const now = deps.now ?? Date.now;
  const auth = createClientCredentialsAuth({
    tokenUrl: `${baseUrl}${config.paths.token}`,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    upstream: 'zuora-rest',
    ...(deps.dispatcher ? { dispatcher: deps.dispatcher } : {}),
    now,
  });
  const http = createUpstreamHttpClient({
    upstream: 'zuora-rest',
    baseUrl,
    auth,
    dispatcher: deps.dispatcher,
    trackingHeader: 'Zuora-Track-Id',
    headers: { Accept: 'application/json', ...(config.entityId ? { 'Zuora-Entity-Ids': config.entityId } : {}) },
    timeouts: clientTimeouts(config),
    retry: config.retry,
    classify: classifyZuoraResponse,
    onCall: deps.onCall,
    sleep: deps.sleep,
    now,
  });
  const client = zuoraRestClient(http, config);
  const catalogue = profileCatalogue(client, now);
  const mapping = config.profiles;

  const toUpstreamUser = (z: ZuoraUser): UpstreamUser => ({ upstreamId: z.id, user: fromZuora(z, catalogue.nameOf(z.profileId)) });

  async function profileFor(write: UserWrite, ctx: UpstreamContext) {
    const roles = requestedRoles(write.user);
    const wanted = [mapping.default, ...roles.flatMap((r) => mapping.roles[r] ?? []), ...write.groupNames.flatMap((g) => mapping.groups[g] ?? [])];
    const profiles = await catalogue.covering(wanted, ctx);
    return resolveProfile(roles, write.groupNames, mapping, profiles) ?? catalogue.require(profiles, mapping.default);
  }

  /** The Zuora fields a stored SCIM view stands for, its profile read back from its `roles` entry. */
  async function fieldsOf(current: UpstreamUser, ctx: UpstreamContext): Promise<ZuoraUserFields> {
    const shown = current.user.roles?.find((r) => r.type === PROFILE_ROLE_TYPE)?.value;
    const profile = shown ? findProfile(await catalogue.all(ctx), shown) : undefined;
    return toZuoraFields(current.user, profile?.id ?? '');
  }

  /** After a POST whose answer was lost (timeout, reset), the user may exist: look before failing. */
  async function findByUserName(userName: string, ctx: UpstreamContext): Promise<ZuoraUser | undefined> {
    const lower = userName.toLowerCase();
    for await (const page of pages(ctx)) {
      const hit = page.find((z) => z.username.toLowerCase() === lower);
      if (hit) return hit;
    }
    return undefined;
  }

  async function* pages(ctx: UpstreamContext): AsyncIterable<ZuoraUser[]> {
    let next: string | undefined;
    do {
      const page = await client.listPage(ctx, next);
      yield page.users;
      next = page.next;
    } while (next);
  }

  return {
    name: 'zuora-rest',
    capabilities: { nativeGroups: false, deleteMode: config.deleteMode, holdsExternalId: false },
    users: {
      async create(write, ctx) {
        const profile = await profileFor(write, ctx);
        const fields = toZuoraFields(write.user, profile.id);
        if (!emailOf(write.user)) throw new UpstreamError('invalid', 'zuora-rest', 'Zuora requires an email: send emails or an email-shaped userName');
        try {
          const created = await client.create(forCreate(fields), ctx);
          return toUpstreamUser({ ...fields, ...created, username: fields.username ?? write.user.userName } as ZuoraUser);
        } catch (e) {
          if (!(e instanceof UpstreamError) || (e.kind !== 'timeout' && e.kind !== 'unavailable')) throw e;
          const existing = await findByUserName(write.user.userName, ctx).catch(() => undefined);
          if (!existing) throw e;
          return toUpstreamUser(existing);
        }
      },
      async get(upstreamId, ctx) {
        if (!catalogue.nameOf('')) await catalogue.all(ctx);
        const z = await client.get(upstreamId, ctx);
        return z ? toUpstreamUser(z) : undefined;
      },
      async replace(upstreamId, write, ctx, current) {
        const profile = await profileFor(write, ctx);
        const target = toZuoraFields(write.user, profile.id);
        const before = current ? await fieldsOf(current, ctx) : undefined;
        const diff = before ? changedFields(before, target) : target;
        if (Object.keys(diff).length === 0 && current) return { upstreamId, user: fromZuora({ id: upstreamId, ...target } as ZuoraUser, profile.name) };
        await client.update(upstreamId, diff, ctx);
        return { upstreamId, user: fromZuora({ id: upstreamId, ...target } as ZuoraUser, profile.name) };
      },
      async delete(upstreamId, ctx) {
        if (config.deleteMode === 'delete') await client.remove(upstreamId, ctx);
        else await client.update(upstreamId, { status: 'Inactive' }, ctx);
      },
      async *list(ctx) {
        await catalogue.all(ctx);
        for await (const page of pages(ctx)) yield page.map(toUpstreamUser);
      },
      merge: (base, fromUpstream) => mergeIntoScim(base, fromUpstream.user),
    },
    async check(ctx) {
      await catalogue.all(ctx);
    },
    mappingProblems: (ctx) => profileMappingProblems(catalogue, mapping, ctx),
    close: () => http.close(),
  };
}
