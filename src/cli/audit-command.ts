import { UsageError } from '../config/config-error.js';
import { loadStoreConfigFile } from '../config/load-store-config.js';
import { parseAuditQuery, redactAuditEntry } from '../core/audit-query.js';
import { openStore } from '../runtime.js';
import { auditJsonLines, auditTable, type AuditFormat } from './audit-format.js';
import type { CliIo } from './cli-io.js';
import { CONFIG_OPTION, parseCommandArgs, TENANT_OPTION, type CommandSpec } from './command-spec.js';

const FORMATS: readonly AuditFormat[] = ['table', 'json'];

/** The command's flags and the query parameter each one sets (the admin API's names). */
const FILTER_FLAGS = {
  tenant: 'tenant',
  resource: 'resourceId',
  user: 'resourceName',
  actor: 'actor',
  since: 'since',
  until: 'until',
  limit: 'limit',
} as const;

export const AUDIT_COMMAND = {
  name: 'audit',
  usage: '--config FILE [--tenant ID] [--resource ID] [--user NAME] [--actor A] [--since ISO] [--until ISO] [--limit N] [--json]',
  summary: 'Print the audit log from the store, newest first (no running bridge needed)',
  description: [
    'A table on a terminal, JSON Lines (one entry per line) when piped or with --json. Values that were secrets are',
    'shown as [redacted]. Exit code 0 when the query ran, even if nothing matched.',
  ],
  options: {
    config: CONFIG_OPTION,
    tenant: TENANT_OPTION,
    resource: { type: 'string', value: 'ID', help: 'only entries about this SCIM id' },
    user: { type: 'string', value: 'NAME', help: "only entries about this userName or group's displayName (any case)" },
    actor: { type: 'string', value: 'A', help: 'only entries by this actor (an IdP token label, cli, reconciler, a source)' },
    since: { type: 'string', value: 'ISO', help: 'only entries at or after this time, with a zone (2024-03-01T09:00:00Z)' },
    until: { type: 'string', value: 'ISO', help: 'only entries before this time, with a zone' },
    limit: { type: 'string', value: 'N', help: 'at most N entries (default 100, at most 1000)' },
    format: { type: 'string', value: 'table|json', help: 'table, or JSON Lines (default: table on a terminal, json otherwise)' },
    json: { type: 'boolean', default: false, help: 'JSON Lines, one entry per line (the same as --format json)' },
  },
} as const satisfies CommandSpec;

/**
 * `scim-bridge audit --config F [--tenant T] [--resource ID] [--user NAME] [--actor A] [--since ISO] [--until ISO]
 * [--limit N] [--format table|json | --json]`: the audit log read straight from the configured store (no running bridge
 * needed), newest first, with the validation of `GET /admin/audit`. `--user` is a userName or a group's displayName,
 * matched case-insensitively.
 *
 * Only the configuration's `store` section is resolved: the command runs without the upstreams' secrets in the
 * environment. Output is a table on a terminal and JSON Lines otherwise (or as `--format` says). When nothing
 * matches, a table says `no entries`; JSON Lines stay empty (a program reads zero entries) and the note goes to
 * stderr.
 */
export async function auditCommand(args: string[], io: CliIo): Promise<number> {
  const values = parseCommandArgs(AUDIT_COMMAND, args);
  if (values.json && values.format !== undefined && values.format !== 'json') {
    throw new UsageError(`audit: --json and --format ${values.format} contradict each other`);
  }
  const format = values.json ? 'json' : (values.format ?? (io.outIsTerminal ? 'table' : 'json'));
  if (!isFormat(format)) throw new UsageError(`audit: --format must be one of ${FORMATS.join(', ')}, got ${JSON.stringify(format)}`);

  const raw: Record<string, string> = {};
  for (const [flag, parameter] of Object.entries(FILTER_FLAGS)) {
    const value = values[flag as keyof typeof FILTER_FLAGS];
    if (value !== undefined) raw[parameter] = value;
  }
  const parsed = parseAuditQuery(raw);
  if (!parsed.ok) throw new UsageError(`audit: ${parsed.problems.map(asFlag).join('; ')}`);

  const file = values.config ?? io.env.SCIM_BRIDGE_CONFIG;
  if (!file) throw new UsageError('audit: --config FILE is required (or SCIM_BRIDGE_CONFIG)');
  const config = loadStoreConfigFile(file, io.env);
  const tenant = parsed.query.tenant;
  if (tenant !== undefined && !config.tenantIds.includes(tenant)) {
    throw new UsageError(`audit: --tenant ${tenant} is not a tenant of ${file} (${config.tenantIds.join(', ') || 'it has none'})`);
  }

  const store = await openStore(config.store);
  const entries = await store.audit
    .query(parsed.query)
    .then((found) => found.map(redactAuditEntry))
    .finally(() => store.close());

  if (entries.length === 0) {
    if (format === 'table') io.out('no entries');
    else io.note?.('no entries');
    return 0;
  }
  const lines = format === 'json' ? auditJsonLines(entries) : auditTable(entries, { showTenant: tenant === undefined });
  for (const line of lines) io.out(line);
  return 0;
}

const isFormat = (s: string): s is AuditFormat => (FORMATS as readonly string[]).includes(s);

/** A problem as parseAuditQuery names it (`resourceName: …`), named by the flag the operator typed (`user: …`). */
function asFlag(problem: string): string {
  const match = Object.entries(FILTER_FLAGS).find(([, parameter]) => problem.startsWith(`${parameter}:`));
  return match ? `--${match[0]}${problem.slice(match[1].length)}` : problem;
}
