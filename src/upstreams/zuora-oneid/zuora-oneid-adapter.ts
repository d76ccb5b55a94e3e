import { clientTimeouts } from '../http/transport-config.js';
import type { Dispatcher } from 'undici';
import type { UpstreamCallRecord } from '../call-record.js';
import { createClientCredentialsAuth, createUpstreamHttpClient } from '../http/index.js';
import type { UpstreamAdapter } from '../upstream.js';
import { oneIdUserAttributeOverrides } from './attribute-overrides.js';
import { classifyOneIdResponse, inFlightRetryAfter } from './oneid-errors.js';
import { oneIdGroups } from './oneid-groups.js';
import { oneIdUsers } from './oneid-users.js';
import { oneIdGroupExtension, oneIdUserExtension } from './schema-extensions.js';
import { zuoraOneIdClient } from './zuora-oneid-client.js';
import { oneIdBaseUrl, type ZuoraOneIdConfig } from './zuora-oneid-config.js';

export interface ZuoraOneIdAdapterDeps {
  dispatcher?: Dispatcher;
  onCall?: (record: UpstreamCallRecord) => void;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Zuora OneID SCIM as an upstream (docs/upstreams/zuora-oneid.md): SCIM to SCIM, hiding OneID's departures from RFC 7644 (lower-case
 * `resources`/`operations`, page-number `startIndex` on Groups, required organizationId/preferredLanguage/locale/roles,
 * member removal by `operation:"delete"`, `null` keys), with Idempotency-Key on every POST and PATCH, Zuora-Track-Id,
 * gzip both ways, native groups, and DELETE as OneID's soft deactivate.
 *
 * Ownership: a create fills what OneID requires and the IdP left out (language, locale, role `USER`, and a name split
 * from the formatted name, displayName or userName: `filledName`); later writes change only what the IdP changed,
 * on OneID's own record (user-changes.ts), and never fill a name. The role changes only with its inputs
 * (role-rules.ts). What OneID always holds cannot be removed by PATCH (attribute-overrides.ts).
 */
export function createZuoraOneIdAdapter(config: ZuoraOneIdConfig, deps: ZuoraOneIdAdapterDeps = {}): UpstreamAdapter {
  const baseUrl = oneIdBaseUrl(config);
  const now = deps.now ?? Date.now;
  const auth = createClientCredentialsAuth({
    tokenUrl: `${baseUrl}/oauth2/token`,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    upstream: 'zuora-oneid',
    ...(deps.dispatcher ? { dispatcher: deps.dispatcher } : {}),
    now,
  });
  const http = createUpstreamHttpClient({
    upstream: 'zuora-oneid',
    baseUrl,
    auth,
    dispatcher: deps.dispatcher,
    trackingHeader: 'Zuora-Track-Id',
    headers: {
      Accept: 'application/scim+json, application/json',
      'Accept-Encoding': 'gzip',
      ...(config.entityId ? { 'Zuora-Entity-Ids': config.entityId } : {}),
    },
    compressRequestsOverBytes: config.compressRequestsOverBytes,
    timeouts: clientTimeouts(config),
    retry: config.retry,
    classify: classifyOneIdResponse,
    retryAfterFromBody: inFlightRetryAfter(config.inFlightRetryMs),
    onCall: deps.onCall,
    sleep: deps.sleep,
    now,
  });
  const client = zuoraOneIdClient(http, config);

  return {
    name: 'zuora-oneid',
    capabilities: { nativeGroups: true, deleteMode: 'deactivate', holdsExternalId: false },
    users: oneIdUsers(client, config),
    groups: oneIdGroups(client, config),
    schemaExtensions: { user: [oneIdUserExtension], group: [oneIdGroupExtension] },
    attributeOverrides: { user: oneIdUserAttributeOverrides },
    async check(ctx) {
      await client.serviceProviderConfig(ctx);
    },
    // `adminRoles` and `adminGroups` name the IdP's roles and groups; the mapping names nothing OneID must have.
    mappingProblems: async () => [],
    close: () => http.close(),
  };
}
