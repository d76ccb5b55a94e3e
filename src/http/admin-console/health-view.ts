import { namesASecret } from '../../core/audit-query.js';
import type { Readiness } from '../routes/health-routes.js';

/** One line of a tenant's health, as `/readyz` reports it to an admin: a dotted key and its value as text. */
export interface HealthLine {
  key: string;
  value: string;
}

const REDACTED = '[redacted]';

/**
 * A tenant's readiness details flattened to lines, keyed generically (`lastFailure.at`, `activation.pending`), so the
 * page shows whatever an upstream reports (budgets, pending ZIA work) without knowing it. A text value whose key is
 * named like a secret is never shown, should an adapter ever report one.
 */
export function healthLines(details: unknown, prefix = ''): HealthLine[] {
  if (details === null || typeof details !== 'object' || Array.isArray(details)) return prefix ? [{ key: prefix, value: valueText(details) }] : [];
  return Object.entries(details as Record<string, unknown>).flatMap(([k, v]) => {
    const key = prefix ? `${prefix}.${k}` : k;
    // Only text can be a secret: `credentialsAccepted: true` names one and is worth seeing.
    if (namesASecret(k) && typeof v === 'string') return [{ key, value: REDACTED }];
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? healthLines(v, key) : [{ key, value: valueText(v) }];
  });
}

function valueText(v: unknown): string {
  if (v === undefined || v === null) return '—';
  if (Array.isArray(v)) return v.length === 0 ? '(none)' : v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join('; ');
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** Each tenant's details from a readiness answer (`components.tenants`), by tenant id. */
export function tenantDetails(readiness: Readiness | undefined): Record<string, Record<string, unknown>> {
  const tenants = readiness?.components['tenants'];
  return tenants !== null && typeof tenants === 'object' ? (tenants as Record<string, Record<string, unknown>>) : {};
}
