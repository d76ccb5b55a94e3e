import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createZscalerZiaSimulator, type ZscalerZiaSimulator } from '@scim-bridge/simulators/zscaler-zia';
import { replicaConfig, startReplicaPair, type ReplicaPair } from '../support/replica-pair.js';
import { dropSchema, freshSchemaName } from '../support/postgres-test-store.js';
import type { ScimClient } from '../support/scim-client.js';
import { group, membership, patchOp } from '../support/scim-requests.js';
import { user } from '../support/zuora-rest-harness.js';

/*
 * Group membership is input to each ZIA user's own groups (a full-replace PUT per member). Two real replicas adding
 * members to one group at once must leave every member in the group and in the ZIA group of the same name: a member
 * write that read a stale group would drop another member's.
 */

const schema = freshSchemaName();
let sim: ZscalerZiaSimulator;
let pair: ReplicaPair;
let a: ScimClient;
let b: ScimClient;

beforeAll(async () => {
  sim = createZscalerZiaSimulator({ domains: 'any' });
  const url = await sim.listen(0);
  const upstream = {
    type: 'zscaler-zia',
    baseUrlOverride: `${url}${sim.apiPrefix}`,
    auth: { mode: 'legacy', username: sim.username, password: sim.password, apiKey: sim.apiKey },
    defaultDepartment: 'Engineering',
    deactivation: { mode: 'delete' },
    activation: { debounceMs: 200, maxDelayMs: 2_000 },
  };
  pair = await startReplicaPair(replicaConfig(upstream, { schema }));
  ({ a, b } = pair);
}, 60_000);
afterAll(async () => {
  await pair.stop();
  await sim.close();
  await dropSchema(schema);
});

describe('two replicas adding ZIA members at once', () => {
  it('12 concurrent member adds, alternating replicas: 12 members, each in the ZIA group of the same name', async () => {
    const members: { id: string; userName: string }[] = [];
    for (let i = 0; i < 12; i++) {
      const userName = `zia.member${i}@example.com`;
      members.push({ id: (await (i % 2 === 0 ? a : b).post('/Users', user(userName)).expect(201)).body.id as string, userName });
    }
    const gid = (await a.post('/Groups', group('Sales')).expect(201)).body.id as string;
    const answers = await Promise.all(members.map((m, i) => (i % 2 === 0 ? a : b).patch(`/Groups/${gid}`, patchOp(membership.oktaAdd([m])))));
    expect(answers.map((r) => r.status)).toEqual(Array(12).fill(204));
    const read = await b.get(`/Groups/${gid}`).expect(200);
    expect(read.body.members.map((m: { value: string }) => m.value).sort()).toEqual(members.map((m) => m.id).sort());
    for (const m of members) {
      const held = sim.users().find((u) => u.email === m.userName);
      expect(
        held?.groups.map((g) => g.name),
        m.userName,
      ).toEqual(['Sales']);
    }
  }, 90_000);
});
