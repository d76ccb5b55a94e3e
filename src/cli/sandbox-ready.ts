import type { Sandbox } from '../sandbox.js';

/*
 * What `scim-bridge sandbox` (`npm start`) says once it serves: where the SCIM API, the admin console and the
 * simulators are, the two tokens that open them, and the mapping in effect. Printing tokens is the sandbox's purpose:
 * they are made up for this throw-away run (bound to 127.0.0.1 by default) and open nothing real. Nothing that serves
 * real tenants prints one: `serve` holds operators' tokens by hash only and never logs a credential (`token create`
 * shows a new token once, as it makes it).
 */

/** What the command knows beyond the sandbox itself: how the simulated tenant was seeded. */
export interface SandboxSeeding {
  upstream: string;
  seedUsers: number;
  seedProfile: string;
  /** People in the simulated directory, with `--source`. */
  seededDirectory?: number;
}

/** The user the example `curl` creates: a body every sandbox upstream accepts. */
export const EXAMPLE_USER = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName: 'ada.lovelace@example.com',
  name: { givenName: 'Ada', familyName: 'Lovelace' },
  emails: [{ value: 'ada.lovelace@example.com', type: 'work', primary: true }],
  active: true,
};

/** The message of the ready line, which scripts and tests look for. */
export const READY_MESSAGE = 'sandbox ready';

/** The ready line's fields, piped (one JSON line for a script): the block's content, by name. */
export function sandboxReadyFields(sb: Sandbox, seeding: SandboxSeeding): Record<string, unknown> {
  return {
    scimUrl: sb.scimUrl,
    bearerToken: sb.token,
    adminConsoleUrl: sb.consoleUrl,
    adminAuditUrl: sb.auditUrl,
    adminToken: sb.adminToken,
    upstream: seeding.upstream,
    mapping: sb.mapping,
    seededUsers: seeding.seedUsers,
    seedProfile: seeding.seedProfile,
    simulatorUrl: sb.simulatorUrl,
    simulatorControlUrl: sb.controlUrl,
    ...(sb.source
      ? { source: sb.source.type, seededDirectory: seeding.seededDirectory, sourceUrl: sb.source.url, sourceControlUrl: sb.source.controlUrl }
      : {}),
  };
}

/** A shell word in single quotes. */
const quoted = (s: string): string => `'${s.replaceAll("'", `'\\''`)}'`;

/** The ready block, on a terminal: what to paste where, then the mapping, then the simulators. */
export function sandboxReadyText(sb: Sandbox, seeding: SandboxSeeding): string {
  const row = (label: string, value: string) => `  ${label.padEnd(19)} ${value}`;
  const users = `${seeding.seedUsers} seeded user${seeding.seedUsers === 1 ? '' : 's'}, seed profile ${seeding.seedProfile}`;
  return [
    '',
    `${READY_MESSAGE}: scim-bridge on a ${seeding.upstream} simulator (${users}); nothing reaches a real tenant`,
    '',
    row('SCIM URL', sb.scimUrl),
    row('IdP bearer token', sb.token),
    row('Admin console', sb.consoleUrl),
    row('Admin token', `${sb.adminToken}  (sign in with it)`),
    row('Audit log', sb.auditUrl),
    '',
    `  Mapping (${seeding.upstream}):`,
    ...sb.mapping.map((line) => `    ${line}`),
    '',
    row('Upstream simulator', sb.simulatorUrl),
    row('Simulator control', `${sb.controlUrl}  (state, call log, faults)`),
    ...(sb.source
      ? [row(`Source`, `${sb.source.url}  (${sb.source.type}, ${seeding.seededDirectory ?? 0} people)`), row('Source control', sb.source.controlUrl)]
      : []),
    '',
    '  Create a user, then find it in the audit log:',
    `    curl -sS -X POST ${quoted(`${sb.scimUrl}/Users`)} -H ${quoted(`Authorization: Bearer ${sb.token}`)} \\`,
    `      -H 'Content-Type: application/scim+json' -d ${quoted(JSON.stringify(EXAMPLE_USER))}`,
    '',
    '  The tokens are made up for this run. Ctrl-C stops the sandbox; its tenant and audit log are in memory and go with it.',
    '',
  ].join('\n');
}
