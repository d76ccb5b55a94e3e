import type { TenantRuntime } from '../../core/tenant.js';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA, type ScimUser } from '../../scim/resource.js';
import { newUpstreamContext, type UpstreamContext } from '../../upstreams/call-record.js';
import type { UpstreamState, UserWrite } from '../../upstreams/upstream.js';

/** What the operator typed: the roles and groups an IdP would send, and a department (the enterprise extension's). */
export interface MappingInput {
  roles: string;
  groups: string;
  department: string;
}

export interface MappingPreview {
  /** The upstream's state of the user, attribute by attribute (profile, role, department, groups…). */
  rows: { attribute: string; value: string }[];
  /** The requests the preview made: reads of catalogues (profiles, departments, groups) at most, never a write. */
  reads: number;
}

export const EMPTY_MAPPING_INPUT: MappingInput = { roles: '', groups: '', department: '' };

/** Roles are separated by commas or lines; group names (which may hold commas) by lines only. */
const listOf = (text: string, separator: RegExp): string[] => [...new Set(text.split(separator).map((s) => s.trim()))].filter((s) => s !== '');
export const rolesOf = (input: MappingInput): string[] => listOf(input.roles, /[,\n]/);
export const groupNamesOf = (input: MappingInput): string[] => listOf(input.groups, /\n/);

/** A new user carrying only what the mapping reads, and what every upstream requires (a login, an email, names). */
export function previewWrite(input: MappingInput): UserWrite {
  const department = input.department.trim();
  const roles = rolesOf(input);
  const user: ScimUser = {
    schemas: department ? [USER_SCHEMA, ENTERPRISE_USER_SCHEMA] : [USER_SCHEMA],
    userName: 'mapping.preview@example.com',
    name: { givenName: 'Mapping', familyName: 'Preview' },
    displayName: 'Mapping Preview',
    emails: [{ value: 'mapping.preview@example.com', type: 'work', primary: true }],
    active: true,
    ...(roles.length > 0 ? { roles: roles.map((value) => ({ value })) } : {}),
    ...(department ? { [ENTERPRISE_USER_SCHEMA]: { department } } : {}),
  };
  return { user, groupNames: groupNamesOf(input) };
}

const shown = (v: UpstreamState[string] | undefined): string =>
  v === null || v === undefined
    ? '(none)'
    : typeof v === 'boolean'
      ? v
        ? 'yes'
        : 'no'
      : Array.isArray(v)
        ? v.length > 0
          ? v.join(', ')
          : '(none)'
        : String(v);

/**
 * What the tenant's mapping gives a new user with these roles and groups, as its upstream would hold it. The
 * adapter's own create, in a read-only context: every adapter answers such a create with the user it would make and
 * sends nothing (the upstream HTTP client refuses any request but GET/HEAD there), so the preview is the mapping the
 * bridge really applies, not a copy of it. It may read a catalogue the adapter caches (Zuora's profiles, ZIA's
 * departments and groups). Throws the adapter's UpstreamError when the mapping cannot be applied (an unknown profile
 * or department), as a create would.
 */
export async function previewMapping(t: TenantRuntime, input: MappingInput, requestId: string): Promise<MappingPreview> {
  const ctx: UpstreamContext = { ...newUpstreamContext(requestId), readOnly: true };
  const write = previewWrite(input);
  const planned = await t.upstream.users.create(write, ctx);
  const rows = Object.entries(planned.state ?? {}).map(([attribute, value]) => ({ attribute, value: shown(value) }));
  // Where groups live upstream (OneID), membership is the groups themselves, joined as the IdP pushes them.
  if (t.upstream.capabilities.nativeGroups) rows.push({ attribute: 'member of (upstream groups)', value: shown(write.groupNames) });
  return { rows, reads: ctx.calls.length };
}
