import type { UpstreamContext } from '../call-record.js';
import type { ZiaDirectory } from './mapping.js';
import type { ZiaRef } from './zia-user.js';
import { ORG_UNIT_PAGE_SIZE, type ZscalerZiaClient } from './zscaler-zia-client.js';

/** Names a write needs ZIA to have. */
export interface DirectoryNeeds {
  departments: readonly string[];
  groups: readonly string[];
}

/** A directory read no longer ago than this may not be read again for a missing name (GET /groups: 400/h). */
export const DIRECTORY_REFRESH_MS = 60_000;

const has = (refs: readonly ZiaRef[], name: string) => refs.some((r) => r.name.toLowerCase() === name.toLowerCase());

async function allPages(read: (page: number) => Promise<ZiaRef[]>): Promise<ZiaRef[]> {
  const all: ZiaRef[] = [];
  for (let page = 1; ; page++) {
    const rows = await read(page);
    all.push(...rows.map((r) => ({ id: r.id, name: r.name })));
    if (rows.length < ORG_UNIT_PAGE_SIZE) return all;
  }
}

/**
 * ZIA's departments and groups by name (docs/upstreams/zscaler-zia.md §4), read once, page by page, and kept: users name them and
 * the legacy API cannot create them. A name not found causes one fresh read, at most once a minute, so that a
 * department or group an administrator adds in ZIA is found without a restart.
 */
export function ziaDirectoryCache(client: Pick<ZscalerZiaClient, 'listDepartments' | 'listGroups'>, now: () => number) {
  let cached: ZiaDirectory | undefined;
  let loadedAt = 0;
  let loading: Promise<ZiaDirectory> | undefined;

  const load = (ctx: UpstreamContext): Promise<ZiaDirectory> => {
    loading ??= (async () => {
      const departments = await allPages((page) => client.listDepartments(page, ctx));
      const groups = await allPages((page) => client.listGroups(page, ctx));
      cached = { departments, groups };
      loadedAt = now();
      return cached;
    })().finally(() => {
      loading = undefined;
    });
    return loading;
  };

  const missing = (dir: ZiaDirectory, needs: DirectoryNeeds) =>
    needs.departments.some((n) => !has(dir.departments, n)) || needs.groups.some((n) => !has(dir.groups, n));

  return {
    /** The directory as last read (read now if never). */
    current: (ctx: UpstreamContext): Promise<ZiaDirectory> => (cached ? Promise.resolve(cached) : load(ctx)),

    /** The directory, read again first when it lacks a needed name and was not read within the last minute. */
    async covering(needs: DirectoryNeeds, ctx: UpstreamContext): Promise<ZiaDirectory> {
      const dir = cached ?? (await load(ctx));
      if (!missing(dir, needs) || now() - loadedAt < DIRECTORY_REFRESH_MS) return dir;
      return load(ctx);
    },
  };
}

export type ZiaDirectoryCache = ReturnType<typeof ziaDirectoryCache>;
