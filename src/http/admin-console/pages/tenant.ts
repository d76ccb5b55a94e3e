import type { JsonValue } from '../../../scim/resource.js';
import type { AuditEntry } from '../../../store/store.js';
import type { TenantActivity } from '../activity-history.js';
import type { HealthLine } from '../health-view.js';
import type { BudgetLeft } from '../metrics-view.js';
import { html, type Html } from '../html.js';
import { consolePaths } from '../paths.js';
import { activitySection } from './activity-section.js';
import { layout, type Frame } from './layout.js';

/** The audit search as the operator typed it (times as `datetime-local`, read as UTC). */
export interface AuditSearch {
  resourceName: string;
  actor: string;
  since: string;
  until: string;
}

export interface TenantView {
  id: string;
  health: readonly HealthLine[];
  /** The bridge's gauges for this tenant (reconciler lag, an upstream's pending work and budgets). */
  gauges: readonly HealthLine[];
  /** This replica's last hour of requests and upstream calls for the tenant; no section without. */
  activity?: TenantActivity | undefined;
  /** Its upstream's budgets left per endpoint, shown with the activity. */
  budgets?: readonly BudgetLeft[];
  search: AuditSearch;
  /** Why the search could not run; empty when it ran. */
  problems: readonly string[];
  entries: readonly AuditEntry[];
  limit: number;
}

/** A changed value as an operator reads it: text as is, absent as "(none)", anything else as JSON. */
const shown = (v: JsonValue): string => (v === null ? '(none)' : typeof v === 'string' ? v : JSON.stringify(v));

function entryView(e: AuditEntry): Html {
  const changes = e.changes ?? [];
  return html`<article class="entry">
    <h3><time datetime="${e.at}">${e.at}</time> ${e.operation} ${e.resourceType} ${e.resourceName ?? e.resourceId ?? ''}</h3>
    <dl class="facts">
      <dt>Actor</dt>
      <dd>${e.actor}</dd>
      <dt>Status</dt>
      <dd>${e.status}</dd>
      <dt>Request</dt>
      <dd><code>${e.requestId}</code></dd>
      ${
        e.resourceId &&
        html`<dt>Resource id</dt>
          <dd><code>${e.resourceId}</code></dd>`
      }
      ${
        e.upstreamId &&
        html`<dt>Upstream id</dt>
          <dd><code>${e.upstreamId}</code></dd>`
      }
      ${
        e.detail &&
        html`<dt>Detail</dt>
          <dd>${e.detail}</dd>`
      }
    </dl>
    ${
      changes.length > 0
        ? html`<table class="changes">
            <caption>
              Changes
            </caption>
            <thead>
              <tr>
                <th scope="col">Attribute</th>
                <th scope="col">Before</th>
                <th scope="col">After</th>
              </tr>
            </thead>
            <tbody>
              ${changes.map(
                (c) =>
                  html`<tr>
                    <th scope="row"><code>${c.attribute}</code></th>
                    <td>${shown(c.before)}</td>
                    <td>→ ${shown(c.after)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : html`<p class="muted">No attribute changes recorded.</p>`
    }
    <h4>Upstream calls</h4>
    ${
      e.upstreamCalls.length > 0
        ? html`<ul class="calls">
            ${e.upstreamCalls.map((c) => html`<li><code>${c}</code></li>`)}
          </ul>`
        : html`<p class="muted">None.</p>`
    }
  </article>`;
}

function searchForm(id: string, s: AuditSearch): Html {
  return html`<form class="search" method="get" action="${consolePaths.tenant(id)}">
    <div><label for="resourceName">User or group name</label><input id="resourceName" name="resourceName" value="${s.resourceName}" /></div>
    <div><label for="actor">Actor</label><input id="actor" name="actor" value="${s.actor}" /></div>
    <div><label for="since">Since (UTC)</label><input id="since" name="since" type="datetime-local" step="1" value="${s.since}" /></div>
    <div><label for="until">Until (UTC)</label><input id="until" name="until" type="datetime-local" step="1" value="${s.until}" /></div>
    <div><button type="submit">Search</button></div>
  </form>`;
}

/** One tenant: its upstream's health as readiness reports it, its last hour as charts, then its audit log, searchable, newest first. */
export function tenantPage(frame: Frame, view: TenantView): string {
  const health =
    view.health.length > 0
      ? html`<dl class="health">
          ${view.health.map(
            (l) =>
              html`<dt>${l.key}</dt>
                <dd>${l.value}</dd>`,
          )}
        </dl>`
      : html`<p class="muted">No health details reported.</p>`;
  const results =
    view.problems.length > 0
      ? html`<div class="error" role="alert">
          <p>The search could not run:</p>
          <ul>
            ${view.problems.map((p) => html`<li>${p}</li>`)}
          </ul>
        </div>`
      : view.entries.length === 0
        ? html`<p>No audit entries match.</p>`
        : html`<p>${view.entries.length === view.limit ? `The newest ${view.limit} entries` : `${view.entries.length} entries`}, newest first.</p>
            ${view.entries.map(entryView)}`;
  return layout(
    frame,
    html`<nav aria-label="Tenant tools">
        <a href="${consolePaths.plan(view.id)}">Drift and plan</a> ·
        <a href="${consolePaths.mapping(view.id)}">Mapping preview</a>
      </nav>
      <section aria-labelledby="health">
        <h2 id="health">Health</h2>
        ${health}
        ${
          view.gauges.length > 0 &&
          html`<h3>Gauges</h3>
            <dl class="health">
              ${view.gauges.map(
                (l) =>
                  html`<dt>${l.key}</dt>
                    <dd>${l.value}</dd>`,
              )}
            </dl>`
        }
      </section>
      ${view.activity && activitySection(view.activity, view.budgets ?? [])}
      <section aria-labelledby="audit">
        <h2 id="audit">Audit log</h2>
        ${searchForm(view.id, view.search)} ${results}
      </section>`,
  );
}
