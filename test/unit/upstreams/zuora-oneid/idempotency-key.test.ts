import { describe, expect, it } from 'vitest';
import { idempotencyKey, type IdempotencyKeyParts } from '../../../../src/upstreams/zuora-oneid/idempotency-key.js';

const parts: IdempotencyKeyParts = {
  organizationId: 'org-1',
  method: 'PATCH',
  path: '/scim/v2/Groups/g-1',
  body: { schemas: ['x'], operations: [{ op: 'add', path: 'members', value: [{ value: 'u-1' }] }] },
  basis: '2026-03-01T09:00:00.000Z',
};

describe('Idempotency-Key', () => {
  it('is a SHA-256 in hex, well within Zuora’s 255 characters', () => {
    expect(idempotencyKey(parts)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is the same for the same write, whatever the order of the body’s keys', () => {
    const reordered = { operations: [{ value: [{ value: 'u-1' }], path: 'members', op: 'add' }], schemas: ['x'] };
    expect(idempotencyKey({ ...parts, body: reordered })).toBe(idempotencyKey(parts));
  });

  it.each([
    ['organization', { organizationId: 'org-2' }],
    ['method', { method: 'POST' as const }],
    ['path', { path: '/scim/v2/Groups/g-2' }],
    ['body', { body: { schemas: ['x'], operations: [] } }],
    ['basis', { basis: '2026-03-01T09:00:01.000Z' }],
  ])('changes with the %s', (_what, change) => {
    expect(idempotencyKey({ ...parts, ...change })).not.toBe(idempotencyKey(parts));
  });

  it('treats a missing basis as an empty one (creates)', () => {
    expect(idempotencyKey({ ...parts, basis: undefined })).toBe(idempotencyKey({ ...parts, basis: '' }));
  });
});
