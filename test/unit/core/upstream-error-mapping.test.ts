import { describe, expect, it } from 'vitest';
import { scimErrorFromUpstream } from '../../../src/core/upstream-error-mapping.js';
import { UpstreamError } from '../../../src/upstreams/upstream-error.js';

const map = (kind: UpstreamError['kind'], retryAfterSeconds?: number) =>
  scimErrorFromUpstream(new UpstreamError(kind, 'zscaler-zia', 'said something', retryAfterSeconds === undefined ? {} : { retryAfterSeconds }));

describe('upstream failures keep their meaning for the IdP (design.md)', () => {
  it.each([
    ['notFound', 404, undefined],
    ['conflict', 409, 'uniqueness'],
    ['invalid', 400, 'invalidValue'],
    ['unauthorized', 502, undefined],
    ['rateLimited', 429, undefined],
    ['unavailable', 503, undefined],
    ['timeout', 504, undefined],
  ] as const)('%s → %i', (kind, status, scimType) => {
    const e = map(kind);
    expect(e.status).toBe(status);
    expect(e.scimType).toBe(scimType);
  });

  it('a spent budget or an outage carries an integer Retry-After of at least one second', () => {
    expect(map('rateLimited', 2.2).retryAfterSeconds).toBe(3);
    expect(map('rateLimited', 0).retryAfterSeconds).toBe(1);
    expect(map('unavailable').retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(Number.isInteger(map('unavailable', 59.5).retryAfterSeconds)).toBe(true);
  });

  it('refused bridge credentials say so without the upstream message (it could quote them)', () => {
    expect(map('unauthorized').message).toBe("zscaler-zia: the upstream refused the bridge's credentials");
  });
});
