import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { ERROR_SCHEMA } from '../../src/scim/errors.js';
import type { ErrorLog } from './error-log.js';

/**
 * The two endpoints the bridge declares unsupported answer 501 by design: Bulk (RFC 7644 §3.7, `bulk.supported`
 * false in /ServiceProviderConfig) and /Me (§3.11). Every other 5xx is a defect.
 */
const NOT_IMPLEMENTED = /\/scim\/v2\/(bulk|me)\/?$/i;

const REFERENCE = /reference ([0-9a-f-]{36})/;

/**
 * What every response to any request must be: never a 5xx (but the designed 501s), and every error an RFC 7644
 * §3.12 body in `application/scim+json` with the Error schema, `status` as a string equal to the HTTP status, and a
 * `detail`. A HEAD answer has the headers of its GET and no body (RFC 9110 §9.3.2). On a 5xx the message carries
 * the stack the bridge logged.
 */
export function expectScimSafe(request: { method: string; url: string }, res: LightMyRequestResponse, errors: ErrorLog): void {
  const path = request.url.split('?')[0] ?? '';
  const where = `${request.method} ${request.url.slice(0, 300)} → ${res.statusCode} ${res.body.slice(0, 300)}`;
  if (res.statusCode >= 500 && !(res.statusCode === 501 && NOT_IMPLEMENTED.test(path))) {
    expect.fail(`5xx: ${where}\nlogged: ${errors.stackFor(REFERENCE.exec(res.body)?.[1])}`);
  }
  if (res.statusCode < 400) return;
  expect(res.headers['content-type'], where).toMatch(/^application\/scim\+json/);
  if (request.method === 'HEAD') return;
  let body: unknown;
  try {
    body = JSON.parse(res.body);
  } catch {
    expect.fail(`error body is not JSON: ${where}`);
  }
  expect(body, where).toMatchObject({ schemas: [ERROR_SCHEMA], status: String(res.statusCode), detail: expect.any(String) });
}
