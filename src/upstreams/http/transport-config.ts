import { z } from 'zod';

/** Timeouts and retry bounds every upstream's configuration carries, with the same defaults. */
export const transportConfigShape = {
  timeouts: z
    .strictObject({ connectMs: z.number().int().positive().default(5000), requestMs: z.number().int().positive().default(15000) })
    .default({ connectMs: 5000, requestMs: 15000 }),
  retry: z
    .strictObject({
      maxAttempts: z.number().int().min(1).default(5),
      budgetMs: z.number().int().positive().default(20000),
      baseDelayMs: z.number().int().min(0).default(200),
      maxDelayMs: z.number().int().min(0).default(5000),
    })
    .default({ maxAttempts: 5, budgetMs: 20000, baseDelayMs: 200, maxDelayMs: 5000 }),
};

export type TransportConfig = { [K in keyof typeof transportConfigShape]: z.infer<(typeof transportConfigShape)[K]> };

/** The shared client's timeout options for a transport configuration. */
export const clientTimeouts = (c: TransportConfig) => ({ connectMs: c.timeouts.connectMs, headersMs: c.timeouts.requestMs, bodyMs: c.timeouts.requestMs });
