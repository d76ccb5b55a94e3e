import { describe, expect, it } from 'vitest';
import { inTurns } from '../../../src/core/in-turns.js';
import { USER_SCHEMA, type PatchOperation, type ScimUser } from '../../../src/scim/resource.js';
import { applyPatch, applyPatchInSteps } from '../../../src/scim/patch/index.js';
import { userResourceSchema } from '../../../src/scim/schemas/index.js';

const schema = userResourceSchema();
const user: ScimUser = {
  schemas: [USER_SCHEMA],
  userName: 'many@example.com',
  emails: Array.from({ length: 1001 }, (_, i) => ({ value: `e${i}@example.com`, type: 'other' })),
};
// At the limits: 249 filtered replaces, each testing all 1,001 values (the 250,000-test budget).
const operations: PatchOperation[] = Array.from({ length: 249 }, (_, i) => ({
  op: 'replace',
  path: `emails[value eq "e${i}@example.com"].display`,
  value: `E${i}`,
}));

/*
 * A PATCH at the limits is 100-200 ms of work. Applied in steps, with a turn of the event loop between them, other
 * requests and timers run meanwhile; the result is the same as applying it in one piece, and still all or nothing.
 */
describe('a PATCH applied a turn of the event loop at a time', () => {
  it('gives other work turns while it runs, and the same result as applying it at once', async () => {
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    try {
      const stepped = await inTurns(applyPatchInSteps(user, operations, schema));
      expect(turns).toBeGreaterThanOrEqual(3);
      expect(stepped).toEqual(applyPatch(user, operations, schema));
      expect(stepped.emails?.[248]).toMatchObject({ value: 'e248@example.com', display: 'E248' });
    } finally {
      clearInterval(ticker);
    }
  });

  it('fails as a whole, leaving the resource untouched, when a late operation fails', async () => {
    const failing: PatchOperation[] = [
      ...operations.slice(0, 200),
      { op: 'replace', path: 'emails[value eq "nobody@example.com"]', value: { value: 'x@example.com' } },
    ];
    const before = structuredClone(user);
    await expect(inTurns(applyPatchInSteps(user, failing, schema))).rejects.toMatchObject({ scimType: 'noTarget' });
    expect(user).toEqual(before);
  });
});
