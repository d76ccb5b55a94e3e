import { describe, expect, it } from 'vitest';
import { applyPatch } from '../../../../src/scim/patch/index.js';
import { MAX_FILTER_TESTS } from '../../../../src/scim/patch/plan.js';
import type { PatchOperation, ScimGroup } from '../../../../src/scim/resource.js';
import { expectScimError, groupSchema, scimErrorFrom } from './fixtures.js';

/** Milliseconds of this process's CPU time since `start` (`process.cpuUsage()`). */
const cpuMsSince = (start: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};

/** Work a PATCH may cause is bounded (src/scim/patch/plan.ts) and runs of IdP-shaped operations are linear (bulk-run.ts). */

const bigGroup = (members: number): ScimGroup => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
  id: 'g',
  displayName: 'Everyone',
  members: Array.from({ length: members }, (_, i) => ({ value: `id-${i}`, display: `User ${i}` })),
});

const rename = (n: number): PatchOperation => ({ op: 'replace', path: 'displayName', value: `Everyone ${n}` });

describe('filtered operations outside runs are bounded by the element tests they would make', () => {
  it('refuses with 400 tooMany several filtered operations that would test more elements than the budget, before applying any', () => {
    const members = 20_000;
    const ops = Array.from({ length: 30 }, (_, i) => [{ op: 'remove', path: `members[display co "${i}9"]` } as PatchOperation, rename(i)]).flat();
    const started = process.cpuUsage(); // CPU time: what else the machine runs does not move it
    const error = scimErrorFrom(() => applyPatch(bigGroup(members), ops, groupSchema));
    expect(cpuMsSince(started)).toBeLessThan(500);
    expect({ status: error.status, scimType: error.scimType }).toEqual({ status: 400, scimType: 'tooMany' });
    expect(error.message).toContain(`The PATCH's 30 filtered operations would test ${30 * members} values`);
    expect(30 * members).toBeGreaterThan(MAX_FILTER_TESTS);
  });

  it('never refuses one filtered operation, whatever the size of its attribute', () => {
    const result = applyPatch(bigGroup(MAX_FILTER_TESTS + 10), [{ op: 'remove', path: 'members[display co "99"]' }], groupSchema);
    expect(result.members!.length).toBeLessThan(MAX_FILTER_TESTS + 10);
  });

  it('does not count consecutive equality removes, which are looked up: 1,000 of them on 20,000 members in well under a second', () => {
    const ops = Array.from({ length: 1_000 }, (_, i): PatchOperation => ({ op: 'remove', path: `members[value eq "id-${i * 2}"]` }));
    const started = process.cpuUsage(); // CPU time: what else the machine runs does not move it
    const result = applyPatch(bigGroup(20_000), ops, groupSchema);
    expect(cpuMsSince(started)).toBeLessThan(1_000);
    expect(result.members).toHaveLength(19_000);
    expect(result.members![0]).toEqual({ value: 'id-1', display: 'User 1' });
  });

  it('still refuses an invalid filtered operation with its own error when it is the only one', () => {
    expectScimError(() => applyPatch(bigGroup(3), [{ op: 'remove', path: 'members[display gt true]' }], groupSchema), 'invalidPath');
  });
});
