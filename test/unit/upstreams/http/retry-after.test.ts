import { describe, expect, it } from 'vitest';
import { parseRetryAfter, retryAfterInJsonBody, sanitiseTrackingId } from '../../../../src/upstreams/http/index.js';

const NOW = Date.parse('2026-01-01T00:00:00Z');

describe('parseRetryAfter', () => {
  it.each([
    ['120', 120_000], // RFC 9110 delay-seconds
    ['Thu, 01 Jan 2026 00:01:00 GMT', 60_000], // RFC 9110 HTTP-date
    ['Wed, 31 Dec 2025 23:59:00 GMT', 0], // a date already past means now
    ['3 seconds', 3_000], // ZIA body
    ['120s', 120_000], // Go duration, as ZSDK parses it
    ['soon', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('reads %j as %j ms', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });

  it('reads the Retry-After member of a ZIA rate-limit body', () => {
    const body = { message: 'Rate Limit (1/SECOND) exceeded', 'Retry-After': '0 seconds' };
    expect(retryAfterInJsonBody(body, NOW)).toBe(0);
    expect(retryAfterInJsonBody({ message: 'x' }, NOW)).toBeUndefined();
    expect(retryAfterInJsonBody('Retry-After: 3', NOW)).toBeUndefined();
  });
});

describe('sanitiseTrackingId', () => {
  it('keeps an ordinary request id as it is', () => {
    expect(sanitiseTrackingId('7f1c2a9e-req')).toBe('7f1c2a9e-req');
  });

  it('drops what Zuora-Track-Id forbids and gives up on nothing left', () => {
    expect(sanitiseTrackingId('a:b;c"d\'e\u00e9\nf')).toBe('abcdef');
    expect(sanitiseTrackingId(':;"\'')).toBeUndefined();
  });
});
