import { describe, expect, it } from 'vitest';
import { ERROR_SCHEMA, ScimError, invalidFilter, notFound } from '../../../src/scim/errors.js';

describe('ScimError (RFC 7644 §3.12)', () => {
  it('renders status as a string and carries scimType', () => {
    expect(invalidFilter('bad filter').toBody()).toEqual({
      schemas: [ERROR_SCHEMA],
      status: '400',
      scimType: 'invalidFilter',
      detail: 'bad filter',
    });
  });

  it('omits scimType when the status has none', () => {
    const body = notFound('Resource 2819c223 not found').toBody();
    expect(body).toEqual({ schemas: [ERROR_SCHEMA], status: '404', detail: 'Resource 2819c223 not found' });
    expect('scimType' in body).toBe(false);
  });

  it('keeps Retry-After seconds for throttling errors', () => {
    expect(new ScimError(429, 'slow down', undefined, { retryAfterSeconds: 7 }).retryAfterSeconds).toBe(7);
  });
});
