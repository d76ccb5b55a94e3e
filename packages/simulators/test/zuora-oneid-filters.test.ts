import { afterEach, describe, expect, it } from 'vitest';
import { URN, filterQuery, oneId } from './zuora-oneid-helper.js';

describe('Zuora OneID simulator: list filters (docs/upstreams/zuora-oneid.md §5)', () => {
  let env: ReturnType<typeof oneId>;
  afterEach(async () => env.sim.close());

  const userNames = async (filter: string) => {
    const res = await env.call('GET', `/Users?${filterQuery(filter)}`);
    expect(res.statusCode).toBe(200);
    return (res.json().resources as Array<{ userName: string }>).map((u) => u.userName);
  };

  const setup = async () => {
    env = oneId();
    const active = await env.createUser({ userName: 'testuser', externalId: 'ext-1' });
    const pending = await env.createUser({
      userName: 'pending.user',
      externalId: 'ext-2',
      [URN.userExtension]: { organizationId: env.sim.orgId, ssoEnabled: false },
    });
    return { active, pending };
  };

  it('supports the documented examples: userName eq, status eq, id eq … and status eq …', async () => {
    const { pending } = await setup();
    expect(await userNames('userName eq "testuser"')).toEqual(['testuser']);
    expect(await userNames('status eq "PENDING_ACTIVATION"')).toEqual(['pending.user']);
    expect(await userNames(`id eq "${pending.id}" and status eq "PENDING_ACTIVATION"`)).toEqual(['pending.user']);
    expect(await userNames(`id eq "${pending.id}" and status eq "ACTIVE"`)).toEqual([]);
  });

  it('compares userName case-insensitively, externalId and status exactly; accepts URN-qualified names', async () => {
    await setup();
    expect(await userNames('userName eq "TESTUSER"')).toEqual(['testuser']);
    expect(await userNames('externalId eq "ext-1"')).toEqual(['testuser']);
    expect(await userNames('externalId eq "EXT-1"')).toEqual([]);
    expect(await userNames('status eq "active"')).toEqual([]);
    expect(await userNames(`${URN.userExtension}:status eq "ACTIVE"`)).toEqual(['testuser']);
    expect(await userNames(`${URN.user}:userName eq "testuser"`)).toEqual(['testuser']);
  });

  it('counts matches in totalResults', async () => {
    await setup();
    env.sim.seedUsers(4);
    const body = (await env.call('GET', `/Users?${filterQuery('status eq "ACTIVE"')}&count=2`)).json();
    expect(body).toMatchObject({ totalResults: 5, itemsPerPage: 2 });
  });

  it.each([
    ['another operator', 'userName co "test"'],
    ['or', 'userName eq "a" or userName eq "b"'],
    ['not', 'not (userName eq "a")'],
    ['pr', 'externalId pr'],
    ['an unsupported attribute', 'emails.value eq "amy@zuora.com"'],
    ['a non-string value', 'userName eq true'],
    ['a syntax error', 'userName eq'],
  ])('answers %s with 400 invalidFilter in the RFC 7644 §3.12 body', async (_name, filter) => {
    await setup();
    const res = await env.call('GET', `/Users?${filterQuery(filter)}`);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ schemas: [URN.error], status: '400', scimType: 'invalidFilter' });
  });

  it('refuses at once, on Users and Groups, the unclosed quoted value that made the filter tokenizer backtrack for seconds', async () => {
    await setup();
    const filter = `userName eq "${'a\n'.repeat(63)}x`;
    for (const resource of ['Users', 'Groups']) {
      const started = performance.now();
      const res = await env.call('GET', `/${resource}?${filterQuery(filter)}`);
      expect(performance.now() - started).toBeLessThan(50);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ scimType: 'invalidFilter', detail: expect.stringContaining('holds a line break at character 15') });
    }
  });

  it('takes a line break escaped in a quoted value, and refuses a filter longer than 1024 characters', async () => {
    await setup();
    expect((await env.call('GET', `/Users?${filterQuery('userName eq "a\\nb"')}`)).statusCode).toBe(200);
    const long = `userName eq "${'x'.repeat(1011)}"`;
    expect(long).toHaveLength(1025);
    const res = await env.call('GET', `/Users?${filterQuery(long)}`);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ scimType: 'invalidFilter', detail: expect.stringContaining('at most 1024 are accepted') });
    expect((await env.call('GET', `/Users?${filterQuery(`userName eq "${'x'.repeat(1010)}"`)}`)).statusCode).toBe(200);
  });
});
