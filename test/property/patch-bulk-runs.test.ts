import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScimError } from '../../src/scim/errors.js';
import { appendUnique } from '../../src/scim/patch/multi-valued.js';
import { sameElement } from '../../src/scim/patch/multi-valued.js';
import { applyPatch } from '../../src/scim/patch/index.js';
import type { JsonValue, PatchOperation, ScimResource } from '../../src/scim/resource.js';
import { groupResourceSchema, userResourceSchema, type ResourceSchema } from '../../src/scim/schemas/index.js';
import { runs } from './fc-settings.js';

/**
 * Runs of adds and filtered removes on one attribute are applied in one pass (src/scim/patch/bulk-run.ts). The
 * reference is the same PATCH with a no-op operation between every two, which breaks every run, so each operation
 * goes through add.ts / remove.ts on its own: both must give the same resource, or the same error.
 */

const groupSchema = groupResourceSchema();
const userSchema = userResourceSchema();

const ids = fc.constantFrom('u1', 'U1', 'u2', 'u3', 'x\\y', 'é', '');
const member = fc.record({ value: ids, display: fc.constantFrom('A', 'a', 'B') }, { requiredKeys: ['value'] });
const storedMember = fc.oneof(member, fc.constant({}), fc.record({ value: ids, Value: ids }));
const addresses = fc.constantFrom('a@x.com', 'A@X.com', 'b@x.com', 'c@x.com');
const email = fc.record(
  { value: addresses, type: fc.constantFrom('work', 'home', 'Work'), display: fc.constantFrom('one', 'One'), primary: fc.constantFrom(false, true) },
  { requiredKeys: [] },
);
const quoted = (s: string): string => JSON.stringify(s);

const memberOp: fc.Arbitrary<PatchOperation> = fc.oneof(
  fc.tuple(fc.constantFrom('members', 'Members'), fc.array(member, { maxLength: 4 })).map(([path, value]): PatchOperation => ({ op: 'add', path, value })),
  member.map((value): PatchOperation => ({ op: 'add', path: 'members', value })),
  ids.map((id): PatchOperation => ({ op: 'remove', path: `members[value eq ${quoted(id)}]` })),
  ids.map((id): PatchOperation => ({ op: 'remove', path: `members[VALUE eq ${quoted(id)}].value` })),
  ids.map((id): PatchOperation => ({ op: 'remove', path: `members[display eq ${quoted(id)}]` })),
  fc.constant<PatchOperation>({ op: 'remove', path: 'members' }),
  fc.constant<PatchOperation>({ op: 'add', path: 'members', value: [] }),
  fc.constant<PatchOperation>({ op: 'add', path: 'members', value: [{ value: 'u1', bogus: 1 }] }),
);

const emailOp: fc.Arbitrary<PatchOperation> = fc.oneof(
  fc.array(email, { maxLength: 3 }).map((value): PatchOperation => ({ op: 'add', path: 'emails', value })),
  addresses.map((a): PatchOperation => ({ op: 'remove', path: `emails[value eq ${quoted(a)}]` })),
  fc.constantFrom('work', 'home', 'WORK').map((t): PatchOperation => ({ op: 'remove', path: `emails[type eq ${quoted(t)}]` })),
  fc.constantFrom('work', 'home').map((t): PatchOperation => ({ op: 'remove', path: `emails[type eq ${quoted(t)}].display` })),
  fc.constant<PatchOperation>({ op: 'remove', path: 'emails[primary eq true]' }),
);

const outcome = (resource: ScimResource, ops: PatchOperation[], schema: ResourceSchema): unknown => {
  try {
    return { ok: applyPatch(resource, ops, schema) };
  } catch (e) {
    if (e instanceof ScimError) return { status: e.status, scimType: e.scimType, detail: e.message };
    throw e;
  }
};

/** The same operations with a change that changes nothing between every two: no run can form. */
const oneByOne = (ops: PatchOperation[], separator: PatchOperation): PatchOperation[] => ops.flatMap((op) => [op, separator]);

describe('PATCH runs on one attribute give the same result as their operations one by one', () => {
  it("on a group's members", () => {
    fc.assert(
      fc.property(fc.option(fc.array(storedMember, { maxLength: 6 }), { nil: undefined }), fc.array(memberOp, { maxLength: 10 }), (stored, ops) => {
        const group = {
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
          id: 'g',
          displayName: 'G',
          ...(stored ? { members: stored } : {}),
        } as ScimResource;
        const separator: PatchOperation = { op: 'replace', path: 'displayName', value: 'G' };
        expect(outcome(group, ops, groupSchema)).toEqual(outcome(group, oneByOne(ops, separator), groupSchema));
      }),
      runs(2000),
    );
  });

  it("on a user's emails", () => {
    fc.assert(
      fc.property(fc.array(email, { maxLength: 5 }), fc.array(emailOp, { maxLength: 10 }), (stored, ops) => {
        const user = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], id: 'u', userName: 'bjensen', emails: stored } as ScimResource;
        const separator: PatchOperation = { op: 'replace', path: 'userName', value: 'bjensen' };
        expect(outcome(user, ops, userSchema)).toEqual(outcome(user, oneByOne(ops, separator), userSchema));
      }),
      runs(2000),
    );
  });
});

describe('appendUnique finds duplicates by key', () => {
  it('adds exactly what comparing every pair would add', () => {
    const def = userSchema.core.attributes.find((a) => a.name === 'emails')!;
    fc.assert(
      fc.property(fc.array(email, { maxLength: 6 }), fc.array(email, { maxLength: 6 }), (stored, given) => {
        const naive: JsonValue[] = [...stored];
        for (const g of given) if (!naive.some((e) => sameElement(def, e, g))) naive.push(g);
        const elements: JsonValue[] = [...stored];
        appendUnique(def, elements, given);
        expect(elements).toEqual(naive);
      }),
      runs(2000),
    );
  });
});
