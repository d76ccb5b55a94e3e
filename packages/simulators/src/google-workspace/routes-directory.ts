import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { routeOf } from '../faults.js';
import { ROUTE_SCOPES, authorise, booleanParam, maxResultsOf, requireCustomer } from './directory-access.js';
import { GoogleApiError, invalidInput } from './errors.js';
import { partialResponse } from './fields.js';
import type { Pager } from './paging.js';
import type { GoogleMemberRecord, GoogleUserRecord } from './records.js';
import type { DirectoryState } from './state.js';
import type { GoogleTokens } from './tokens.js';
import { parseUserQuery } from './user-query.js';
import { etagOf, groupView, memberView, orgUnitView, userView } from './views.js';

export interface DirectoryRouteOptions {
  state: DirectoryState;
  tokens: GoogleTokens;
  pager: Pager;
}

type Query = Record<string, string | undefined>;

/** The listing a page token continues: the route and every parameter that changes which items it holds. */
const listingOf = (request: FastifyRequest, params: Record<string, unknown>) =>
  createHash('sha256')
    .update(JSON.stringify([routeOf(request), params]))
    .digest('base64url')
    .slice(0, 16);

const sortKey = (value: string, id: string) => `${value.toLowerCase()}\u0000${id}`;

const USER_ORDER: Record<string, (u: GoogleUserRecord) => string> = {
  email: (u) => u.primaryEmail,
  familyName: (u) => u.name.familyName,
  givenName: (u) => u.name.givenName,
};

function descendingOf(sortOrder: string | undefined): boolean {
  if (sortOrder === undefined) return false;
  const upper = sortOrder.toUpperCase();
  if (upper !== 'ASCENDING' && upper !== 'DESCENDING') throw invalidInput(`Invalid value for sortOrder: ${sortOrder}`);
  return upper === 'DESCENDING';
}

/** Every member of `groupId`, and with `derived` the members of its nested groups too, each once (direct first). */
function membersOf(state: DirectoryState, groupId: string, derived: boolean): GoogleMemberRecord[] {
  const seen = new Map<string, GoogleMemberRecord>();
  const visited = new Set<string>([groupId]);
  const queue = [groupId];
  while (queue.length > 0) {
    const current = queue.shift() ?? '';
    for (const member of state.members(current)) {
      if (!seen.has(member.memberId)) seen.set(member.memberId, member);
      if (derived && member.type === 'GROUP' && !visited.has(member.memberId)) {
        visited.add(member.memberId);
        queue.push(member.memberId);
      }
    }
  }
  return [...seen.values()];
}

/**
 * The read side of the Directory API a source needs (`/admin/directory/v1`): users.list, groups.list, members.list and
 * orgunits.list, with Google's paging, `fields` partial responses and scope checks.
 */
