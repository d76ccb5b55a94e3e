import type { Logger } from 'pino';
import type { BridgeConfig } from '../config/config-schema.js';
import type { UpstreamDeps } from '../upstreams/create-upstream.js';
import type { MappingProblem } from '../upstreams/mapping-problem.js';
import { isUpstreamError } from '../upstreams/upstream-error.js';
import { mappingProblemLine, scrubSecrets, withTenantUpstream } from './tenant-upstream.js';

/** A tenant whose mapping names what its upstream lacks. */
export interface DegradedTenant {
  tenant: string;
  /** The problems, each line naming its setting by its full path in the configuration file. */
  lines: string[];
  problems: MappingProblem[];
}

/**
 * `serve`'s look, before it listens, at every name each tenant's mapping gives (`UpstreamAdapter.mappingProblems`:
 * one profile list, or one department and one group list; nothing written). A tenant whose upstream cannot be read
 * now is logged and left out: the bridge serves it as before, from its index, and the IdP gets 503s until the
 * upstream answers.
 */
export async function degradedTenantsAtStart(config: BridgeConfig, deps: UpstreamDeps, logger: Logger): Promise<DegradedTenant[]> {
  const outcomes = await Promise.all(
    config.tenants.map(async (tenant, index): Promise<DegradedTenant | undefined> => {
      try {
        const problems = await withTenantUpstream(tenant, deps, 'start-check', (adapter, ctx) => adapter.mappingProblems(ctx));
        if (problems.length === 0) return undefined;
        return { tenant: tenant.id, problems, lines: problems.map((p) => scrubSecrets(mappingProblemLine(index, p), tenant)) };
      } catch (e) {
        const reason = scrubSecrets(e instanceof Error ? e.message : String(e), tenant);
        const kind = isUpstreamError(e) ? e.kind : 'internal';
        logger.warn(
          { tenant: tenant.id, upstream: tenant.upstream.type, kind, reason },
          'upstream cannot be read at start: its mapping is not checked; serving anyway, from the index',
        );
        return undefined;
      }
    }),
  );
  return outcomes.filter((o) => o !== undefined);
}

/** Why `serve` will not start, listing every problem (with the names that do exist) and the way past it. */
export function refusalMessage(degraded: readonly DegradedTenant[]): string {
  const lines = degraded.flatMap((d) => d.lines.map((line) => `  ${line}`));
  return [
    `serve: the mapping of ${degraded.map((d) => `"${d.tenant}"`).join(', ')} names what the upstream lacks:`,
    ...lines,
    'Fix the configuration or the upstream (`scim-bridge doctor` checks both), or start with --allow-degraded to serve',
    'anyway with these tenants reported not ready on /readyz.',
  ].join('\n');
}
