import { describe, expect, it } from 'vitest';
import { classifyZuoraResponse } from '../../../../src/upstreams/zuora-rest/zuora-envelope.js';

const res = (status: number, body: unknown) => ({ status, headers: {}, body, text: JSON.stringify(body) });

describe("Zuora's error envelope (docs/upstreams/zuora-rest.md §3)", () => {
  it('treats HTTP 200 with success:false as the error its code category names', () => {
    expect(classifyZuoraResponse(res(200, { success: false, reasons: [{ code: 50000030, message: 'username already exists' }] }))).toMatchObject({
      kind: 'conflict',
      code: '50000030',
    });
    expect(classifyZuoraResponse(res(200, { success: false, reasons: [{ code: '53100320', message: "'termType' value should be…" }] }))).toMatchObject({
      kind: 'invalid',
    });
    expect(classifyZuoraResponse(res(200, { success: false, reasons: [{ code: '50000070', message: 'concurrency' }] }))).toMatchObject({
      kind: 'rateLimited',
      retryable: true,
    });
  });

  it('leaves successful answers alone and falls back on the status for unknown codes', () => {
    expect(classifyZuoraResponse(res(200, { success: true, id: 'x' }))).toBeUndefined();
    expect(classifyZuoraResponse(res(200, { id: 'x' }))).toBeUndefined();
    expect(classifyZuoraResponse(res(500, { success: false, reasons: [{ code: 'SystemError', message: 'internal server error' }] }))).toMatchObject({
      kind: 'unavailable',
    });
    expect(classifyZuoraResponse(res(404, { success: false, reasons: [{ code: 'x', message: 'nope' }] }))).toMatchObject({ kind: 'notFound' });
  });
});
