/**
 * Reference texts for the upstreams' configuration keys. The upstream schemas live beside their adapters
 * (src/upstreams/*\/…-config.ts) and carry TSDoc rather than `.describe()`; this table gives the configuration
 * reference their meaning. A key's `.describe()` text, where present, wins over this table. The reference test fails
 * when a key has neither, so a new key cannot go undocumented.
 */

/** Keys with the same meaning in every upstream. */
const COMMON: Record<string, string> = {
  clientId: 'OAuth client id (client credentials).',
  clientSecret: 'OAuth client secret (a secret: use `clientSecretFile` or `${ENV}`).',
  baseUrlOverride: 'Any other base URL (a proxy, the sandbox simulator). Deliberately separate, so a typo cannot send credentials elsewhere.',
  timeouts: 'Timeouts of each upstream request.',
  'timeouts.connectMs': 'Connecting to the upstream.',
  'timeouts.requestMs': 'Waiting for the response headers, then for the body.',
  retry: 'Retries of 429 and 5xx answers, with exponential backoff and full jitter, within a time budget.',
  'retry.maxAttempts': 'Attempts per request, the first included.',
  'retry.budgetMs': 'Time all attempts of one request may take together.',
  'retry.baseDelayMs': 'First backoff delay; doubles per attempt (an upstream\'s `Retry-After` wins).',
  'retry.maxDelayMs': 'Longest single backoff delay.',
};

