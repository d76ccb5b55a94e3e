import { clientTimeouts } from '../http/transport-config.js';
import type { Dispatcher } from 'undici';
import type { UpstreamCallRecord } from '../call-record.js';
import { createClientCredentialsAuth, createUpstreamHttpClient } from '../http/index.js';
import type { UpstreamAdapter } from '../upstream.js';
import { zuoraRestUserOverrides } from './attribute-overrides.js';
import { profileCatalogue } from './profile-catalogue.js';
import { profileMappingProblems } from './profile-mapping-check.js';
import { classifyZuoraResponse } from './zuora-envelope.js';
import { zuoraRestClient } from './zuora-rest-client.js';
import { type ZuoraRestConfig, zuoraRestBaseUrl } from './zuora-rest-config.js';
import { zuoraRestUsers } from './zuora-rest-users.js';

export interface ZuoraRestAdapterDeps {
  dispatcher?: Dispatcher;
  onCall?: (record: UpstreamCallRecord) => void;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Zuora REST `/v1/users` as an upstream (seed 000, docs/upstreams/zuora-rest.md): no groups upstream (the bridge keeps them and
 * maps them, with roles, to the one `profileId` every user holds), `active` ⇄ `status`, DELETE deactivates unless
 * configured otherwise, and `externalId` lives in the bridge's store. What a write may change is decided in
 * `zuora-rest-users.ts` (the profile only when its mapped inputs change; names filled at creation only, by
 * `filledNames` in `mapping.ts`: formatted name, displayName, then the userName's local part; a later write without
 * a name keeps Zuora's); what Zuora makes required, in `attribute-overrides.ts`.
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

  return {
    name: 'zuora-rest',
    capabilities: { nativeGroups: false, deleteMode: config.deleteMode, holdsExternalId: false },
    users: zuoraRestUsers(client, catalogue, config),
    attributeOverrides: { user: zuoraRestUserOverrides },
    async check(ctx) {
      await catalogue.all(ctx);
    },
    mappingProblems: (ctx) => profileMappingProblems(catalogue, mapping, ctx),
    close: () => http.close(),
  };
}
