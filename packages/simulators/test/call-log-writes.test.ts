import { describe, expect, it } from 'vitest';
import { createZscalerZiaSimulator } from '../src/zscaler-zia/index.js';
import { URN, createZuoraOneIdSimulator } from '../src/zuora-oneid/index.js';
import { createZuoraRestSimulator } from '../src/zuora-rest/index.js';

/*
 * `writes()`: every request but GET/HEAD, with the ids of the objects it targets, so a test can say "no write touched
 * object X". Ids come from the route (`:id`, `:userId`) and, on bulk routes, from the body.
 */

const JSON_HEADERS = { 'content-type': 'application/json' };

describe('call log writes()', () => {
  it('Zuora REST: PUT and DELETE name their user, a create names none, reads and the control surface are left out', async () => {
    const sim = createZuoraRestSimulator({ seedProfile: 'live' });
    const auth = { authorization: `Bearer ${sim.issueToken()}`, ...JSON_HEADERS };
    const [first, second] = sim.users().map((u) => ({ id: u.id })) as [{ id: string }, { id: string }];
    await sim.app.inject({ method: 'GET', url: `/v1/users/${first.id}`, headers: auth });
    await sim.app.inject({ method: 'PUT', url: `/v1/users/${first.id}`, headers: auth, payload: { title: 'CFO' } });
    await sim.app.inject({
      method: 'POST',
      url: '/v1/users',
      headers: auth,
      payload: { username: 'n@example.com', email: 'n@example.com', firstName: 'N', lastName: 'M', profileId: 'p-standard' },
    });
    await sim.app.inject({ method: 'DELETE', url: `/v1/users/${second.id}`, headers: { authorization: auth.authorization } });
    await sim.app.inject({ method: 'PATCH', url: `/__sim/users/${second.id}`, payload: { title: 'x' } });

    expect(sim.writes().map((w) => [w.method, w.route, w.status, w.objectIds])).toEqual([
      ['PUT', '/v1/users/:id', 200, [first.id]],
      ['POST', '/v1/users', 200, []],
      ['DELETE', '/v1/users/:id', 200, [second.id]],
    ]);
    // calls() is unchanged by the listing: no objectIds there.
    expect(sim.calls()[0]).toEqual({ method: 'GET', route: '/v1/users/:id', url: `/v1/users/${first.id}`, status: 200 });
  });

  it('a write refused by an injected fault is listed with its target (nothing changed: its status says so)', async () => {
    const sim = createZuoraRestSimulator({ seedProfile: 'live' });
    const id = (sim.users()[0] as { id: string }).id;
    sim.faults.failNext(1, { kind: 'serverError', status: 503 });
    await sim.app.inject({
      method: 'PUT',
      url: `/v1/users/${id}`,
      headers: { authorization: `Bearer ${sim.issueToken()}`, ...JSON_HEADERS },
      payload: { title: 'x' },
    });
    expect(sim.writes()).toEqual([{ method: 'PUT', route: '/v1/users/:id', url: `/v1/users/${id}`, status: 503, fault: 'serverError', objectIds: [id] }]);
  });

  it('ZIA: bulkDelete names every id in its body; PUT names its userId; GET /__sim/writes answers the same', async () => {
    const sim = createZscalerZiaSimulator({ seedProfile: 'live', behaviour: { rateLimits: false } });
    const headers = { cookie: `JSESSIONID=${sim.issueSession()}`, ...JSON_HEADERS };
    const user = sim.getUser(51200344);
    await sim.app.inject({
      method: 'PUT',
      url: '/api/v1/users/51200344',
      headers,
      payload: { name: 'Lucas Moreau', department: user?.department, groups: user?.groups, comments: 'x' },
    });
    await sim.app.inject({ method: 'POST', url: '/api/v1/users/bulkDelete', headers, payload: { ids: [51200345, 51200347] } });
    await sim.app.inject({ method: 'POST', url: '/api/v1/status/activate', headers });

    const expected = [
      ['PUT', '/api/v1/users/:userId', ['51200344']],
      ['POST', '/api/v1/users/bulkDelete', ['51200345', '51200347']],
      ['POST', '/api/v1/status/activate', []],
    ];
    expect(sim.writes().map((w) => [w.method, w.route, w.objectIds])).toEqual(expected);
    const overHttp = (await sim.app.inject({ method: 'GET', url: '/__sim/writes' })).json() as {
      writes: Array<{ method: string; route: string; objectIds: string[] }>;
    };
    expect(overHttp.writes.map((w) => [w.method, w.route, w.objectIds])).toEqual(expected);
  });

  it('OneID: Users/delete and the bulk PATCHes name the ids in their bodies, a group PATCH its group', async () => {
    const sim = createZuoraOneIdSimulator({ seedProfile: 'live' });
    const headers = { authorization: `Bearer ${sim.issueToken()}`, ...JSON_HEADERS };
    const [a, b, c] = sim.users().map((u) => u.id) as [string, string, string];
    const group = (sim.groups()[0] as { id: string }).id;
    const other = (sim.groups()[1] as { id: string }).id;
    await sim.app.inject({ method: 'POST', url: '/scim/v2/Users/delete', headers, payload: [a, b] });
    await sim.app.inject({ method: 'PATCH', url: '/scim/v2/Users/bulk', headers, payload: [{ id: c, locale: 'en-GB' }] });
    const rename = (to: string) => ({ schemas: [URN.patchOp], operations: [{ op: 'replace', path: 'displayName', value: to }] });
    await sim.app.inject({ method: 'PATCH', url: `/scim/v2/Groups/${group}`, headers, payload: rename('Renamed one') });
    await sim.app.inject({ method: 'PATCH', url: '/scim/v2/Groups/bulk', headers, payload: [{ ...rename('Renamed two'), id: other }] });

    expect(sim.writes().map((w) => [w.route, w.status, w.objectIds])).toEqual([
      ['/scim/v2/Users/delete', 200, [a, b]],
      ['/scim/v2/Users/bulk', 200, [c]],
      ['/scim/v2/Groups/:id', 200, [group]],
      ['/scim/v2/Groups/bulk', 200, [other]],
    ]);
  });
});
