import supertest from 'supertest';
import type { Bridge } from '../../src/runtime.js';

export const TOKEN = 'test-idp-token-0123456789';
export const SCIM = '/scim/v2';

/** An IdP's view of a bridge: every request authenticated with TOKEN, bodies sent as application/scim+json. */
export interface ScimClient {
  get(path: string): supertest.Test;
  post(path: string, body?: object): supertest.Test;
  put(path: string, body: object): supertest.Test;
  patch(path: string, body: object): supertest.Test;
  delete(path: string): supertest.Test;
}

export function scimClient(bridge: Bridge, token = TOKEN): ScimClient {
  const agent = supertest(bridge.app.server);
  const auth = (t: supertest.Test) => t.set('Authorization', `Bearer ${token}`);
  const json = (t: supertest.Test, body: object | undefined) => auth(t).set('Content-Type', 'application/scim+json').send(JSON.stringify(body ?? {}));
  return {
    get: (p) => auth(agent.get(SCIM + p)),
    post: (p, body) => json(agent.post(SCIM + p), body),
    put: (p, body) => json(agent.put(SCIM + p), body),
    patch: (p, body) => json(agent.patch(SCIM + p), body),
    delete: (p) => auth(agent.delete(SCIM + p)),
  };
}
