export type { AuthProvider } from './auth-provider.js';
export { createClientCredentialsAuth, type ClientCredentialsAuthOptions } from './oauth-client-credentials.js';
export { parseRetryAfter, retryAfterInJsonBody } from './retry-after.js';
export { sanitiseTrackingId } from './tracking-id.js';
export { createUpstreamHttpClient, type UpstreamHttpClient, type UpstreamHttpClientOptions } from './upstream-http-client.js';
export type { UpstreamFailure, UpstreamResponse } from './upstream-request.js';