const BY_UPSTREAM: Record<string, Record<string, string>> = {
  'zuora-rest': {
    dataCentre: 'The Zuora REST data centre (docs/upstreams/zuora-rest.md §1): picks the base URL. Set this or `baseUrlOverride`.',
    entityId: 'Multi-entity tenants only (docs/upstreams/zuora-oneid.md §2): sent as `Zuora-Entity-Ids`.',
    paths: 'The user-management paths. Zuora\'s public OpenAPI does not document them (docs/upstreams/zuora-rest.md §0), so they can be moved without a code change.',
    'paths.token': 'OAuth token endpoint (cached and refreshed before expiry).',
    'paths.users': 'Users endpoint.',
    'paths.profiles': 'User-profiles endpoint.',
    deleteMode: 'What an IdP\'s DELETE does upstream: `deactivate` (status Inactive, history kept) or `delete` (irreversible).',
    profiles: 'Which Zuora profile a user holds; every Zuora user holds exactly one.',
    'profiles.roles': 'SCIM role value → Zuora profile name or id.',
    'profiles.groups': 'SCIM group displayName → Zuora profile name or id.',
    'profiles.precedence': 'Profile names or ids, strongest first: which one wins when several roles or groups match.',
    'profiles.default': 'Profile name or id a user the bridge creates gets when no role or group matches, and a user gets when it loses its last mapped role or group. A user with no mapped input otherwise keeps the profile Zuora holds.',
    pageSize: 'Page size when reading every user (the API\'s maximum is 40).',
  },
  'zuora-oneid': {
    baseUrl: 'Host of the token endpoint (`{baseUrl}/oauth2/token`, `admin` scope) and of SCIM (`{baseUrl}/scim/v2`); e.g. `https://one.stg.na.zuora.com`.',
    organizationId: 'The OneID organization: the UserExtension/GroupExtension `organizationId` every write carries (docs/upstreams/zuora-oneid.md §4).',
    entityId: 'Multi-entity tokens valid for more than one entity only (docs/upstreams/zuora-oneid.md §2): sent as `Zuora-Entity-Ids`.',
    preferredLanguage: 'Filled when the IdP sends none: OneID requires it on create.',
    locale: 'Filled when the IdP sends none: OneID requires it on create.',
    adminRoles: 'IdP role values that make a user a OneID `ADMIN`; compared case-insensitively. A user with no admin role or group keeps the role OneID holds; a new user, or one losing its last admin role or group, is `USER`.',
    adminGroups: 'IdP group display names whose members are OneID `ADMIN`s; compared case-insensitively.',
    externalIdSource: 'The OneID `externalId` (the federated id SSO users log in with): the IdP\'s externalId, else the userName (`idp`); or always the `userName`.',
    groupsStartIndex: 'How OneID reads `startIndex` on `GET /Groups`: a `page` number as documented (getListGroups), or the RFC `item` index.',
    usersPageSize: 'Users per list page when the reconciler reads everything (OneID honours up to 1000).',
    groupsPageSize: 'Groups per list page (OneID: default 10, max 100).',
    compressRequestsOverBytes: 'Request bodies over this many bytes are sent gzipped (docs/upstreams/zuora-oneid.md §2).',
    inFlightRetryMs: 'Wait before asking again when OneID answers 409: a request with the same Idempotency-Key is still in flight.',
  },
  'zscaler-zia': {
    cloud: 'The ZIA cloud (docs/upstreams/zscaler-zia.md §1): picks `https://zsapi.<cloud>.net/api/v1`. Set this or `baseUrlOverride`.',
    baseUrlOverride: 'Any other base URL (OneAPI\'s `https://api.zsapi.net/zia/api/v1`, the simulator). Explicit by design.',
    auth: 'How the bridge signs in: a `legacy` API session (docs/upstreams/zscaler-zia.md §2) or `oneapi` OAuth client credentials (docs/upstreams/zscaler-zia.md §8).',
    'auth.username': 'ZIA admin user name.',
    'auth.password': 'ZIA admin password (a secret: use `passwordFile` or `${ENV}`).',
    'auth.apiKey': 'The raw API key (≥ 12 characters); sent only obfuscated (docs/upstreams/zscaler-zia.md §2). A secret: use `apiKeyFile` or `${ENV}`.',
    'auth.sessionMinutes': 'JSESSIONID lifetime (docs/upstreams/zscaler-zia.md §3: 5 minutes by default).',
    'auth.clientId': 'OneAPI OAuth client id.',
    'auth.clientSecret': 'OneAPI OAuth client secret (a secret: use `clientSecretFile` or `${ENV}`).',
    'auth.tokenUrl': 'The ZIdentity token endpoint, `https://<vanity>.zslogin.net/oauth2/v1/token`.',
    'auth.audience': 'OAuth audience of the token request.',
    deactivation:
      'What `active=false` does; ZIA has no inactive state, so there is no default and the choice is yours. `{"mode": "group", "disabledGroup": "…"}` keeps the ZIA user and moves it into that group (out again on reactivation); `{"mode": "delete"}` deletes the ZIA user (its full record goes to the audit log first; reactivation creates a new one).',
    'deactivation.disabledGroup': 'The ZIA group deactivated users are moved to; it must exist in ZIA (`doctor` checks).',
    emailChange: '`email` is read-only in ZIA after create: `reject` a change, or delete and re-create the user (`recreate`).',
    defaultDepartment: 'Department for users whose IdP sends none (ZIA requires one).',
    groupLinks: 'SCIM group displayName → ZIA group name, where they differ; otherwise the ZIA group of the same name.',
    userPassword: 'Password of hosted-database users.',
    'userPassword.mode': '`generate` one per user, or one `fixed` value.',
    'userPassword.value': 'The fixed password; needed with `mode: "fixed"` (a secret: use `valueFile` or `${ENV}`).',
    comments: 'The `comments` every provisioned user carries.',
    activation: 'One activation per batch of writes: after `debounceMs` without writes, at most `maxDelayMs` after the first. 90 s keeps a steady stream of writes within the documented 40 activations an hour (docs/upstreams/zscaler-zia.md §7).',
    'activation.debounceMs': 'Quiet time after the last write before activating.',
    'activation.maxDelayMs': 'Longest wait after the first pending write.',
    bulkDeleteWindowMs: 'Deletions arriving within this window go out together through `/users/bulkDelete` (≤ 500 ids a call).',
    pageSize: 'Users per page when reading every user.',
  },
};

/** The reference text of an upstream key (`clientSecret`, `auth.apiKey`) for one upstream type, if there is one. */
export function describeUpstreamField(type: string, path: string): string | undefined {
  return BY_UPSTREAM[type]?.[path] ?? COMMON[path];
}
