/** What a tenant's activity is counted by: SCIM requests answered (by status) and upstream calls made (by outcome). */
export type ActivityKind = 'requests' | 'upstream';

/** One cumulative count, as a counter reports it: only ever grows, except back to zero when its process restarts. */
export interface ActivityReading {
  tenant: string;
  kind: ActivityKind;
  /** The status (`201`, `409`) or, for an upstream call that got no answer, its error code (`timeout`). */
  key: string;
  total: number;
}

/**
 * Per-tenant cumulative counts. The bridge's Prometheus counters carry no tenant label (by design: bounded series),
 * so the console keeps its own, fed by one response hook (routes.ts), and samples them like a scraper would.
 */
export interface ActivityTally {
  count(tenant: string, kind: ActivityKind, key: string): void;
  readings(): ActivityReading[];
}

export function createActivityTally(): ActivityTally {
  const totals = new Map<string, ActivityReading>();
  return {
    count(tenant, kind, key) {
      const id = seriesId(tenant, kind, key);
      const reading = totals.get(id);
      if (reading) reading.total += 1;
      else totals.set(id, { tenant, kind, key, total: 1 });
    },
    readings: () => [...totals.values()].map((r) => ({ ...r })),
  };
}

/** One tenant's counts per minute, oldest minute first; every series has one value per minute of the window. */
export interface TenantActivity {
  /** Epoch milliseconds at which each minute of the window starts. */
  minuteStarts: number[];
  requests: Map<string, number[]>;
  upstream: Map<string, number[]>;
  /** Whether `upstream` counts background work (reconciler, sync, ZIA's owed work) too, or only requests' calls. */
  upstreamIncludesBackground: boolean;
}

export interface ActivityHistory {
  /** Adds what the counters gained since the last sample to the current minute; call it every minute and before reading. */
  sample(): void;
  /** The window ending with the current minute. */
  window(tenant: string): TenantActivity;
}

export interface ActivityHistoryOptions {
  read: () => Iterable<ActivityReading>;
  /** Epoch milliseconds. */
  now: () => number;
  /** How many minutes are kept (default 60). */
  minutes?: number;
  /** Whether the upstream counts read include background work (see {@link TenantActivity}); default false. */
  upstreamIncludesBackground?: boolean;
}

const MINUTE_MS = 60_000;
const SEP = '\u0000';
const seriesId = (tenant: string, kind: ActivityKind, key: string): string => [tenant, kind, key].join(SEP);

/**
 * The last hour of activity in this process's memory, one bucket per minute (a ring: older minutes are dropped). Each
 * sample adds the increase of every counter since the previous sample; a counter seen for the first time counts
 * from zero (the tally starts with the process), and one lower than before was reset, so all of it is new.
 */
export function createActivityHistory(options: ActivityHistoryOptions): ActivityHistory {
  const minutes = options.minutes ?? 60;
  const last = new Map<string, number>();
  /** Minute index (epoch minutes) → series id → count in that minute. */
  const buckets = new Map<number, Map<string, number>>();
  const minuteNow = () => Math.floor(options.now() / MINUTE_MS);

  return {
    sample() {
      const minute = minuteNow();
      for (const key of buckets.keys()) if (key <= minute - minutes) buckets.delete(key);
      for (const r of options.read()) {
        const id = seriesId(r.tenant, r.kind, r.key);
        const before = last.get(id) ?? 0;
        const gained = r.total >= before ? r.total - before : r.total;
        last.set(id, r.total);
        if (gained === 0) continue;
        const bucket = buckets.get(minute) ?? new Map<string, number>();
        bucket.set(id, (bucket.get(id) ?? 0) + gained);
        buckets.set(minute, bucket);
      }
    },
    window(tenant) {
      const end = minuteNow();
      const first = end - minutes + 1;
      const activity: TenantActivity = {
        minuteStarts: [],
        requests: new Map(),
        upstream: new Map(),
        upstreamIncludesBackground: options.upstreamIncludesBackground ?? false,
      };
      for (let m = first; m <= end; m++) activity.minuteStarts.push(m * MINUTE_MS);
      for (const [minute, bucket] of buckets) {
        if (minute < first || minute > end) continue;
        for (const [id, count] of bucket) {
          const [owner, kind, key] = id.split(SEP) as [string, ActivityKind, string];
          if (owner !== tenant) continue;
          const series = activity[kind];
          const values = series.get(key) ?? new Array<number>(minutes).fill(0);
          values[minute - first] = (values[minute - first] ?? 0) + count;
          series.set(key, values);
        }
      }
      return activity;
    },
  };
}
