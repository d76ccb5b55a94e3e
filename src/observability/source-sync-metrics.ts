import { Counter, Gauge, type Registry } from 'prom-client';
import type { SourceSyncError, SourceSyncStatus, StoredSyncStatus } from '../core/source-sync/sync-status.js';
import type { UpstreamCallRecord } from '../upstreams/call-record.js';

/** One tenant's identity source and what the store holds of its syncs, read at scrape time. */
export interface SourceSyncReading extends Pick<StoredSyncStatus, 'lastSync' | 'lastSuccess'> {
  tenant: string;
  /** The source's name (`google-workspace`): the `source` label. */
  source: string;
}

export interface SourceSyncMetricsOptions {
  prefix: string;
  /** Per tenant with a source, its stored statuses (`readSyncStatus`); a rejection leaves the gauges empty. */
  readings?: () => Promise<Iterable<SourceSyncReading>>;
  /** Epoch milliseconds. */
  now: () => number;
  /** When the process started: the lag of a source that has never synced counts from it, as the reconciler's does. */
  startedAt: number;
}

export interface SourceSyncMetrics {
  /** A finished sync (core/source-sync/sync-status.ts `trackSync`): its outcome, what it changed, what failed. */
  observeSourceSync(tenant: string, run: { status: SourceSyncStatus; error?: SourceSyncError }): void;
  /** Pass as the tenant's `SourceDeps.onCall`: one HTTP attempt against the directory (`record.upstream` is the source). */
  observeSourceCall(tenant: string, record: UpstreamCallRecord): void;
}

/**
 * Metrics of identity sources, per tenant and source (issue 13 "Operations"). The counters are this process's, as
 * Prometheus expects of counters (it sums the replicas); the gauges read the last sync from the store, so every
 * replica reports the same, whichever ran it (see sync-status.ts).
 */
export function registerSourceSyncMetrics(registry: Registry, options: SourceSyncMetricsOptions): SourceSyncMetrics {
  const { prefix, readings, now, startedAt } = options;
  const registers = [registry];
  const labelNames = ['tenant', 'source'] as const;

  const runs = new Counter({
    name: `${prefix}source_syncs_total`,
    help: 'Syncs from an identity source, by tenant, source and outcome (applied, refused, dry_run, failed).',
    labelNames: [...labelNames, 'outcome'],
    registers,
  });
  const changes = new Counter({
    name: `${prefix}source_changes_total`,
    help: 'Objects a sync from an identity source wrote, by resource and change: user created, updated or removed; group written (created or updated) or removed.',
    labelNames: [...labelNames, 'resource', 'change'],
    registers,
  });
  const failures = new Counter({
    name: `${prefix}source_sync_failures_total`,
    help: 'Sync failures from an identity source, by reason: error (the run threw: nothing applied), refused (over the removal caps), write (one write failed).',
    labelNames: [...labelNames, 'reason'],
    registers,
  });
  const calls = new Counter({
    name: `${prefix}source_requests_total`,
    help: "HTTP attempts against an identity source's API, by tenant, source, method, route template and status (error code when no response came).",
    labelNames: [...labelNames, 'method', 'route', 'status'],
    registers,
  });

  // A store outage must not take every other metric down with it: the gauges are then simply absent.
  const read = async (): Promise<SourceSyncReading[]> => [...((await readings?.().catch(() => undefined)) ?? [])];
  const seconds = (iso: string) => Date.parse(iso) / 1000;
  new Gauge({
    name: `${prefix}source_sync_lag_seconds`,
    help: 'Seconds since the last sync from an identity source that applied its plan (since start when there has been none).',
    labelNames,
    registers,
    async collect() {
      this.reset();
      for (const r of await read()) {
        const last = r.lastSuccess ? Date.parse(r.lastSuccess.finishedAt) : startedAt;
        this.set({ tenant: r.tenant, source: r.source }, Math.max(0, now() - last) / 1000);
      }
    },
  });
  new Gauge({
    name: `${prefix}source_last_success_timestamp_seconds`,
    help: 'When the last sync from an identity source that applied its plan finished (Unix time); absent before the first.',
    labelNames,
    registers,
    async collect() {
      this.reset();
      for (const r of await read()) if (r.lastSuccess) this.set({ tenant: r.tenant, source: r.source }, seconds(r.lastSuccess.finishedAt));
    },
  });
  new Gauge({
    name: `${prefix}source_last_sync_duration_seconds`,
    help: 'How long the last sync from an identity source took, whatever its outcome; absent before the first.',
    labelNames,
    registers,
    async collect() {
      this.reset();
      for (const r of await read()) if (r.lastSync) this.set({ tenant: r.tenant, source: r.source }, r.lastSync.durationSeconds);
    },
  });

  return {
    observeSourceSync: (tenant, { status }) => {
      const labels = { tenant, source: status.source };
      runs.inc({ ...labels, outcome: status.outcome });
      if (status.outcome === 'failed') failures.inc({ ...labels, reason: 'error' });
      if (status.outcome === 'refused') failures.inc({ ...labels, reason: 'refused' });
      if (status.failedWrites > 0) failures.inc({ ...labels, reason: 'write' }, status.failedWrites);
      const changed: [resource: string, change: string, count: number][] = [
        ['user', 'created', status.created],
        ['user', 'updated', status.updated],
        ['user', 'removed', status.removed],
        ['group', 'written', status.groupsWritten],
        ['group', 'removed', status.groupsRemoved],
      ];
      for (const [resource, change, count] of changed) if (count > 0) changes.inc({ ...labels, resource, change }, count);
    },
    observeSourceCall: (tenant, record) => {
      const status = record.status === 0 ? (record.error ?? 'no_response') : String(record.status);
      calls.inc({ tenant, source: record.upstream, method: record.method, route: record.path, status });
    },
  };
}
