import { z } from 'zod';
import { DEFAULT_RETRY } from './retry-policy.js';

/**
 * Timeouts and retry bounds every upstream's configuration carries, with the same defaults. The `.describe()` texts
 * are the configuration reference's (`npm run config:reference`).
 */
export const transportConfigShape = {
  timeouts: z
    .strictObject({
      connectMs: z.number().int().positive().default(5000).describe('Connecting to the upstream.'),
      requestMs: z.number().int().positive().default(15000).describe('Waiting for the response headers, then for the body.'),
    })
    .default({ connectMs: 5000, requestMs: 15000 })
    .describe('Timeouts of each upstream request.'),
  retry: z
    .strictObject({
      maxAttempts: z.number().int().min(1).default(DEFAULT_RETRY.maxAttempts).describe('Attempts per request, the first included.'),
      budgetMs: z.number().int().positive().default(DEFAULT_RETRY.budgetMs).describe('Time all attempts of one request may take together.'),
      baseDelayMs: z
        .number()
        .int()
        .min(0)
        .default(DEFAULT_RETRY.baseDelayMs)
        .describe("First backoff delay; doubles per attempt (an upstream's `Retry-After` wins)."),
      maxDelayMs: z.number().int().min(0).default(DEFAULT_RETRY.maxDelayMs).describe('Longest single backoff delay.'),
    })
    .default({ ...DEFAULT_RETRY })
    .describe('Retries of 429 and 5xx answers, with exponential backoff and full jitter, within a time budget.'),
};

/** The OAuth client-credentials keys, with the same meaning in every upstream that signs in with them at the top level. */
export const clientCredentialsShape = {
  clientId: z.string().min(1).describe('OAuth client id (client credentials).'),
  clientSecret: z.string().min(1).describe('OAuth client secret (a secret: use `clientSecretFile` or `${ENV}`).'),
};

/** `baseUrlOverride`'s common text: an upstream with a more specific one describes its own. */
export const BASE_URL_OVERRIDE_TEXT =
  'Any other base URL (a proxy, the sandbox simulator). Deliberately separate, so a typo cannot send credentials elsewhere.';

export type TransportConfig = { [K in keyof typeof transportConfigShape]: z.infer<(typeof transportConfigShape)[K]> };

/** The shared client's timeout options for a transport configuration. */
export const clientTimeouts = (c: TransportConfig) => ({ connectMs: c.timeouts.connectMs, headersMs: c.timeouts.requestMs, bodyMs: c.timeouts.requestMs });
