import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createZuoraRestSimulator, type ZuoraRestSimulator } from '@scim-bridge/simulators/zuora-rest';
import { replicaConfig, startReplicaPair, type ReplicaPair } from '../support/replica-pair.js';
import { dropSchema, freshSchemaName } from '../support/postgres-test-store.js';
import type { ScimClient } from '../support/scim-client.js';
import { group, membership, patchOp } from '../support/scim-requests.js';
import { PROFILES, user } from '../support/zuora-rest-harness.js';

/*
 * Two real replicas (two Node processes sharing only PostgreSQL and Redis) in front of one Zuora REST tenant, raced as
 * an IdP behind a load balancer races them: every write to one object goes through the object's lock, which both
 * replicas honour, so no acknowledged change is lost and a deleted user stays deleted.
 */

const schema = freshSchemaName();
let sim: ZuoraRestSimulator;
let pair: ReplicaPair;
let a: ScimClient;
let b: ScimClient;
const alternate = (i: number): ScimClient => (i % 2 === 0 ? a : b);

beforeAll(async () => {
  sim = createZuoraRestSimulator();
  const url = await sim.listen(0);
  pair = await startReplicaPair(
    replicaConfig({ type: 'zuora-rest', baseUrlOverride: url, clientId: sim.clientId, clientSecret: sim.clientSecret, profiles: PROFILES }, { schema }),
  );
  ({ a, b } = pair);
}, 60_000);
afterAll(async () => {
  await pair.stop();
  await sim.close();
  await dropSchema(schema);
});

describe('two replicas racing on one object', () => {
  it('20 concurrent PATCHes to one user, alternating replicas: all 20 changes are there', async () => {
    const { body } = await a.post('/Users', user('patched@example.com')).expect(201);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => alternate(i).patch(`/Users/${body.id}`, patchOp({ op: 'add', path: 'entitlements', value: [{ value: `e${i}` }] }))),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(20).fill(204));
    for (const client of [a, b]) {
      const read = await client.get(`/Users/${body.id}`).expect(200);
      expect(read.body.entitlements.map((e: { value: string }) => e.value).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `e${i}`).sort());
    }
  }, 60_000);

  it('20 concurrent member adds, alternating replicas: 20 members, and every member holds the profile the group maps to', async () => {
    const members: { id: string; userName: string }[] = [];
    for (let i = 0; i < 20; i++) {
      const userName = `member${i}@example.com`;
      members.push({ id: (await alternate(i).post('/Users', user(userName)).expect(201)).body.id as string, userName });
    }
    const gid = (await a.post('/Groups', group('Billing Team')).expect(201)).body.id as string;
    const answers = await Promise.all(members.map((m, i) => alternate(i).patch(`/Groups/${gid}`, patchOp(membership.oktaAdd([m])))));
    expect(answers.map((r) => r.status)).toEqual(Array(20).fill(204));
    const read = await b.get(`/Groups/${gid}`).expect(200);
    expect(read.body.members.map((m: { value: string }) => m.value).sort()).toEqual(members.map((m) => m.id).sort());
    for (const m of members) expect(sim.users().find((u) => u.username === m.userName)?.profileId, m.userName).toBe('p-billing');
  }, 60_000);

  it('a DELETE on one replica racing a PATCH on the other: the user stays deleted (or the PATCH gets 404)', async () => {
    for (let round = 0; round < 10; round++) {
      const userName = `raced${round}@example.com`;
      const { body } = await a.post('/Users', user(userName)).expect(201);
      const [deleted, patched] = await Promise.all([
        a.delete(`/Users/${body.id}`),
        b.patch(`/Users/${body.id}`, patchOp({ op: 'replace', path: 'title', value: `round ${round}` })),
      ]);
      expect(deleted.status).toBe(204);
      expect([204, 404]).toContain(patched.status);
      await a.get(`/Users/${body.id}`).expect(404);
      await b.get(`/Users/${body.id}`).expect(404);
      expect((await b.get(`/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`).expect(200)).body.totalResults).toBe(0);
      // Zuora keeps a deleted user, deactivated: a PATCH that came second must not have brought it back.
      expect(sim.users().find((u) => u.username === userName)?.status, userName).toBe('Inactive');
    }
  }, 60_000);

  it('20 concurrent creates of one group name, alternating replicas: one group', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => alternate(i).post('/Groups', group('Auditors'))));
    expect(answers.map((r) => r.status).sort()).toEqual([201, ...Array(19).fill(409)]);
    const listed = await b.get(`/Groups?filter=${encodeURIComponent('displayName eq "Auditors"')}`).expect(200);
    expect(listed.body.totalResults).toBe(1);
  }, 60_000);
});
