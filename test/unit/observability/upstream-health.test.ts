import { describe, expect, it } from 'vitest';
import { upstreamHealthTracker } from '../../../src/observability/upstream-health.js';

const call = (status: number, error?: string) => ({
  upstream: 'zia',
  method: 'GET',
  path: '/users',
  status,
  durationMs: 1,
  attempt: 1,
  ...(error ? { error } : {}),
});

describe("upstream health from the bridge's own calls", () => {
  it('knows nothing before the first call', () => {
    expect(upstreamHealthTracker().snapshot()).toEqual({ lastAnsweredAt: undefined, lastFailure: undefined, credentialsAccepted: undefined });
  });

  it('records answers, outages and refused credentials, and a success clears the credential flag', () => {
    let t = 0;
    const h = upstreamHealthTracker(() => new Date(t));
    h.observe(call(200));
    expect(h.snapshot()).toMatchObject({ lastAnsweredAt: '1970-01-01T00:00:00.000Z', credentialsAccepted: true });
    t = 1000;
    h.observe(call(0, 'ECONNREFUSED'));
    expect(h.snapshot().lastFailure).toEqual({ at: '1970-01-01T00:00:01.000Z', what: 'ECONNREFUSED' });
    h.observe(call(503));
    expect(h.snapshot().lastFailure?.what).toBe('HTTP 503');
    h.observe(call(401));
    expect(h.snapshot()).toMatchObject({ credentialsAccepted: false, lastFailure: { what: 'HTTP 401: credentials refused' } });
    h.observe(call(404));
    expect(h.snapshot().credentialsAccepted).toBe(false);
    h.observe(call(201));
    expect(h.snapshot().credentialsAccepted).toBe(true);
  });
});
