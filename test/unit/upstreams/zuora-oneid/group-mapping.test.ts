import { describe, expect, it } from 'vitest';
import { GROUP_SCHEMA, PATCH_OP_SCHEMA } from '../../../../src/scim/resource.js';
import { fromOneIdGroup, groupPatch, toOneIdGroup } from '../../../../src/upstreams/zuora-oneid/group-mapping.js';
import { GROUP_EXTENSION } from '../../../../src/upstreams/zuora-oneid/oneid-wire.js';

describe('groups to OneID', () => {
  it('fills the organization and passes the description and member ids through', () => {
    const body = toOneIdGroup(
      {
        schemas: [GROUP_SCHEMA],
        displayName: 'Billing',
        members: [{ value: 'u-1', display: 'ada' }],
        [GROUP_EXTENSION]: { description: 'AR team', organizationId: 'elsewhere' },
      },
      'org-1',
    );
    expect(body).toEqual({
      schemas: [GROUP_SCHEMA, GROUP_EXTENSION],
      displayName: 'Billing',
      members: [{ value: 'u-1' }],
      [GROUP_EXTENSION]: { organizationId: 'org-1', description: 'AR team' },
    });
  });

  it('reads members as upstream ids and drops OneID’s nulls and empty description', () => {
    const up = fromOneIdGroup({
      id: 'g-1',
      displayName: 'Billing',
      members: [{ value: 'u-1', display: 'ada' }],
      meta: null,
      [GROUP_EXTENSION]: { schemas: [GROUP_EXTENSION], description: '', organizationId: 'org-1', active: true },
    });
    expect(up).toEqual({
      upstreamId: 'g-1',
      group: {
        schemas: [GROUP_SCHEMA, GROUP_EXTENSION],
        displayName: 'Billing',
        members: [{ value: 'u-1' }],
        [GROUP_EXTENSION]: { organizationId: 'org-1', active: true },
      },
    });
  });
});

describe('a group change as one OneID PATCH', () => {
  it('is nothing at all when nothing changes', () => {
    expect(groupPatch({ addMemberIds: [], removeMemberIds: [] })).toBeUndefined();
    expect(groupPatch({ attributes: { [`${GROUP_EXTENSION}:organizationId`]: 'x' }, addMemberIds: [], removeMemberIds: [] })).toBeUndefined();
  });

  it('carries the rename, the description and the member adds and removals, under `operations`', () => {
    expect(
      groupPatch({
        displayName: 'Billing EU',
        attributes: { [`${GROUP_EXTENSION}:description`]: 'EU team' },
        addMemberIds: ['u-1', 'u-2'],
        removeMemberIds: ['u-3'],
      }),
    ).toEqual({
      schemas: [PATCH_OP_SCHEMA],
      operations: [
        { op: 'replace', path: 'displayName', value: 'Billing EU' },
        { op: 'replace', path: `${GROUP_EXTENSION}:description`, value: 'EU team' },
        { op: 'add', path: 'members', value: [{ value: 'u-1' }, { value: 'u-2' }] },
        { op: 'remove', path: 'members', value: [{ value: 'u-3', operation: 'delete' }] },
      ],
    });
  });

  it('clears the description the way OneID documents clearing (a " " value), however the IdP removed it', () => {
    const cleared = [{ op: 'replace', path: `${GROUP_EXTENSION}:description`, value: ' ' }];
    for (const attributes of [
      { [`${GROUP_EXTENSION}:description`]: null },
      { [`${GROUP_EXTENSION}:description`]: '' },
      { [GROUP_EXTENSION]: { description: null } },
      // The core passes the changed extension object whole: a description removed is one it no longer has.
      { [GROUP_EXTENSION]: { organizationId: 'org-1', active: true } },
      { [GROUP_EXTENSION]: null },
    ]) {
      expect(groupPatch({ attributes, addMemberIds: [], removeMemberIds: [] })?.operations, JSON.stringify(attributes)).toEqual(cleared);
    }
  });

  it('refuses, naming it, an attribute a OneID group cannot hold, rather than dropping it', () => {
    expect(() => groupPatch({ attributes: { nickName: 'x' }, addMemberIds: [], removeMemberIds: [] })).toThrow(
      expect.objectContaining({ kind: 'invalid', message: expect.stringMatching(/^nickName: /) }),
    );
  });
});
