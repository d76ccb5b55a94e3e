import type { TenantActivity } from '../activity-history.js';
import { html, type Html } from '../html.js';
import type { BudgetLeft } from '../metrics-view.js';
import { barChart, horizontalBars, stackedColumns, type StackedSeries } from '../svg-charts.js';

/** Status classes in stacking order, each with the stylesheet class that colours it. */
const CLASSES = [
  { name: '2xx', className: 's-ok', test: (s: number) => s >= 200 && s < 300 },
  { name: '3xx', className: 's-redirect', test: (s: number) => s >= 300 && s < 400 },
  { name: '4xx', className: 's-client', test: (s: number) => s >= 400 && s < 500 },
  { name: '5xx', className: 's-server', test: (s: number) => s >= 500 },
  // An upstream call that got no response (its key is an error code such as `timeout`).
  { name: 'no answer', className: 's-none', test: (s: number) => Number.isNaN(s) },
] as const;

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
const hhmm = (ms: number | undefined): string => (ms === undefined ? '' : new Date(ms).toISOString().slice(11, 16));

/** Per-minute series by status class, only the classes that occurred. */
function byClass(series: ReadonlyMap<string, number[]>, slots: number): StackedSeries[] {
  return CLASSES.flatMap((c) => {
    const values = new Array<number>(slots).fill(0);
    for (const [key, counts] of series) if (c.test(Number(key))) counts.forEach((n, i) => (values[i] = (values[i] ?? 0) + n));
    return sum(values) > 0 ? [{ name: c.name, className: c.className, values }] : [];
  });
}

/** `409×2, 503×1`, by key in order. */
const breakdown = (entries: readonly [string, number][]): string => entries.map(([k, n]) => `${k}×${n}`).join(', ');

/** Totals per key over the window, sorted by key. */
const totals = (series: ReadonlyMap<string, number[]>): [string, number][] =>
  [...series].map(([k, v]): [string, number] => [k, sum(v)]).sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }));

/**
 * A tenant's last hour on this replica as charts: SCIM requests per minute by status class, its errors by status, the
 * upstream calls those requests made per minute by outcome, and the budgets its upstream has left now (their limits
 * are not reported, so the bars compare endpoints). Each chart's sentence carries its numbers.
 */
export function activitySection(activity: TenantActivity, budgets: readonly BudgetLeft[]): Html {
  const slots = activity.minuteStarts.length;
  const span = { slots, firstLabel: hhmm(activity.minuteStarts[0]), lastLabel: `${hhmm(activity.minuteStarts[slots - 1])} UTC` };
  const requests = totals(activity.requests);
  const errors = requests.filter(([status]) => Number(status) >= 400);
  const requestCount = sum(requests.map(([, n]) => n));
  const errorCount = sum(errors.map(([, n]) => n));
  const calls = totals(activity.upstream);
  const callCount = sum(calls.map(([, n]) => n));
  const failed = calls.filter(([key]) => !(Number(key) < 400));
  const failedCount = sum(failed.map(([, n]) => n));

  const requestSummary =
    `${plural(requestCount, 'SCIM request')} in the last hour, ` + (errorCount === 0 ? 'no errors.' : `${plural(errorCount, 'error')} (${breakdown(errors)}).`);
  const callSummary =
    `${plural(callCount, 'upstream call')} ${activity.upstreamIncludesBackground ? 'in all (background work included)' : 'while answering them'}, ` +
    (failedCount === 0 ? 'none failed.' : `${failedCount} failed or got no answer (${breakdown(failed)}).`);

  return html`<section aria-labelledby="activity">
    <h2 id="activity">Activity</h2>
    <p class="muted">This replica, last hour, counted per minute. Other replicas and earlier hours are not included.</p>
    <div class="charts">
      ${stackedColumns({ id: 'chart-requests', title: 'SCIM requests per minute, by status class', summary: requestSummary, series: byClass(activity.requests, slots), ...span })}
      ${barChart({
        id: 'chart-errors',
        title: 'SCIM errors in the last hour, by status',
        summary: errorCount === 0 ? 'No errors in the last hour.' : `${plural(errorCount, 'error')}: ${breakdown(errors)}.`,
        bars: errors.map(([status, n]) => ({ label: status, value: n, className: Number(status) >= 500 ? 's-server' : 's-client' })),
      })}
      ${stackedColumns({ id: 'chart-upstream', title: 'Upstream calls per minute, by outcome', summary: callSummary, series: byClass(activity.upstream, slots), ...span })}
      ${horizontalBars({
        id: 'chart-budgets',
        title: 'Upstream budgets left now, by endpoint',
        summary:
          budgets.length === 0
            ? 'This upstream reports no budgets.'
            : `Requests its documented limits still allow: ${budgets.map((b) => `${b.endpoint} ${b.remaining}`).join(', ')}.`,
        bars: budgets.map((b) => ({ label: b.endpoint, value: b.remaining })),
      })}
    </div>
  </section>`;
}
