import type { PlanItem, TenantPlan } from '../../../core/reconcile/plan.js';
import type { JsonValue } from '../../../scim/resource.js';
import { html, type Html } from '../html.js';
import { consolePaths } from '../paths.js';
import { layout, type Frame } from './layout.js';

export interface PlanView {
  id: string;
  /** The tenant's drift policy (`report` or `enforce`). */
  drift: string;
  csrfToken: string;
  enforceDrift: boolean;
  /** Absent until the operator asks for a plan. */
  result?: { plan: TenantPlan; calls: number; ms: number } | { failure: string } | undefined;
}

const shown = (v: JsonValue): string => (v === null ? '(none)' : typeof v === 'string' ? v : JSON.stringify(v));

function itemRow(item: PlanItem): Html {
  return html`<tr>
    <td>${item.willWrite ? 'Write' : 'Report only'}</td>
    <td>${item.kind}</td>
    <th scope="row">
      ${item.userName}<br /><span class="ids"><code>${item.userId}</code> · upstream <code>${item.upstreamId}</code></span>
    </th>
    <td>
      ${
        item.changes.length > 0
          ? html`<ul class="calls">
              ${item.changes.map((c) => html`<li><code>${c.attribute}</code>: ${shown(c.before)} → ${shown(c.after)}</li>`)}
            </ul>`
          : html`<span class="muted">(none recorded)</span>`
      }
    </td>
    <td>${item.why}</td>
  </tr>`;
}

function planResult(plan: TenantPlan, calls: number, ms: number): Html {
  const writes = plan.items.filter((i) => i.willWrite).length;
  return html`<p>
      <strong>${writes}</strong> write(s) planned, <strong>${plan.items.length - writes}</strong> drift(s) reported only.
      <span class="muted">Computed with ${calls} upstream request(s) in ${ms} ms; nothing was written.</span>
    </p>
    ${
      plan.problems.length > 0 &&
      html`<div class="error" role="alert">
        <p>Could not be planned (a reconcile would fail on these too):</p>
        <ul>
          ${plan.problems.map((p) => html`<li>${p}</li>`)}
        </ul>
      </div>`
    }
    <table>
      <caption>
        Upstream writes
      </caption>
      <thead>
        <tr>
          <th scope="col">Action</th>
          <th scope="col">Kind</th>
          <th scope="col">User</th>
          <th scope="col">Changes (upstream now → intended)</th>
          <th scope="col">Why</th>
        </tr>
      </thead>
      <tbody>
        ${
          plan.items.length > 0
            ? plan.items.map(itemRow)
            : html`<tr>
                <td colspan="5">No changes: the upstream holds what the bridge last wrote.</td>
              </tr>`
        }
      </tbody>
    </table>
    <table>
      <caption>
        The bridge's index (no upstream writes)
      </caption>
      <thead>
        <tr>
          <th scope="col">Adopt</th>
          <th scope="col">Refresh</th>
          <th scope="col">Forget</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <td>${plan.index.adopt}</td>
          <td>${plan.index.refresh}</td>
          <td>${plan.index.forget}</td>
        </tr>
      </tbody>
    </table>`;
}

/**
 * A tenant's drift and plan: what differs upstream from what the bridge (on the IdP's behalf) last wrote, and what a
 * reconcile would write. Computing it reads every user upstream, so it runs only when asked, never on page load.
 */
export function planPage(frame: Frame, view: PlanView): string {
  const result = view.result;
  return layout(
    frame,
    html`<p><a href="${consolePaths.tenant(view.id)}">Back to tenant ${view.id}</a></p>
      <p>
        A plan reads every user from the upstream (a full read, within its request budget) and writes nothing. Drift policy of this tenant:
        <strong>${view.drift}</strong>.
      </p>
      <form class="search" method="post" action="${consolePaths.plan(view.id)}">
        <input type="hidden" name="_csrf" value="${view.csrfToken}" />
        <div>
          <input id="enforceDrift" name="enforceDrift" type="checkbox" value="on" ${view.enforceDrift ? html`checked` : null} />
          <label class="inline" for="enforceDrift">Plan drift as written back (as <code>--enforce-drift</code>)</label>
        </div>
        <div><button type="submit">Compute plan</button></div>
      </form>
      ${
        result &&
        html`<section aria-labelledby="plan">
          <h2 id="plan">Plan</h2>
          ${'failure' in result ? html`<p class="error" role="alert">The plan could not be computed: ${result.failure}</p>` : planResult(result.plan, result.calls, result.ms)}
        </section>`
      }`,
  );
}
