import type { StateStore } from '../../store/store.js';
import { redactUrlCredentials } from '../../upstreams/http/redact.js';
import type { SourceSyncReport } from './sync.js';

/*
 * What each tenant's last sync from its identity source did, for `/readyz` and `/metrics` (issue 13 "Operations").
 *
 * Kept in the store's state KV, not in process memory: replicas share the store, a sync runs on one of them at a time
 * (the tenant-wide lock), and `scim-bridge sync` runs in a process of its own. Kept in the store, the last run (and
 * the last error) shows the same on every replica, whichever ran it, and survives a restart, as the reconciler's
 * report does (`reconciler.lastRun`). The counters of `/metrics` stay per process, as Prometheus expects: it adds the
 * replicas up.
 */

/** The last run, whatever its outcome. */
export const LAST_SYNC_KEY = 'source-sync.lastRun';
/** The last run that applied its plan: what the lag and last-success metrics count from. */
export const LAST_SUCCESS_KEY = 'source-sync.lastSuccess';
/** The last run that threw, was refused, or had writes fail; kept after later successes, with its time. */
export const LAST_ERROR_KEY = 'source-sync.lastError';

/** `dry_run`: planned only (`scim-bridge sync --dry-run`); `failed`: threw (the directory could not be read whole…). */
export type SourceSyncOutcome = 'applied' | 'refused' | 'dry_run' | 'failed';

export interface SourceSyncStatus {
  /** The source's name (`google-workspace`). */
  source: string;
  outcome: SourceSyncOutcome;
  startedAt: string;
  finishedAt: string;
  durationSeconds: number;
  created: number;
  updated: number;
  removed: number;
  groupsWritten: number;
  groupsRemoved: number;
  /** Writes refused or failed (conflicts included); the next sync retries them. */
  failedWrites: number;
}

export interface SourceSyncError {
  at: string;
  outcome: SourceSyncOutcome;
  /** A message only: never a stack, a cause or an answer's body. */
  message: string;
}

/** Long enough for a refusal's reason or an upstream's message; a cap on what an answer can put into `/readyz`. */
const MAX_MESSAGE_LENGTH = 300;

/**
 * An error's message as `/readyz` may show it: the message alone (the bridge's errors redact the secrets they were
 * sent with; the cause and body excerpt are left out), URL credentials redacted, bounded.
 */
