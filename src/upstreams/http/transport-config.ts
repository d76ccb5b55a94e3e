import { z } from 'zod';
import { DEFAULT_RETRY } from './retry-policy.js';

/** Timeouts and retry bounds every upstream's configuration carries, with the same defaults. */
export const transportConfigShape = {
  timeouts: z
    .strictObject({ connectMs: z.number().int().positive().default(5000), requestMs: z.number().int().positive().default(15000) })
    .default({ connectMs: 5000, requestMs: 15000 }),
  retry: z
    .strictObject({
      maxAttempts: z.number().int().min(1).default(DEFAULT_RETRY.maxAttempts),
      budgetMs: z.number().int().positive().default(DEFAULT_RETRY.budgetMs),
      baseDelayMs: z.number().int().min(0).default(DEFAULT_RETRY.baseDelayMs),
      maxDelayMs: z.number().int().min(0).default(DEFAULT_RETRY.maxDelayMs),
    })
    .default({ ...DEFAULT_RETRY }),
};

export type TransportConfig = { [K in keyof typeof transportConfigShape]: z.infer<(typeof transportConfigShape)[K]> };

/** The shared client's timeout options for a transport configuration. */
export const clientTimeouts = (c: TransportConfig) => ({ connectMs: c.timeouts.connectMs, headersMs: c.timeouts.requestMs, bodyMs: c.timeouts.requestMs });
