import type { UpstreamContext } from '../call-record.js';
import type { AuthProvider } from './auth-provider.js';

/** Credentials as request headers, and when to fetch new ones. */
export interface Credential {
  headers: Record<string, string>;
  /** Epoch ms after which the credential is fetched again before use. */
  refreshAt: number;
}

/**
 * An AuthProvider over any way of obtaining a credential (an OAuth token, a ZIA session): cached until its refresh
 * time, fetched by one request however many callers wait for it, and dropped on `invalidate` only if the rejected
 * headers are still the cached ones, so a burst of 401s on one expired credential causes one refresh.
 */
export function cachedCredentials(
  fetchCredential: (ctx: UpstreamContext) => Promise<Credential>,
  now: () => number,
): AuthProvider & { current(): Credential | undefined; forget(): void } {
  let cached: Credential | undefined;
  let inFlight: Promise<Credential> | undefined;
  const sameAs = (a: Record<string, string>, b: Record<string, string>) =>
    Object.entries(b).every(([k, v]) => Object.entries(a).some(([k2, v2]) => k2.toLowerCase() === k.toLowerCase() && v2 === v));
  return {
    async authorize(ctx) {
      if (cached && now() < cached.refreshAt) return cached.headers;
      inFlight ??= fetchCredential(ctx)
        .then((c) => (cached = c))
        .finally(() => {
          inFlight = undefined;
        });
      return (await inFlight).headers;
    },
    invalidate(rejected) {
      if (rejected === undefined || (cached !== undefined && sameAs(rejected, cached.headers))) cached = undefined;
    },
    current: () => cached,
    forget: () => {
      cached = undefined;
    },
  };
}
