import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { retryPolicy } from '../../../../src/upstreams/http/retry-policy.js';
import { transportConfigShape } from '../../../../src/upstreams/http/transport-config.js';

describe('retry defaults', () => {
  it('are one set: an upstream configured without `retry` retries exactly as a client built without options', () => {
    const configured = z.strictObject(transportConfigShape).parse({}).retry;
    expect(configured).toEqual(retryPolicy());
    expect(z.strictObject(transportConfigShape).parse({ retry: {} }).retry).toEqual(retryPolicy());
  });
});
