import { ConfigError } from '../config/load-config.js';
import { parseAuditQuery } from '../core/audit-query.js';
import { openStore } from '../runtime.js';
import { configFrom, parseCommandArgs, type CliIo } from './cli-io.js';

/**
 * `scim-bridge audit --config F [--tenant T] [--resource ID] [--since ISO] [--until ISO] [--limit N]`: the audit
 * log read straight from the configured store (no running bridge needed), newest first, one JSON entry per line.
 * The same validation as `GET /admin/audit`.
 */
export async function auditCommand(args: string[], io: CliIo): Promise<number> {
  const values = parseCommandArgs('audit', args, {
    config: { type: 'string' },
    tenant: { type: 'string' },
    resource: { type: 'string' },
    since: { type: 'string' },
    until: { type: 'string' },
    limit: { type: 'string' },
  });
  const config = configFrom('audit', values.config, io.env);
  const raw = { tenant: values.tenant, resourceId: values.resource, since: values.since, until: values.until, limit: values.limit };
  const parsed = parseAuditQuery(Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)));
  if (!parsed.ok) throw new ConfigError(`audit: ${parsed.problems.join('; ').replace('resourceId:', 'resource:')}`);
  const store = await openStore(config.store);
  try {
    for (const entry of await store.audit.query(parsed.query)) io.out(JSON.stringify(entry));
  } finally {
    await store.close();
  }
  return 0;
}
