import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app.js';
import { createIdpTokenVerifier, hashToken } from '../../../src/core/idp-credentials.js';
import type { ProvisioningService } from '../../../src/core/provisioning-service.js';
import { ERROR_SCHEMA } from '../../../src/scim/errors.js';
import { UpstreamError, type UpstreamErrorKind } from '../../../src/upstreams/upstream-error.js';
import { captureLogs } from '../../support/captured-logs.js';

/*
 * A core path that forgets `viaUpstream` lets an UpstreamError reach the HTTP layer. The error handler maps it as
 * the core would, so an upstream failure is never a 500, wherever it comes from.
 */

const TOKEN = 'edge-test-token-0123456789';
let app: FastifyInstance | undefined;
afterEach(async () => app?.close());

/** The bridge's HTTP surface over a tenant whose every user read throws `error` unwrapped. */
async function edgeThrowing(error: unknown, logger = captureLogs()) {
  const service = {
    tenant: { limits: {} },
    users: {
      get: async () => {
        throw error;
      },
    },
    groups: {},
  } as unknown as ProvisioningService;
  app = await buildApp({
    services: new Map([['default', service]]),
    verifier: createIdpTokenVerifier([{ label: 'edge-idp', tenant: 'default', sha256: hashToken(TOKEN) }]),
    rateLimit: { max: 1_000, timeWindowMs: 60_000 },
    bodyLimitBytes: 1_048_576,
    patchResponse: 'noContent',
    logger: logger.logger,
  });
  const res = await app.inject({ method: 'GET', url: '/scim/v2/Users/u-1', headers: { authorization: `Bearer ${TOKEN}`, 'x-request-id': 'edge-1' } });
  return { res, logs: logger };
}

describe('an UpstreamError that reaches the HTTP layer unmapped gets the one mapping', () => {
  it.each([
    ['notFound', 404, undefined],
    ['conflict', 409, 'uniqueness'],
    ['invalid', 400, 'invalidValue'],
    ['unauthorized', 502, undefined],
    ['rateLimited', 429, undefined],
    ['unavailable', 503, undefined],
    ['timeout', 504, undefined],
    ['malformed', 502, undefined],
  ] as const)('%s → %i', async (kind: UpstreamErrorKind, status, scimType) => {
    const { res } = await edgeThrowing(new UpstreamError(kind, 'zuora-rest', 'something upstream', { retryAfterSeconds: 7 }));
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toMatch(/application\/scim\+json/);
    expect(res.json()).toMatchObject({ schemas: [ERROR_SCHEMA], status: String(status), ...(scimType ? { scimType } : {}) });
    if (status === 429 || status === 503) expect(res.headers['retry-after']).toBe('7');
  });

  it('a malformed answer is a 502 saying the answer could not be read, logged once with its call, status and excerpt', async () => {
    const answer = { call: 'GET /v1/users/{id}', reason: 'an HTML page, not JSON', excerpt: '<html><body>Maintenance</body></html>' };
    const { res, logs } = await edgeThrowing(
      new UpstreamError('malformed', 'zuora-rest', 'zuora-rest GET /v1/users/{id} answered HTTP 200 …', { status: 200, answer }),
    );
    expect(res.statusCode).toBe(502);
    expect(res.json().detail).toBe("zuora-rest: the upstream's answer could not be read (GET /v1/users/{id}, HTTP 200: an HTML page, not JSON)");
    expect(res.body).not.toContain('Maintenance');
    const failures = logs.of('edge-1').filter((l) => l.msg?.startsWith('request failed'));
    expect(failures).toHaveLength(1);
    expect(failures[0]?.upstream).toEqual({
      name: 'zuora-rest',
      kind: 'malformed',
      status: 200,
      call: 'GET /v1/users/{id}',
      reason: 'an HTML page, not JSON',
      body: answer.excerpt,
    });
  });

  it('anything else unexpected is still a 500 with a reference, its stack logged', async () => {
    const { res, logs } = await edgeThrowing(new TypeError("Cannot read properties of undefined (reading 'id')"));
    expect(res.statusCode).toBe(500);
    expect(res.json().detail).toMatch(/^Internal error; reference /);
    expect(logs.of('edge-1').find((l) => l.msg === 'unhandled error')?.err).toMatchObject({ type: 'TypeError' });
  });
});
