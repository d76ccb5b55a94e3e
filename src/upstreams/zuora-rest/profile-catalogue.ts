import type { UpstreamContext } from '../call-record.js';
import { UpstreamError } from '../upstream-error.js';
import { findProfile } from './profile-resolver.js';
import type { ZuoraRestClient } from './zuora-rest-client.js';
import type { ZuoraProfile } from './zuora-user.js';

/**
 * The tenant's profiles (`/v1/user-profiles`), read once and kept: profile ids are tenant-specific and change
 * rarely. A name or id the catalogue does not know triggers one re-read, at most once a minute, so a profile
 * created in Zuora is picked up without a restart and an unknown one does not cost a call per request.
 */
export function profileCatalogue(client: ZuoraRestClient, now: () => number) {
  let profiles: ZuoraProfile[] | undefined;
  let loadedAt = 0;
  let loading: Promise<ZuoraProfile[]> | undefined;

  async function load(ctx: UpstreamContext): Promise<ZuoraProfile[]> {
    loading ??= client
      .listProfiles(ctx)
      .then((p) => {
        profiles = p;
        loadedAt = now();
        return p;
      })
      .finally(() => {
        loading = undefined;
      });
    return loading;
  }

  return {
    async all(ctx: UpstreamContext): Promise<ZuoraProfile[]> {
      return profiles ?? load(ctx);
    },
    /** All profiles, re-read first if one of `wanted` is unknown and the last read is over a minute old. */
    async covering(wanted: readonly string[], ctx: UpstreamContext): Promise<ZuoraProfile[]> {
      const current = profiles ?? (await load(ctx));
      const missing = wanted.some((w) => !findProfile(current, w));
      return missing && now() - loadedAt > 60_000 ? load(ctx) : current;
    },
    nameOf(id: string | undefined): string | undefined {
      return id === undefined ? undefined : profiles?.find((p) => p.id === id)?.name;
    },
    require(list: readonly ZuoraProfile[], nameOrId: string): ZuoraProfile {
      const p = findProfile(list, nameOrId);
      if (!p) throw new UpstreamError('invalid', 'zuora-rest', `profile "${nameOrId}" does not exist in this Zuora tenant`);
      return p;
    },
  };
}
