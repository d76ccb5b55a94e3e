/** Converts scim2-parse-filter's AST into ours, validating attribute paths and decoding string values. */
import type { Filter } from 'scim2-parse-filter';
import { invalidFilter } from '../errors.js';
import type { CompareValue, FilterNode } from './ast.js';
import { SUB_ATTRIBUTE_MARKER } from './value-path-fix.js';

/** RFC 7644 §3.4.2.2 attrPath: `[URI ":"] ATTRNAME *1subAttr`, ATTRNAME = ALPHA *(ALPHA / DIGIT / "-" / "_"). */
const NAME = `(?:[A-Za-z][\\w-]*|${SUB_ATTRIBUTE_MARKER}[A-Za-z][\\w-]*)`;
const ATTR_PATH = new RegExp(`^(?:urn:[\\w.:-]*:)?${NAME}(?:\\.${NAME})?$`, 'i');

const checkedPath = (path: string): string => {
  if (!ATTR_PATH.test(path)) throw invalidFilter(`Invalid filter: '${path.split(SUB_ATTRIBUTE_MARKER).join('')}' is not an attribute path`);
  return path;
};

/**
 * The parser keeps every backslash except the one in `\"`, so `"CONTOSO\\jdoe"` would come out with two. String
 * values are JSON strings (RFC 7644 §3.4.2.2): rebuild the JSON text and decode it properly, keeping the parser's
 * reading only when the client sent escapes that JSON does not know (`"a\d"`).
 */
const decodeString = (parsed: string): string => {
  try {
    return JSON.parse(`"${parsed.replace(/"/g, '\\"')}"`) as string;
  } catch {
    return parsed;
  }
};

const decodeValue = (value: CompareValue): CompareValue => (typeof value === 'string' ? decodeString(value) : value);

export function fromLibraryAst(f: Filter): FilterNode {
  switch (f.op) {
    case 'and':
    case 'or':
      return { kind: f.op, filters: f.filters.map(fromLibraryAst) };
    case 'not':
      return { kind: 'not', filter: fromLibraryAst(f.filter) };
    case '[]':
      return { kind: 'valuePath', path: checkedPath(f.attrPath), filter: fromLibraryAst(f.valFilter) };
    case 'pr':
      return { kind: 'present', path: checkedPath(f.attrPath) };
    default:
      return { kind: 'compare', path: checkedPath(f.attrPath), op: f.op, value: decodeValue(f.compValue) };
  }
}
