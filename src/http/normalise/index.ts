/**
 * IdP leniency at the HTTP edge: what Entra, Okta, OneLogin, JumpCloud and Ping actually send becomes a clean
 * RFC 7644 request here, once, so nothing below `http/` knows which IdP called (docs/architecture.md, docs/idps.md §8).
 * Pure functions; every failure is a 400 `ScimError`.
 */
export { normaliseResource } from './resource.js';
export { normalisePatch } from './patch.js';
export { normaliseFilter } from './filter.js';
export { DEFAULT_REQUEST_LIMITS, type RequestLimits } from './limits.js';
