import { describe, expect, it } from 'vitest';
import { scimErrorFromUpstream } from '../../../src/core/upstream-error-mapping.js';
import { UpstreamError } from '../../../src/upstreams/upstream-error.js';

const map = (kind: UpstreamError['kind'], retryAfterSeconds?: number) =>
  scimErrorFromUpstream(new UpstreamError(kind, 'zscaler-zia', 'said something', retryAfterSeconds === undefined ? {} : { retryAfterSeconds }));

describe('upstream failures keep their meaning for the IdP (docs/architecture.md)', () => {
  it.each([
    ['notFound', 404, undefined],
    ['conflict', 409, 'uniqueness'],
    ['invalid', 400, 'invalidValue'],
    ['unauthorized', 502, undefined],
    ['rateLimited', 429, undefined],
    ['unavailable', 503, undefined],
    ['timeout', 504, undefined],
    ['malformed', 502, undefined],
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

  it('an unreadable answer says which call could not be read and why, never the body the log keeps', () => {
    const answer = { call: 'GET /users/{userId}', reason: 'an HTML page, not JSON', excerpt: '<html>secret page</html>' };
    const e = scimErrorFromUpstream(new UpstreamError('malformed', 'zscaler-zia', 'unreadable', { status: 200, answer }));
    expect(e.status).toBe(502);
    expect(e.message).toBe("zscaler-zia: the upstream's answer could not be read (GET /users/{userId}, HTTP 200: an HTML page, not JSON)");
    expect(JSON.stringify(e.toBody())).not.toContain('secret page');
  });
});
