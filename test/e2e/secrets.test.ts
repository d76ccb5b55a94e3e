import { Writable } from 'node:stream';
import supertest from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging.js';
import { readinessAdminTokens, readyz } from '../support/readiness.js';
import { SCIM, startZuoraRestHarness, TOKEN, user, type Harness } from '../support/zuora-rest-harness.js';

/** Everything the bridge logs, as text. */
function captureLogs() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { logger: createLogger('trace', stream), text: () => lines.join('') };
}

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('secrets never reach a log, an error body or the audit log', () => {
  it('IdP tokens: not in the logs of good, bad and failing requests, nor in the audit log', async () => {
    const logs = captureLogs();
    h = await startZuoraRestHarness({ logger: logs.logger });
    await h.http.post('/Users', user('secret@example.com')).expect(201);
    await supertest(h.bridge.app.server).get(`${SCIM}/Users`).set('Authorization', 'Bearer not-the-token-xyz').expect(401);
    await h.http.get('/Users?filter=' + encodeURIComponent('userName eq')).expect(400);
    const audit = JSON.stringify(await h.bridge.store.audit.query({}));
    for (const secret of [TOKEN, 'not-the-token-xyz', h.sim.clientSecret]) {
      expect(logs.text()).not.toContain(secret);
      expect(audit).not.toContain(secret);
    }
    expect(logs.text()).toContain('scim request');
  });

  it('the upstream client secret: refused credentials give the IdP a 502 that does not quote them', async () => {
    const logs = captureLogs();
    h = await startZuoraRestHarness({
      logger: logs.logger,
      upstream: { clientSecret: 'wrong-secret-value-123' },
      skipReconcile: true,
      adminTokens: readinessAdminTokens,
    });
    const res = await h.http.post('/Users', user('denied@example.com'));
    expect(res.status).toBe(502);
    expect(res.body).toMatchObject({ status: '502', schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'] });
    expect(JSON.stringify(res.body)).not.toContain('wrong-secret-value-123');
    expect(logs.text()).not.toContain('wrong-secret-value-123');
    expect(JSON.stringify(await h.bridge.store.audit.query({}))).not.toContain('wrong-secret-value-123');
    // Readiness tells the operator the upstream refuses the bridge's credentials, without saying what they are.
    const ready = await readyz(h.bridge.app);
    expect(ready.status).toBe(200);
    expect(ready.body.tenants?.default).toMatchObject({ upstream: 'zuora-rest', credentialsAccepted: false });
    expect(ready.text).not.toContain('wrong-secret-value-123');
  });
});
