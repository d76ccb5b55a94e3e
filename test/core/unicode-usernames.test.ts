import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBridge, type Bridge } from '../../src/runtime.js';
import { fakeBridgeConfig } from '../support/fake-harness.js';
import { fakeTenant, freshTenantName, type FakeTenant } from '../support/fakes/fake-upstream.js';
import { dropSchema, freshSchemaName, POSTGRES_TEST_URL } from '../support/postgres-test-store.js';
import { scimClient, TOKEN, type ScimClient } from '../support/scim-client.js';
import { user } from '../support/scim-requests.js';
import { TEST_REGISTRY } from '../support/test-registry.js';

/**
 * userName uniqueness compares NFC-normalised, lower-cased text (src/store/fold-case.ts): the two Unicode spellings
 * of `josé` (é as U+00E9, or e + U+0301 as macOS and some HR exports write it) are one user, on either store engine.
 */
const NFC = 'jos\u00e9.garc\u00eda';
const NFD = 'jose\u0301.garci\u0301a';

const engines = [
  ['SQLite', () => ({ store: { type: 'sqlite', path: ':memory:' }, drop: async () => undefined })],
  [
    'PostgreSQL',
    () => {
      const schema = freshSchemaName();
      return { store: { type: 'postgres', connectionString: POSTGRES_TEST_URL, schema }, drop: () => dropSchema(schema) };
    },
  ],
] as const;

describe.each(engines)('one userName in two Unicode spellings is one user (%s)', (_engine, storeOf) => {
  let sim: FakeTenant;
  let bridge: Bridge;
  let http: ScimClient;
  let drop: () => Promise<unknown>;
  beforeAll(async () => {
    const name = freshTenantName();
    sim = fakeTenant(name);
    const { store, drop: dropStore } = storeOf();
    drop = dropStore;
    const config = fakeBridgeConfig([{ id: 'default', fakeTenant: name, idpToken: TOKEN, tenant: { reconcile: { onStart: false, intervalSeconds: 0 } } }], {
      store,
    });
    bridge = await createBridge(config, { logger: false, registry: TEST_REGISTRY });
    await bridge.app.ready();
    http = scimClient(bridge);
  });
  afterAll(async () => {
    await bridge?.close();
    await sim?.close();
    await drop?.();
  });

  const withEmail = (userName: string, email: string) => user(userName, { emails: [{ value: email, type: 'work', primary: true }] });
  const filterIds = async (userName: string): Promise<string[]> =>
    (await http.get('/Users?filter=' + encodeURIComponent(`userName eq "${userName}"`)).expect(200)).body.Resources.map((r: { id: string }) => r.id);

  it('the NFD spelling of a name created in NFC (in any case) is a 409 uniqueness, and the upstream is not asked', async () => {
    const created = await http.post('/Users', withEmail(NFC, 'jose.garcia@example.com')).expect(201);
    const creates = sim.count('POST', '/users');
    for (const spelling of [NFD, NFD.toUpperCase()]) {
      const again = await http.post('/Users', withEmail(spelling, 'jose.garcia.2@example.com'));
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ status: '409', scimType: 'uniqueness' });
    }
    expect(sim.count('POST', '/users')).toBe(creates);
    // A filter finds the one user by either spelling, and it keeps the spelling it was created with.
    for (const spelling of [NFC, NFD, NFD.toUpperCase()]) expect(await filterIds(spelling)).toEqual([created.body.id]);
    expect((await http.get(`/Users/${created.body.id}`).expect(200)).body.userName).toBe(NFC);
  });

  it('a filter that combines userName with other terms, or uses sw/co, matches either spelling too', async () => {
    const created = await http.post('/Users', withEmail('zo\u00eb.combined', 'zoe.combined@example.com')).expect(201);
    for (const filter of ['userName eq "ZOE\u0308.COMBINED" and active eq true', 'userName sw "zoe\u0308.c"', 'userName co "E\u0308.COMB"']) {
      const res = await http.get('/Users?filter=' + encodeURIComponent(filter)).expect(200);
      expect(
        res.body.Resources.map((r: { id: string }) => r.id),
        filter,
      ).toEqual([created.body.id]);
    }
  });

  it('and the other way round: a name created in NFD refuses its NFC spelling', async () => {
    const created = await http.post('/Users', withEmail('rene\u0301.nfd', 'rene.nfd@example.com')).expect(201);
    expect((await http.post('/Users', withEmail('REN\u00c9.NFD', 'rene.nfd.2@example.com'))).status).toBe(409);
    expect(await filterIds('ren\u00e9.nfd')).toEqual([created.body.id]);
  });
});
