import type { UpstreamContext } from '../../upstreams/call-record.js';
import type { IdentitySource, SourceDeps, SourceGroup, SourceUser } from '../identity-source.js';
import { createDirectoryClient, DIRECTORY_ROUTES, GOOGLE_WORKSPACE_SOURCE, type DirectoryClientDeps } from './directory-client.js';
import {
  checkPageSchema,
  GROUP_FIELDS,
  groupsPageSchema,
  MEMBER_FIELDS,
  membersPageSchema,
  USER_FIELDS,
  usersPageSchema,
  type DirectoryGroup,
  type DirectoryMember,
} from './directory-answers.js';
import type { GoogleWorkspaceConfig } from './google-workspace-config.js';
import { toSourceGroup, toSourceUser } from './mapping.js';
import { readServiceAccountKey } from './service-account-key.js';

/** Page sizes: the Directory API's maxima (docs/sources/google-workspace.md §4, §5), so a snapshot costs the fewest queries. */
export const USERS_PAGE_SIZE = 500;
export const GROUPS_PAGE_SIZE = 200;
export const MEMBERS_PAGE_SIZE = 200;

/**
 * Google Workspace as an identity source (issue 13): the whole directory in scope, read page by page through the
 * Directory API. Any page that fails throws out of the iteration, so the sync that drives it applies nothing of a
 * snapshot it did not read whole (docs/sources/google-workspace.md §8).
 *
 * Nested groups are flattened by Google: members are listed with `includeDerivedMembership=true` (§5), one listing
 * per group, rather than resolved by the bridge, which would cost a listing per nested group and a cycle check.
 */
export function createGoogleWorkspaceSource(config: GoogleWorkspaceConfig, deps: SourceDeps & DirectoryClientDeps = {}): IdentitySource {
  const reading = readServiceAccountKey(config.key);
  // The schema refused a bad key at start; this only keeps the type honest.
  if (!reading.ok) throw new Error(`google-workspace source: the service account key ${reading.problem}`);
  const client = createDirectoryClient(config, reading.key, deps);

  /** Every page of one list, following `nextPageToken` until Google sends none. */
  async function* paged<T>(fetchPage: (pageToken: string | undefined) => Promise<{ items: T[]; next: string | undefined }>): AsyncGenerator<T[]> {
    let pageToken: string | undefined;
    do {
      const { items, next } = await fetchPage(pageToken);
      yield items;
      pageToken = next;
    } while (pageToken !== undefined);
  }

  /** users.list with one search query (or none): suspended and archived users included, as Google lists them (§4). */
  const userPages = (query: string | undefined, ctx: UpstreamContext) =>
    paged(async (pageToken) => {
      const page = await client.get(
        {
          path: DIRECTORY_ROUTES.users,
          route: DIRECTORY_ROUTES.users,
          query: { customer: config.customer, maxResults: USERS_PAGE_SIZE, projection: 'full', fields: USER_FIELDS, query, pageToken },
          answer: usersPageSchema,
        },
        ctx,
      );
      return { items: page.users ?? [], next: page.nextPageToken };
    });

  const groupPages = (ctx: UpstreamContext) =>
    paged(async (pageToken) => {
      const page = await client.get(
        {
          path: DIRECTORY_ROUTES.groups,
          route: DIRECTORY_ROUTES.groups,
          query: { customer: config.customer, maxResults: GROUPS_PAGE_SIZE, fields: GROUP_FIELDS, pageToken },
          answer: groupsPageSchema,
        },
        ctx,
      );
      return { items: page.groups ?? [], next: page.nextPageToken };
    });

  async function membersOf(group: DirectoryGroup, ctx: UpstreamContext): Promise<DirectoryMember[]> {
    const all: DirectoryMember[] = [];
    const path = `${DIRECTORY_ROUTES.groups}/${encodeURIComponent(group.id)}/members`;
    for await (const items of paged(async (pageToken) => {
      const page = await client.get(
        {
          path,
          route: DIRECTORY_ROUTES.members,
          query: { includeDerivedMembership: true, maxResults: MEMBERS_PAGE_SIZE, fields: MEMBER_FIELDS, pageToken },
          answer: membersPageSchema,
        },
        ctx,
      );
      return { items: page.members ?? [], next: page.nextPageToken };
    }))
      all.push(...items);
    return all;
  }

  const inScope = (g: DirectoryGroup): boolean =>
    config.groups === undefined || config.groups.some((k) => k === g.id || (g.email !== undefined && k.toLowerCase() === g.email.toLowerCase()));

  /** The Directory queries that together make the user scope: one per org unit (each combined with `query`), or one. */
  const userQueries = (): (string | undefined)[] => {
    if (!config.orgUnits) return [config.query];
    return config.orgUnits.map((ou) => [`orgUnitPath='${ou.replace(/'/g, "\\'")}'`, config.query].filter(Boolean).join(' '));
  };

  async function* readGroups(ctx: UpstreamContext): AsyncGenerator<SourceGroup[]> {
    for await (const page of groupPages(ctx)) {
      const out: SourceGroup[] = [];
      for (const g of page.filter(inScope)) out.push(toSourceGroup(g, await membersOf(g, ctx)));
      yield out;
    }
  }

  /**
   * Groups read to scope the users of a snapshot, kept for the same snapshot's `groups` (same context): a scope by
   * groups would otherwise list every group and its members twice per sync.
   */
  const readForScope = new WeakMap<UpstreamContext, SourceGroup[][]>();

  async function* groupsInScope(ctx: UpstreamContext): AsyncGenerator<SourceGroup[]> {
    const read = readForScope.get(ctx);
    if (read) {
      readForScope.delete(ctx);
      yield* read;
      return;
    }
    yield* readGroups(ctx);
  }

  async function* users(ctx: UpstreamContext): AsyncGenerator<SourceUser[]> {
    // Scoped by groups: the users who are (derived) members of one of them, read from the groups first.
    let members: Set<string> | undefined;
    if (config.groups) {
      members = new Set();
      const pages: SourceGroup[][] = [];
      for await (const page of readGroups(ctx)) {
        pages.push(page);
        for (const g of page) for (const id of g.memberSourceIds) members.add(id);
      }
      readForScope.set(ctx, pages);
    }
    // Org units may nest, so one user may match two queries: each is given once.
    const seen = new Set<string>();
    for (const query of userQueries()) {
      for await (const page of userPages(query, ctx)) {
        const fresh = page.filter((u) => !seen.has(u.id) && (members === undefined || members.has(u.id)));
        for (const u of fresh) seen.add(u.id);
        yield fresh.map(toSourceUser);
      }
    }
  }

  return {
    name: GOOGLE_WORKSPACE_SOURCE,
    async check(ctx) {
      // One small page: proves the key, the token and the user read scope.
      await client.get(
        {
          path: DIRECTORY_ROUTES.users,
          route: DIRECTORY_ROUTES.users,
          query: { customer: config.customer, maxResults: 1, fields: 'users(id)' },
          answer: checkPageSchema,
        },
        ctx,
      );
    },
    users: (ctx) => users(ctx),
    groups: (ctx) => groupsInScope(ctx),
    close: () => client.close(),
    policy: {
      removal: config.deletion,
      caps: { maxPercent: config.maxDeactivationPercent, maxCount: config.maxDeactivations },
      intervalSeconds: config.intervalSeconds,
    },
  };
}
