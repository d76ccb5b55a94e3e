import type { StateStore } from '../store/store.js';

/** A tenant's reconciler as `/readyz` shows it to an admin token (and the console's health view with it). */
export interface ReconcileReadiness {
  /** The last reconcile that finished, on any replica or in `scim-bridge reconcile`; `null` before the first. */
  lastRun: { startedAt: string; finishedAt: string; seen: number; added: number; updated: number; removed: number; drift: number; owedFailed: number } | null;
  /** When this replica's schedule reconciles next; `null` when it reconciles only at start (`intervalSeconds: 0`). */
  nextReconcileAt: string | null;
  /** Present only when the store could not be read: the fields above are then unknown, not empty. */
  unavailable?: string;
}

/** The reconciler's report as it keeps it in the store (core/reconcile/reconciler.ts), as far as readiness reads it. */
interface StoredReport {
  startedAt?: unknown;
  finishedAt?: unknown;
  seen?: unknown;
  added?: unknown;
  updated?: unknown;
  removed?: unknown;
  drift?: { count?: unknown };
  owed?: { failed?: unknown };
}

const count = (v: unknown): number => (typeof v === 'number' ? v : 0);

/**
 * What `/readyz` says of a tenant's reconciler: its last run as the store holds it (the same on every replica) and
 * this replica's next. Never makes the bridge unready, like the upstream's state it reports on.
 */
export async function reconcileReadiness(state: StateStore, tenant: string, nextAt: Date | undefined): Promise<ReconcileReadiness> {
  const nextReconcileAt = nextAt?.toISOString() ?? null;
  let raw: string | undefined;
  try {
    raw = await state.get(tenant, 'reconciler.lastRun');
  } catch {
    return { lastRun: null, nextReconcileAt, unavailable: 'the store did not answer' };
  }
  let report: StoredReport | undefined;
  try {
    report = raw === undefined ? undefined : (JSON.parse(raw) as StoredReport);
  } catch {
    report = undefined;
  }
  if (!report || typeof report.finishedAt !== 'string' || typeof report.startedAt !== 'string') return { lastRun: null, nextReconcileAt };
  return {
    lastRun: {
      startedAt: report.startedAt,
      finishedAt: report.finishedAt,
      seen: count(report.seen),
      added: count(report.added),
      updated: count(report.updated),
      removed: count(report.removed),
      drift: count(report.drift?.count),
      owedFailed: count(report.owed?.failed),
    },
    nextReconcileAt,
  };
}
