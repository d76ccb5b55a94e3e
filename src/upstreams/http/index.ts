export type { AuthProvider } from './auth-provider.js';
export { createClientCredentialsAuth, type ClientCredentialsAuthOptions } from './oauth-client-credentials.js';
export { parseRetryAfter, retryAfterInJsonBody } from './retry-after.js';
export type { RetryOptions } from './retry-policy.js';
export { describeErrorBody, type UpstreamErrorDetail } from './error-body.js';
export { sanitiseTrackingId } from './tracking-id.js';
export {
  createUpstreamHttpClient,
  type UpstreamHttpClient,
  type UpstreamHttpClientOptions,
} from './upstream-http-client.js';
export type {
  QueryValue,
  UpstreamClassifier,
  UpstreamFailure,
  UpstreamMethod,
  UpstreamRequest,
  UpstreamResponse,
} from './upstream-request.js';