export function errorMessage(err: unknown): string {
  const raw = err instanceof Error ? err.message : typeof err === 'string' ? err : 'the sync failed';
  const message = redactUrlCredentials(raw);
  return message.length > MAX_MESSAGE_LENGTH ? `${message.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : message;
}

interface RunTimes {
  source: string;
  startedAt: Date;
  finishedAt: Date;
  durationSeconds: number;
}

const times = (t: RunTimes) => ({
  source: t.source,
  startedAt: t.startedAt.toISOString(),
  finishedAt: t.finishedAt.toISOString(),
  durationSeconds: t.durationSeconds,
});

/** The status of a run that returned a report (a dry run applies nothing and is not refused), and its error when it was refused or had writes fail. */
export function statusOfReport(report: SourceSyncReport, run: RunTimes): { status: SourceSyncStatus; error?: SourceSyncError } {
  const outcome: SourceSyncOutcome = report.refused !== undefined ? 'refused' : report.applied ? 'applied' : 'dry_run';
  const status: SourceSyncStatus = {
    ...times(run),
    outcome,
    created: report.created,
    updated: report.updated,
    removed: report.removed,
    groupsWritten: report.groupsWritten,
    groupsRemoved: report.groupsRemoved,
    failedWrites: report.failed.length,
  };
  const at = status.finishedAt;
  if (report.refused !== undefined) return { status, error: { at, outcome, message: errorMessage(report.refused) } };
  const [first] = report.failed;
  if (!first) return { status };
  const which = `${report.failed.length} write${report.failed.length === 1 ? '' : 's'} failed`;
  return { status, error: { at, outcome, message: errorMessage(`${which}; first: ${first.name} (HTTP ${first.status}): ${first.detail}`) } };
}

/** The status of a run that threw: nothing was applied. */
export function statusOfFailure(err: unknown, run: RunTimes): { status: SourceSyncStatus; error: SourceSyncError } {
  const status: SourceSyncStatus = {
    ...times(run),
    outcome: 'failed',
    created: 0,
    updated: 0,
    removed: 0,
    groupsWritten: 0,
    groupsRemoved: 0,
    failedWrites: 0,
  };
  return { status, error: { at: status.finishedAt, outcome: 'failed', message: errorMessage(err) } };
}

/**
 * Keeps a run's status (and its error) where every replica reads it. A dry run is counted in the metrics but not kept:
 * it changed nothing, and an operator's look at the plan must not hide what the last real sync did.
 */
export async function saveSyncStatus(state: StateStore, tenant: string, run: { status: SourceSyncStatus; error?: SourceSyncError }): Promise<void> {
  if (run.status.outcome === 'dry_run') return;
  await state.set(tenant, LAST_SYNC_KEY, JSON.stringify(run.status));
  if (run.status.outcome === 'applied') await state.set(tenant, LAST_SUCCESS_KEY, JSON.stringify(run.status));
  if (run.error) await state.set(tenant, LAST_ERROR_KEY, JSON.stringify(run.error));
}

export interface StoredSyncStatus {
  lastSync: SourceSyncStatus | undefined;
  lastSuccess: SourceSyncStatus | undefined;
  lastError: SourceSyncError | undefined;
}

/** A tenant's stored statuses; one that is absent or unreadable (written by another version) reads as none. */
export async function readSyncStatus(state: StateStore, tenant: string): Promise<StoredSyncStatus> {
  const [lastSync, lastSuccess, lastError] = await Promise.all([LAST_SYNC_KEY, LAST_SUCCESS_KEY, LAST_ERROR_KEY].map((k) => state.get(tenant, k)));
  return {
    lastSync: parsed<SourceSyncStatus>(lastSync, 'finishedAt'),
    lastSuccess: parsed<SourceSyncStatus>(lastSuccess, 'finishedAt'),
    lastError: parsed<SourceSyncError>(lastError, 'at'),
  };
}

function parsed<T>(text: string | undefined, timeKey: string): T | undefined {
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    const at = value[timeKey];
    return typeof at === 'string' && !Number.isNaN(Date.parse(at)) ? (value as T) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * When a timer set at `since` every `seconds` fires next after `now` (`setInterval`'s schedule). It is this
 * replica's own schedule: every replica keeps one, and the tenant-wide lock runs their syncs one after another.
 */
export function nextTick(since: Date, seconds: number, now: Date): Date {
  const period = seconds * 1000;
  const elapsed = Math.max(0, now.getTime() - since.getTime());
  return new Date(since.getTime() + (Math.floor(elapsed / period) + 1) * period);
}

/**
 * Whether a sync of the tenant finished less than `ms` ago, on any replica or in `scim-bridge sync`: every replica
 * keeps its own schedule, so a replica whose turn comes just after another's run skips it rather than sync the same
 * directory again (one sync per interval, whatever the number of replicas).
 */
export async function syncedWithin(state: StateStore, tenant: string, now: Date, ms: number): Promise<boolean> {
  const { lastSync } = await readSyncStatus(state, tenant);
  return lastSync !== undefined && now.getTime() - Date.parse(lastSync.finishedAt) < ms;
}

export interface TrackedRun {
  tenant: string;
  source: string;
}

export interface SyncTracking {
  state: StateStore;
  now: () => Date;
  /** Each finished run, for the metrics (`observeSourceSync`). */
  observe?: (tenant: string, run: { status: SourceSyncStatus; error?: SourceSyncError }) => void;
  /** The store did not take the status: the sync's own result stands, the status is only missing. */
  onSaveFailed?: (err: unknown) => void;
}

/**
 * Runs one sync and keeps what came of it: its status in the store (`saveSyncStatus`) and in the metrics. The sync's
 * report, or its error, is handed back unchanged.
 */
export async function trackSync(run: TrackedRun, tracking: SyncTracking, sync: () => Promise<SourceSyncReport>): Promise<SourceSyncReport> {
  const startedAt = tracking.now();
  const started = performance.now();
  const timesNow = (): RunTimes => ({
    source: run.source,
    startedAt,
    finishedAt: tracking.now(),
    durationSeconds: Math.round(performance.now() - started) / 1000,
  });
  const keep = async (outcome: { status: SourceSyncStatus; error?: SourceSyncError }) => {
    tracking.observe?.(run.tenant, outcome);
    await saveSyncStatus(tracking.state, run.tenant, outcome).catch((err: unknown) => tracking.onSaveFailed?.(err));
  };
  let report: SourceSyncReport;
  try {
    report = await sync();
  } catch (err) {
    await keep(statusOfFailure(err, timesNow()));
    throw err;
  }
  await keep(statusOfReport(report, timesNow()));
  return report;
}
