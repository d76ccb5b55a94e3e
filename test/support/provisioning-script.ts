import { mulberry32 } from '@scim-bridge/simulators';
import { patchOp, type RawPatchOperation } from './scim-requests.js';
import { user } from './zuora-rest-harness.js';

/**
 * A seeded script of IdP user operations (creates, PATCH and PUT updates, role changes, deactivations, a few DELETEs
 * and re-creates) together with the upstream state it must leave behind. The script depends only on its seed, never
 * on answers, so the same seed always asks for the same end state.
 */

type Role = 'admin' | 'billing' | undefined;

/** Profile ids the harness's mapping gives each role (PROFILES in zuora-rest-harness.ts, simulator ids). */
const PROFILE_ID: Record<string, string> = { admin: 'p-admin', billing: 'p-billing', none: 'p-standard' };

/** A Zuora user as the script intends it, in the fields the bridge maps. */
export interface IntendedUpstreamUser {
  username: string;
  status: 'Active' | 'Inactive';
  firstName: string;
  lastName: string;
  title: string;
  profileId: string;
}

interface Intended {
  userName: string;
  givenName: string;
  familyName: string;
  title: string;
  role: Role;
  active: boolean;
  deleted: boolean;
}

/** Changes a PUT applies to the user it has just read (Okta App Integration Wizard apps update with PUT). */
export interface PutChanges {
  title: string;
  familyName: string;
  role: Role;
}

export type ScriptStep =
  | { kind: 'create'; userName: string; body: object }
  | { kind: 'patch'; userName: string; body: object; what: 'attributes' | 'roles' | 'active' }
  | { kind: 'put'; userName: string; changes: PutChanges }
  | { kind: 'delete'; userName: string };

const GIVEN = ['Ada', 'Grace', 'Alan', 'Barbara', 'Edsger', 'Frances', 'Donald', 'Katherine'];
const FAMILY = ['Lovelace', 'Hopper', 'Turing', 'Liskov', 'Dijkstra', 'Allen', 'Knuth', 'Johnson'];
const TITLES = ['Engineer', 'Analyst', 'Accountant', 'Auditor', 'Manager', 'Director'];
const ROLES: Role[] = ['admin', 'billing', undefined, undefined];

const rolesOf = (role: Role) => (role ? [{ value: role }] : []);

/** The SCIM body of a PUT: the user as read, with `changes` applied. */
export function applyPutChanges(read: Record<string, unknown>, changes: PutChanges): object {
  const name = { ...(read.name as object), familyName: changes.familyName };
  return { ...read, title: changes.title, name, roles: rolesOf(changes.role) };
}

export function provisioningScript(seed: number, operations: number, initialCreates = 30) {
  const random = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const users = new Map<string, Intended>();
  const steps: ScriptStep[] = [];
  let serial = 0;

  const fresh = (userName: string): Intended => ({
    userName,
    givenName: pick(GIVEN),
    familyName: pick(FAMILY),
    title: `${pick(TITLES)} ${++serial}`,
    role: pick(ROLES),
    active: true,
    deleted: false,
  });
  const createBody = (u: Intended) =>
    user(u.userName, { name: { givenName: u.givenName, familyName: u.familyName }, title: u.title, roles: rolesOf(u.role), active: true });

  function create(): void {
    const u = fresh(`user${String(users.size).padStart(3, '0')}@example.com`);
    users.set(u.userName, u);
    steps.push({ kind: 'create', userName: u.userName, body: createBody(u) });
  }

  function recreate(u: Intended): void {
    Object.assign(u, fresh(u.userName));
    steps.push({ kind: 'create', userName: u.userName, body: createBody(u) });
  }

  function patchAttributes(u: Intended): void {
    u.title = `${pick(TITLES)} ${++serial}`;
    u.givenName = pick(GIVEN);
    // Okta: one no-path replace with dotted keys; Entra: one capitalised op per attribute, with a path.
    const ops: RawPatchOperation[] =
      random() < 0.5
        ? [{ op: 'replace', value: { title: u.title, 'name.givenName': u.givenName } }]
        : [
            { op: 'Replace', path: 'title', value: u.title },
            { op: 'Replace', path: 'name.givenName', value: u.givenName },
          ];
    steps.push({ kind: 'patch', userName: u.userName, body: patchOp(...ops), what: 'attributes' });
  }

  function patchRoles(u: Intended): void {
    u.role = pick(ROLES);
    const op: RawPatchOperation = u.role ? { op: 'replace', path: 'roles', value: rolesOf(u.role) } : { op: 'remove', path: 'roles' };
    steps.push({ kind: 'patch', userName: u.userName, body: patchOp(op), what: 'roles' });
  }

  function toggleActive(u: Intended): void {
    u.active = !u.active;
    const op: RawPatchOperation =
      random() < 0.5 ? { op: 'replace', value: { active: u.active } } : { op: 'Replace', path: 'active', value: u.active ? 'True' : 'False' };
    steps.push({ kind: 'patch', userName: u.userName, body: patchOp(op), what: 'active' });
  }

  function put(u: Intended): void {
    u.title = `${pick(TITLES)} ${++serial}`;
    u.familyName = pick(FAMILY);
    u.role = pick(ROLES);
    steps.push({ kind: 'put', userName: u.userName, changes: { title: u.title, familyName: u.familyName, role: u.role } });
  }

  function remove(u: Intended): void {
    u.deleted = true;
    u.active = false;
    steps.push({ kind: 'delete', userName: u.userName });
  }

  for (let i = 0; i < initialCreates; i++) create();
  while (steps.length < operations) {
    const all = [...users.values()];
    const deleted = all.filter((u) => u.deleted);
    const r = random();
    if (r < 0.06) create();
    else if (r < 0.1 && deleted.length > 0) recreate(pick(deleted));
    else {
      const u = pick(all.filter((x) => !x.deleted));
      const s = random();
      if (s < 0.3) patchAttributes(u);
      else if (s < 0.5) put(u);
      else if (s < 0.65) patchRoles(u);
      else if (s < 0.9) toggleActive(u);
      else if (s < 0.96 || deleted.length >= 8) patchAttributes(u);
      else remove(u);
    }
  }

  return {
    steps,
    /** Every Zuora user the script leaves, IdP-deleted ones included (DELETE deactivates upstream). */
    intendedUpstream(): IntendedUpstreamUser[] {
      return [...users.values()].map((u) => ({
        username: u.userName,
        status: u.active && !u.deleted ? 'Active' : 'Inactive',
        firstName: u.givenName,
        lastName: u.familyName,
        title: u.title,
        profileId: PROFILE_ID[u.role ?? 'none'] as string,
      }));
    },
    /** userNames the IdP still has (not deleted), with their `active` flag. */
    intendedLive(): { userName: string; active: boolean }[] {
      return [...users.values()].filter((u) => !u.deleted).map((u) => ({ userName: u.userName, active: u.active }));
    },
  };
}
