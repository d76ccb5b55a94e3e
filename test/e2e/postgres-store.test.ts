import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';
import { hashToken } from '../../src/core/idp-credentials.js';
import { createBridge, type Bridge } from '../../src/runtime.js';
import { createZuoraRestSimulator, type ZuoraRestSimulator } from '@scim-bridge/simulators/zuora-rest';
import { dropSchema, freshSchemaName, POSTGRES_TEST_URL } from '../support/postgres-test-store.js';
import { scimClient, TOKEN } from '../support/scim-client.js';
import { PROFILES, user } from '../support/zuora-rest-harness.js';

let bridge: Bridge;
let sim: ZuoraRestSimulator;
const schema = freshSchemaName();

beforeAll(async () => {
  sim = createZuoraRestSimulator();
  const url = await sim.listen(0);
  const config = parseConfig(
    {
      store: { type: 'postgres', connectionString: POSTGRES_TEST_URL, schema },
      tenants: [
        {
          id: 'default',
          idpTokens: [{ label: 'idp', sha256: hashToken(TOKEN) }],
          upstream: { type: 'zuora-rest', baseUrlOverride: url, clientId: sim.clientId, clientSecret: sim.clientSecret, profiles: PROFILES },
          reconcile: { onStart: true, intervalSeconds: 0 },
        },
      ],
    },
    {},
  );
  bridge = await createBridge(config, { logger: false });
  await bridge.app.ready();
});
afterAll(async () => {
  await bridge?.close();
  await sim?.close();
  await dropSchema(schema);
});

describe('the bridge on PostgreSQL (store: {type: "postgres"})', () => {
  it('creates, finds by filter from the index, groups, and deletes, as on SQLite', async () => {
    const http = scimClient(bridge);
    const u = await http.post('/Users', user('pg@example.com')).expect(201);
    const found = await http.get('/Users?filter=' + encodeURIComponent('userName eq "PG@example.com"')).expect(200);
    expect(found.body.Resources.map((r: { id: string }) => r.id)).toEqual([u.body.id]);
    const g = await http.post('/Groups', { displayName: 'Billing Team', members: [{ value: u.body.id }] }).expect(201);
    expect(sim.users().find((x) => x.username === 'pg@example.com')?.profileId).toBe('p-billing');
    expect((await http.get(`/Users/${u.body.id}`).expect(200)).body.groups).toEqual([expect.objectContaining({ value: g.body.id })]);
    await http.delete(`/Users/${u.body.id}`).expect(204);
    await http.get(`/Users/${u.body.id}`).expect(404);
    // The group's creation moved its member's profile: that write has its own entry (newest first; same instant,
    // reverse order of appending).
    expect((await bridge.store.audit.query({ tenant: 'default' })).map((a) => a.operation)).toEqual(['deleteUser', 'updateUser', 'createGroup', 'createUser']);
  });
});
