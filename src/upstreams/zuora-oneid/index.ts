/*
 * Zuora OneID ("Universal Identity") SCIM as an upstream (docs/upstreams/zuora-oneid.md). Config schema and adapter
 * factory, for the tenant configuration and `createUpstream`.
 */
export { createZuoraOneIdAdapter, type ZuoraOneIdAdapterDeps } from './zuora-oneid-adapter.js';
export { zuoraOneIdConfigSchema, type ZuoraOneIdConfig } from './zuora-oneid-config.js';
