import type { UpstreamContext } from '../call-record.js';
import type { UpstreamState, UpstreamUser, UpstreamUsers, UserWrite } from '../upstream.js';
import { UpstreamError } from '../upstream-error.js';
import {
  applyChanges,
  changedFields,
  creationFields,
  emailAddressOf,
  fieldsShownBy,
  fromZuora,
  mergeIntoScim,
  PROFILE_ROLE_TYPE,
  requestedRoles,
  writeTarget,
} from './mapping.js';
import type { profileCatalogue } from './profile-catalogue.js';
import { decideProfile } from './profile-ownership.js';
import { findProfile } from './profile-resolver.js';
import type { ZuoraRestClient } from './zuora-rest-client.js';
import type { ZuoraRestConfig } from './zuora-rest-config.js';
import type { ZuoraProfile, ZuoraUser } from './zuora-user.js';

type Catalogue = ReturnType<typeof profileCatalogue>;
type Status = 'Active' | 'Inactive';

const NO_EMAIL = 'emails: Zuora requires an email address for every user (the last address cannot be removed)';

/**
 * The users of a Zuora REST tenant, written on an IdP's behalf only as far as the write asks:
 *
 * - **Profile.** Set at creation from the mapping (else the default); afterwards only when the mapped inputs changed
 *   (see `decideProfile`), or restored as given by drift enforcement (`write.restore`).
 * - **Names.** Zuora requires first and last names. At creation missing ones are filled (`filledNames`); later a
 *   write without a name leaves the name Zuora holds.
 * - **Email.** Zuora requires one: the primary (else work, else first) address among `emails`. A write without an
 *   address is refused with 400, never dropped.
 * - **Diffed writes.** A write sends only the fields that differ from what the bridge last knew Zuora to hold
 *   (`current`); nothing differs, nothing is sent. In a read-only context (a plan) nothing is sent at all and the
 *   answer is what the write would have left.
 */
export function zuoraRestUsers(client: ZuoraRestClient, catalogue: Catalogue, config: ZuoraRestConfig): UpstreamUsers {
  const mapping = config.profiles;

  const stateOf = (z: Pick<ZuoraUser, 'profileId' | 'status'>): UpstreamState => ({
    profile: catalogue.nameOf(z.profileId) ?? z.profileId ?? null,
    status: z.status ?? 'Active',
  });
  const toUpstreamUser = (z: ZuoraUser): UpstreamUser => ({
    upstreamId: z.id,
    user: fromZuora(z, catalogue.nameOf(z.profileId)),
    state: stateOf(z),
  });

  /** The catalogue, re-read first if the write names a profile it does not know yet (one created in Zuora). */
  function profilesFor(write: UserWrite, ctx: UpstreamContext): Promise<ZuoraProfile[]> {
    const inputs = [write, ...(write.previous ? [write.previous] : [])];
    const wanted = [
      mapping.default,
      ...inputs.flatMap((w) => requestedRoles(w.user).flatMap((r) => mapping.roles[r] ?? [])),
      ...inputs.flatMap((w) => w.groupNames.flatMap((g) => mapping.groups[g] ?? [])),
      ...(typeof write.restore?.profile === 'string' ? [write.restore.profile] : []),
    ];
    return catalogue.covering(wanted, ctx);
  }

  /** The profile id this write sets, or `undefined` to leave Zuora's as it is. */
  function profileIdFor(write: UserWrite, profiles: readonly ZuoraProfile[]): string | undefined {
    const restore = write.restore?.profile;
    if (typeof restore === 'string') return catalogue.require(profiles, restore).id;
    const inputsOf = (w: { user: UserWrite['user']; groupNames: readonly string[] }) => ({ roles: requestedRoles(w.user), groupNames: w.groupNames });
    const decision = decideProfile(inputsOf(write), write.previous && inputsOf(write.previous), mapping, profiles);
    if (decision.kind === 'keep') return undefined;
    return decision.kind === 'mapped' ? decision.profile.id : catalogue.require(profiles, mapping.default).id;
  }

  /** The profile id Zuora holds for a known user: from its state, else from the read-back role of its view. */
  function heldProfileId(current: UpstreamUser, profiles: readonly ZuoraProfile[]): string | undefined {
    const shown = typeof current.state?.profile === 'string' ? current.state.profile : current.user.roles?.find((r) => r.type === PROFILE_ROLE_TYPE)?.value;
    return typeof shown === 'string' ? (findProfile(profiles, shown)?.id ?? shown) : undefined;
  }

  const statusOf = (write: UserWrite): Status => {
    const restored = write.restore?.status;
    if (restored === 'Active' || restored === 'Inactive') return restored;
    return write.user.active === false ? 'Inactive' : 'Active';
  };

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

  async function get(upstreamId: string, ctx: UpstreamContext): Promise<UpstreamUser | undefined> {
    await catalogue.all(ctx);
    const z = await client.get(upstreamId, ctx);
    return z ? toUpstreamUser(z) : undefined;
  }

  return {
    async create(write, ctx) {
      const profiles = await profilesFor(write, ctx);
      // At creation the decision is never "keep": the mapped profile, else the default.
      const profileId = profileIdFor({ ...write, previous: undefined }, profiles) ?? catalogue.require(profiles, mapping.default).id;
      const fields = creationFields(write.user, profileId);
      if (!fields.email) throw new UpstreamError('invalid', 'zuora-rest', NO_EMAIL);
      // A plan creates nothing: the user as it would be, without an id.
      if (ctx.readOnly) return toUpstreamUser({ id: '', ...fields, status: fields.status ?? 'Active' } as ZuoraUser);
      // A create whose answer is lost is settled by the core, which asks `find`.
      const created = await client.create(fields, ctx);
      return toUpstreamUser({ status: 'Active', ...fields, ...created, username: created.username ?? write.user.userName } as ZuoraUser);
    },

    /** Zuora cannot filter users: the userName is looked for page by page (within the list budget). */
    async find(write, ctx) {
      const existing = await findByUserName(write.user.userName, ctx);
      return existing ? toUpstreamUser(existing) : undefined;
    },

    get,

    async replace(upstreamId, write, ctx, current) {
      const known = current ?? (await get(upstreamId, ctx));
      if (!known) throw new UpstreamError('notFound', 'zuora-rest', `user ${upstreamId} does not exist`);
      const profiles = await profilesFor(write, ctx);
      const email = emailAddressOf(write.user);
      if (!email) throw new UpstreamError('invalid', 'zuora-rest', NO_EMAIL);
      const held = fieldsShownBy(known.user, heldProfileId(known, profiles));
      const changes = changedFields(held, writeTarget(write.user, email, profileIdFor(write, profiles), statusOf(write)));
      if (Object.keys(changes).length > 0 && !ctx.readOnly) await client.update(upstreamId, changes, ctx);
      return toUpstreamUser({ ...applyChanges(held, changes), id: upstreamId } as ZuoraUser);
    },

    async delete(upstreamId, ctx) {
      if (ctx.readOnly) return;
      if (config.deleteMode === 'delete') await client.remove(upstreamId, ctx);
      else await client.update(upstreamId, { status: 'Inactive' }, ctx);
    },

    async *list(ctx) {
      await catalogue.all(ctx);
      for await (const page of pages(ctx)) yield page.map(toUpstreamUser);
    },

    merge: (base, fromUpstream) => mergeIntoScim(base, fromUpstream.user),
  };
}
