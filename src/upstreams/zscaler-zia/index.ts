/*
 * Zscaler Internet Access (ZIA) admin API as an upstream (docs/upstreams/zscaler-zia.md). Config schema and adapter
 * factory, for the tenant configuration and `createUpstream`.
 */
export { createZscalerZiaAdapter, type ZscalerZiaAdapterDeps } from './zscaler-zia-adapter.js';
export { zscalerZiaConfigSchema, type ZscalerZiaConfig } from './zscaler-zia-config.js';
