import { afterEach, describe, expect, it } from 'vitest';

import { ctx, ziaHarness, type ZiaHarness } from './harness.js';

let h: ZiaHarness;
afterEach(() => h.close());

describe('ZIA mappingProblems', () => {
  it('names a missing default department, disabled group and group link target, each with the names ZIA has', async () => {
    h = await ziaHarness({
      config: {
        defaultDepartment: 'Enginering',
        deactivation: { mode: 'group', disabledGroup: 'Leavers' },
        groupLinks: { 'All Sales': 'Sales', 'All Support': 'Support' },
      },
    });
    const problems = await h.adapter.mappingProblems(ctx());

    expect(problems).toEqual([
      expect.objectContaining({
        setting: 'defaultDepartment',
        kind: 'department',
        name: 'Enginering',
        available: ['Engineering', 'Finance', 'Sales', 'Marketing'],
      }),
      expect.objectContaining({ setting: 'deactivation.disabledGroup', kind: 'group', name: 'Leavers' }),
      expect.objectContaining({
        setting: 'groupLinks["All Support"]',
        kind: 'group',
        name: 'Support',
        available: ['Engineering', 'Finance', 'Sales', 'Disabled Users'],
      }),
    ]);
    expect(problems[0]?.message).toContain('ZIA has no department "Enginering" (did you mean "Engineering"?)');
    // One read of each list (the simulator's directory fits a page), nothing written, nothing to activate.
    expect(h.count('GET', '/departments')).toBe(1);
    expect(h.count('GET', '/groups')).toBe(1);
    expect(h.sim.calls().filter((c) => c.method !== 'GET' && !c.route.endsWith('/authenticatedSession'))).toEqual([]);
  });

  it('finds nothing wrong when every name exists (compared case-insensitively, as writes do)', async () => {
    h = await ziaHarness({ config: { defaultDepartment: 'finance', deactivation: { mode: 'delete' }, groupLinks: { Everyone: 'sales' } } });
    expect(await h.adapter.mappingProblems(ctx())).toEqual([]);
  });
});
