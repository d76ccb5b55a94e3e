import type { OneIdBehaviour } from './behaviour.js';
import type { OneIdGroupRecord, OneIdUserRecord } from './records.js';
import { SCIM_PREFIX, URN } from './urns.js';

/** What a rendering needs to know about the request it answers. */
export interface RenderContext {
  /** `http://host:port`, or the configured public base URL. */
  origin: string;
  /** The request's path without the query, e.g. `/scim/v2/Users/bulk`. */
  requestPath: string;
  locationStyle: OneIdBehaviour['locationStyle'];
}

/** `meta.location` in the chosen style (see `behaviour.ts`). */
export function locationOf(ctx: RenderContext, endpoint: 'Users' | 'Groups', id: string): string {
  if (ctx.locationStyle === 'canonical') return `${ctx.origin}${SCIM_PREFIX}/${endpoint}/${id}`;
  return `${ctx.origin}${ctx.requestPath.replace(/\/+$/, '')}/${id}`;
}

const defined = <T extends object>(value: T): T => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

/**
 * A user as OneID answers it (docs/upstreams/zuora-oneid.md §4): the extension URN first in `schemas`, `meta` without `lastModified`,
 * one email answered as `type:"work", primary:true` with `display` = value, `roles` with `display` = value, `groups`
 * only when the user is in one (with `display:""`, as in every sample), and the extension block
 * `{schemas, organizationId, status, ssoEnabled, region}`.
 */
export function renderUser(user: OneIdUserRecord, groups: readonly OneIdGroupRecord[], ctx: RenderContext): Record<string, unknown> {
  const name = user.name && defined({ formatted: user.name.formatted, familyName: user.name.familyName, givenName: user.name.givenName });
  return defined({
    schemas: [URN.userExtension, URN.user],
    id: user.id,
    externalId: user.externalId,
    meta: { created: user.created, resourceType: 'User', location: locationOf(ctx, 'Users', user.id) },
    userName: user.userName,
    name,
    displayName: user.displayName,
    preferredLanguage: user.preferredLanguage,
    locale: user.locale,
    active: user.active,
    emails: [{ value: user.email, display: user.email, type: 'work', primary: true }],
    groups: groups.length > 0 ? groups.map((g) => ({ value: g.id, display: '' })) : undefined,
    roles: user.roles.map((role) => ({ value: role, display: role })),
    [URN.userExtension]: {
      schemas: [URN.userExtension],
      organizationId: user.organizationId,
      status: user.status,
      ssoEnabled: user.ssoEnabled,
      region: user.region,
    },
  });
}

/**
 * A group as OneID answers it: `schemas` core first, `members` only when there are any, the GroupExtension block with
 * `active`, and `meta` with `resourceType` and `location` only. Reads (GET, list) answer members as `{value}`; writes
 * answer `{value, display}` with display = the member's userName: that is what the samples show [DOC samples].
 */
export function renderGroup(
  group: OneIdGroupRecord,
  ctx: RenderContext,
  options: { memberDisplay?: (userId: string) => string | undefined; active?: boolean } = {},
): Record<string, unknown> {
  const { memberDisplay } = options;
  const members = group.members.map((value) => (memberDisplay ? { value, display: memberDisplay(value) ?? '' } : { value }));
  return defined({
    schemas: [URN.group, URN.groupExtension],
    id: group.id,
    displayName: group.displayName,
    members: members.length > 0 ? members : undefined,
    [URN.groupExtension]: {
      schemas: [URN.groupExtension],
      description: group.description,
      organizationId: group.organizationId,
      active: options.active ?? true,
    },
    meta: { resourceType: 'Group', location: locationOf(ctx, 'Groups', group.id) },
  });
}
