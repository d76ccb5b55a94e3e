/**
 * Turns scim2-parse-filter's terse parser messages into a `detail` that tells the IdP administrator what was wrong
 * and where (RFC 7644 §3.12 `invalidFilter`).
 */
import { invalidFilter, type ScimError } from '../errors.js';
import { SUB_ATTRIBUTE_MARKER } from './value-path-fix.js';

const where = (token: string): string => (token === '' ? 'at the end of the filter' : `at '${token}'`);

const explain = (message: string): string => {
  let m: RegExpMatchArray | null;
  if ((m = /^\[(.*)\((\w+)\)\] is not json$/s.exec(message))) {
    return `expected a comparison value (a "quoted string", number, true, false or null) ${where(m[2] === 'EOT' ? '' : (m[1] ?? ''))}`;
  }
  if ((m = /^Unexpected token \[(.*)\((\w+)\)\] expected '\)'$/s.exec(message))) {
    return `expected ')' to close a group ${where(m[2] === 'EOT' ? '' : (m[1] ?? ''))}`;
  }
  if ((m = /^Unexpected token (.*) expected '\]'$/s.exec(message))) return `expected ']' to close a value filter ${where(m[1] ?? '')}`;
  if ((m = /^Unexpected token (\S*) (.*) as valFilter operator$/s.exec(message))) {
    return `unknown operator '${m[2]?.trim() ?? ''}' after attribute '${m[1] ?? ''}' (expected eq, ne, co, sw, ew, gt, ge, lt, le, pr or [)`;
  }
  if ((m = /^Unexpected token (.*) \((\w+)\)$/s.exec(message))) {
    return `expected an attribute path, '(' or 'not' ${where(m[2] === 'EOT' ? '' : (m[1] ?? ''))}`;
  }
  if ((m = /^unexpected EOT .*\[(.*?)\]/s.exec(message))) return `unexpected '${m[1] ?? ''}' after a complete expression`;
  if ((m = /^unexpected token (.*)$/s.exec(message))) return `unexpected character ${where((m[1] ?? '').slice(0, 20))}`;
  return message;
};

/** The ScimError for a filter the parser rejected; `text` is what the client sent. */
export function filterSyntaxError(text: string, cause: unknown): ScimError {
  const message = cause instanceof Error ? cause.message : String(cause);
  const what = explain(message).split(SUB_ATTRIBUTE_MARKER).join('');
  return invalidFilter(`Invalid filter '${text}': ${what}`);
}