export async function directoryRoutes(app: FastifyInstance, options: DirectoryRouteOptions): Promise<void> {
  const { state, tokens, pager } = options;
  /** The last users listing sorted, by its listing key and the directory's version then. */
  let sortedUsers: { listing: string; version: number; users: GoogleUserRecord[] } | undefined;

  app.get('/users', async (request) => {
    authorise(request, tokens, state, ROUTE_SCOPES.users);
    const q = request.query as Query;
    requireCustomer(state, q);
    const maxResults = maxResultsOf(q.maxResults, 100, 500, 'reject');
    const projection = q.projection ?? 'basic';
    if (projection !== 'basic' && projection !== 'full' && projection !== 'custom') throw invalidInput(`Invalid value for projection: ${projection}`);
    const orderBy = q.orderBy;
    if (orderBy !== undefined && !(orderBy in USER_ORDER)) throw invalidInput(`Invalid value for orderBy: ${orderBy}`);
    const descending = descendingOf(q.sortOrder);
    const showDeleted = booleanParam(q.showDeleted, 'showDeleted');
    const matches = parseUserQuery(q.query);
    const domain = q.domain?.toLowerCase();
    const keyOf = (u: GoogleUserRecord) => sortKey(orderBy ? (USER_ORDER[orderBy]?.(u) ?? '') : '', u.id);
    const listing = listingOf(request, { c: q.customer, d: domain, q: q.query, o: orderBy, s: descending, x: showDeleted });
    // A client reads a listing page after page: it is sorted once (each key made once, not per comparison) and kept
    // while no user changes, so a directory of tens of thousands is not sorted again for each of its pages.
    const kept = sortedUsers?.listing === listing && sortedUsers.version === state.usersVersion ? sortedUsers.users : undefined;
    const selected =
      kept ??
      (showDeleted ? state.deletedUsers() : state.users())
        .filter((u) => matches(u) && (domain === undefined || u.primaryEmail.endsWith(`@${domain}`)))
        .map((u) => ({ u, key: keyOf(u) }))
        .sort((a, b) => (a.key < b.key ? -1 : 1) * (descending ? -1 : 1))
        .map(({ u }) => u);
    sortedUsers = { listing, version: state.usersVersion, users: selected };
    const page = pager.page({ method: 'GET', route: routeOf(request), listing, pageToken: q.pageToken, maxResults, descending }, selected, keyOf);
    const users = page.items.map((u) => userView(u, state.customer.id, projection === 'basic' ? 'basic' : 'full'));
    const body = { kind: 'admin#directory#users', etag: etagOf(users), users, ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}) };
    return partialResponse(body, q.fields);
  });

  app.get('/groups', async (request) => {
    authorise(request, tokens, state, ROUTE_SCOPES.groups);
    const q = request.query as Query;
    requireCustomer(state, q, q.userKey === undefined);
    const maxResults = maxResultsOf(q.maxResults, 200, 200, 'cap');
    const descending = descendingOf(q.sortOrder);
    let groups = state.groups();
    if (q.userKey !== undefined) {
      const member = state.findUser(q.userKey) ?? state.findGroup(q.userKey);
      if (!member) throw new GoogleApiError(404, 'notFound', 'Resource Not Found: userKey');
      groups = groups.filter((g) => state.members(g.id).some((m) => m.memberId === member.id));
    }
    const keyOf = (g: { email: string; id: string }) => sortKey(g.email, g.id);
    groups.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1) * (descending ? -1 : 1));
    const listing = listingOf(request, { c: q.customer, d: q.domain, u: q.userKey, s: descending });
    const page = pager.page({ method: 'GET', route: routeOf(request), listing, pageToken: q.pageToken, maxResults, descending }, groups, keyOf);
    const views = page.items.map((g) => groupView(g, state));
    const body = { kind: 'admin#directory#groups', etag: etagOf(views), groups: views, ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}) };
    return partialResponse(body, q.fields);
  });

  app.get<{ Params: { groupKey: string } }>('/groups/:groupKey/members', async (request) => {
    authorise(request, tokens, state, ROUTE_SCOPES.members);
    const q = request.query as Query;
    const group = state.findGroup(request.params.groupKey);
    if (!group) throw new GoogleApiError(404, 'notFound', 'Resource Not Found: groupKey');
    const maxResults = maxResultsOf(q.maxResults, 200, 200, 'cap');
    const derived = booleanParam(q.includeDerivedMembership, 'includeDerivedMembership');
    const roles = q.roles?.split(',').map((r) => r.trim().toUpperCase());
    const members = membersOf(state, group.id, derived)
      .filter((m) => roles === undefined || roles.includes(m.role))
      .sort((a, b) => (a.memberId < b.memberId ? -1 : 1));
    const listing = listingOf(request, { g: group.id, d: derived, r: roles });
    const page = pager.page({ method: 'GET', route: routeOf(request), listing, pageToken: q.pageToken, maxResults }, members, (m) => m.memberId);
    const views = page.items.map((m) => memberView(m, state)).filter((v) => v !== undefined);
    const body = { kind: 'admin#directory#members', etag: etagOf(views), members: views, ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}) };
    return partialResponse(body, q.fields);
  });

  app.get<{ Params: { customer: string } }>('/customer/:customer/orgunits', async (request) => {
    authorise(request, tokens, state, ROUTE_SCOPES.orgUnits);
    const q = request.query as Query;
    requireCustomer(state, { customer: request.params.customer });
    const type = (q.type ?? 'children').toLowerCase().replace(/_/g, '');
    if (type !== 'all' && type !== 'children' && type !== 'allincludingparent') throw invalidInput(`Invalid value for type: ${q.type}`);
    // `orgUnitPath` is a path or an org unit's id (`id:…`); relative paths are read from the root.
    const requested = q.orgUnitPath?.startsWith('id:') ? state.orgUnits().find((u) => u.orgUnitId === q.orgUnitPath)?.orgUnitPath : q.orgUnitPath;
    if (q.orgUnitPath !== undefined && requested === undefined) throw new GoogleApiError(404, 'notFound', 'Org unit not found');
    const root = (requested ?? '/').replace(/^(?!\/)/, '/').replace(/(.)\/+$/, '$1');
    if (root !== '/' && !state.orgUnits().some((u) => u.orgUnitPath === root)) throw new GoogleApiError(404, 'notFound', 'Org unit not found');
    const under = (path: string) => (root === '/' ? path !== '/' : path.startsWith(`${root}/`));
    const units = state
      .orgUnits()
      .filter((u) => (type === 'children' ? u.parentOrgUnitPath === root : under(u.orgUnitPath) || (type === 'allincludingparent' && u.orgUnitPath === root)))
      .sort((a, b) => (a.orgUnitPath < b.orgUnitPath ? -1 : 1));
    const views = units.map((u) => orgUnitView(u, state));
    return partialResponse({ kind: 'admin#directory#org_units', etag: etagOf(views), organizationUnits: views }, q.fields);
  });
}
