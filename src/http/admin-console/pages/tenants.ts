import { html } from '../html.js';
import { consolePaths } from '../paths.js';
import { layout, type Frame } from './layout.js';

export interface TenantSummary {
  id: string;
  /** The tenant's readiness details (`/readyz` for an admin), absent when readiness is not wired. */
  details: Record<string, unknown> | undefined;
}

const text = (v: unknown): string => (v === undefined || v === null ? '—' : typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v));
const failureOf = (v: unknown): string =>
  v !== null && typeof v === 'object' ? `${text((v as Record<string, unknown>)['what'])} at ${text((v as Record<string, unknown>)['at'])}` : '—';

/** Every tenant this process serves, each with the headline of its health and a link to its page. */
export function tenantsPage(frame: Frame, store: string | undefined, tenants: readonly TenantSummary[]): string {
  const rows = tenants.map(
    (t) =>
      html`<tr>
        <th scope="row"><a href="${consolePaths.tenant(t.id)}">${t.id}</a></th>
        <td>${text(t.details?.['upstream'])}</td>
        <td>${text(t.details?.['ready'])}</td>
        <td>${text(t.details?.['credentialsAccepted'])}</td>
        <td>${text(t.details?.['lastAnsweredAt'])}</td>
        <td>${failureOf(t.details?.['lastFailure'])}</td>
      </tr>`,
  );
  return layout(
    frame,
    html`<p>Store: <strong>${store ?? '—'}</strong></p>
      <table>
        <caption>
          Tenants and their upstreams
        </caption>
        <thead>
          <tr>
            <th scope="col">Tenant</th>
            <th scope="col">Upstream</th>
            <th scope="col">Ready</th>
            <th scope="col">Credentials accepted</th>
            <th scope="col">Last answered</th>
            <th scope="col">Last failure</th>
          </tr>
        </thead>
        <tbody>
          ${rows}
        </tbody>
      </table>`,
  );
}
