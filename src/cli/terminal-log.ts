import type { DestinationStream } from 'pino';
import { printable } from './audit-format.js';

/*
 * The JSON log lines of `serve` and `sandbox` as a person reads them on a terminal: time, level, message, then the
 * other fields as key=value. Only when standard output is a terminal: piped or redirected, the lines stay JSON for a
 * log collector (`… | cat` shows the JSON on a terminal). The lines arrive already redacted (pino redacts before it
 * writes). Hand-written rather than pino-pretty: that is a dozen packages for what these few lines do.
 */

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
/** Fields every line has, shown in its own way or not at all. */
const OMITTED = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'err']);

/** A stack keeps its line breaks; any other control character (an escape sequence in a logged name) is shown as `�`. */
const printableStack = (s: string): string => s.split('\n').map(printable).join('\n  ');

const valueText = (v: unknown): string => (typeof v === 'string' && /^[^\s"=]+$/.test(v) ? v : JSON.stringify(v));

/** One JSON log line as text; a line that is not JSON is passed through unchanged. */
export function terminalLogLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json.trimEnd();
  }
  const time = typeof entry.time === 'number' ? new Date(entry.time).toISOString().slice(11, 19) : '';
  const level = LEVELS[entry.level as number] ?? String(entry.level);
  const fields = Object.entries(entry)
    .filter(([k]) => !OMITTED.has(k))
    .map(([k, v]) => `${k}=${valueText(v)}`);
  const err = entry.err as { stack?: string; message?: string } | undefined;
  const lines = [[time, level.padEnd(5), typeof entry.msg === 'string' ? printable(entry.msg) : '', ...fields].filter((s) => s !== '').join(' ')];
  if (err) lines.push(`  ${printableStack(err.stack ?? err.message ?? JSON.stringify(err))}`);
  return lines.join('\n');
}

/** A pino destination writing {@link terminalLogLine}s with `write`. */
export const terminalLog = (write: (text: string) => void): DestinationStream => ({ write: (line) => write(`${terminalLogLine(line)}\n`) });
