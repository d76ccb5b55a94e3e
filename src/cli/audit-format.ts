import type { JsonValue } from '../scim/resource.js';
import type { AuditChange, AuditEntry, UpstreamState } from '../store/store.js';

/**
 * The audit log as `scim-bridge audit` prints it: JSON Lines for programs, or a table for a person. Entries come in
 * already redacted (`redactAuditEntry`); nothing here adds a value an entry does not hold.
 */

export type AuditFormat = 'table' | 'json';

/** One entry per line, as stored (JSON Lines: https://jsonlines.org). */
export const auditJsonLines = (entries: readonly AuditEntry[]): string[] => entries.map((e) => JSON.stringify(e));

/** The widest each column grows before its cells are cut short with `…`; the JSON format has every value whole. */
const MAX_WIDTH = {
  tenant: 20,
  time: 20,
  actor: 20,
  operation: 20,
  resource: 64,
  status: 6,
  changes: 100,
  state: 64,
  calls: 80,
} as const;
/** A value inside a change is cut shorter, so that several changes fit in the column. */
const MAX_VALUE_WIDTH = 28;

type Column = keyof typeof MAX_WIDTH;

const HEADINGS: Record<Column, string> = {
  tenant: 'TENANT',
  time: 'TIME',
  actor: 'ACTOR',
  operation: 'OPERATION',
  resource: 'RESOURCE',
  status: 'STATUS',
  changes: 'CHANGES',
  state: 'UPSTREAM STATE',
  calls: 'CALLS',
};

const NONE = '-';

/**
 * Control characters and line breaks (a newline, a terminal escape sequence in a userName an IdP sent) are shown as
 * `�`: a table cell stays on its line and nothing in an entry can drive the operator's terminal.
 */
export const printable = (s: string): string => s.replace(/[\p{Cc}\p{Zl}\p{Zp}]/gu, '\ufffd');

/** `s` cut to `max` characters (code points, so no emoji is split), ending in `…` when cut. */
export function truncate(s: string, max: number): string {
  const chars = Array.from(s);
  return chars.length <= max ? s : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

const width = (s: string): number => Array.from(s).length;

/** A value as an operator reads it: strings bare, anything else as JSON; `null` (no value) as `null`. */
const shown = (v: JsonValue): string => truncate(printable(typeof v === 'string' ? v : JSON.stringify(v)), MAX_VALUE_WIDTH);

export const changeText = (c: AuditChange): string => `${printable(c.attribute)}: ${shown(c.before)} → ${shown(c.after)}`;

const stateText = (state: UpstreamState): string =>
  Object.entries(state)
    .map(([key, v]) => `${key}=${Array.isArray(v) ? `[${v.join(', ')}]` : String(v)}`)
    .join(' ');

/** The name as sent and the SCIM id in brackets; a long name is cut so that the id stays whole. */
function resourceText(e: AuditEntry): string {
  const id = e.resourceId === undefined ? '' : printable(e.resourceId);
  if (e.resourceName === undefined) return id || NONE;
  const name = printable(e.resourceName);
  if (!id) return name;
  const idPart = ` (${id})`;
  return `${truncate(name, Math.max(8, MAX_WIDTH.resource - width(idPart)))}${idPart}`;
}

/** `2024-03-01T12:00:00.000Z` → `2024-03-01T12:00:00Z`: the milliseconds are noise to a reader. */
const timeText = (at: string): string => at.replace(/\.\d{3}Z$/, 'Z');

function cellsOf(e: AuditEntry): Record<Column, string> {
  return {
    tenant: printable(e.tenant),
    time: timeText(e.at),
    actor: printable(e.actor),
    operation: printable(e.operation),
    resource: resourceText(e),
    status: String(e.status),
    changes: e.changes?.length ? e.changes.map(changeText).join('; ') : NONE,
    state: e.upstreamState && Object.keys(e.upstreamState).length > 0 ? printable(stateText(e.upstreamState)) : NONE,
    calls: e.upstreamCalls.length > 0 ? printable(e.upstreamCalls.join(', ')) : NONE,
  };
}

/**
 * The entries as an aligned table with a heading line, newest first as given. The tenant column is left out when
 * every entry is of the tenant the query named.
 */
export function auditTable(entries: readonly AuditEntry[], options: { showTenant: boolean }): string[] {
  const columns = (Object.keys(MAX_WIDTH) as Column[]).filter((c) => c !== 'tenant' || options.showTenant);
  const rows = entries.map((e) => {
    const cells = cellsOf(e);
    return columns.map((c) => truncate(cells[c], MAX_WIDTH[c]));
  });
  const headings = columns.map((c) => HEADINGS[c]);
  const widths = columns.map((_, i) => Math.max(width(headings[i] ?? ''), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]): string =>
    cells.map((cell, i) => (i === cells.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - width(cell)))).join('  ');
  return [line(headings), ...rows.map(line)];
}
