import { parse } from 'scim2-parse-filter';
import type { Filter } from 'scim2-parse-filter';
import { badRequest } from './errors.js';
import type { OneIdGroupRecord, OneIdUserRecord } from './records.js';
import { URN } from './urns.js';

/** A filterable attribute: how to read it, and whether values compare case-sensitively (RFC 7643 `caseExact`). */
interface FilterAttribute<T> {
  read: (resource: T) => string | undefined;
  caseExact: boolean;
}

/**
 * The documented filters (getListOfUsers): `userName eq "…"`, `status eq "…"` (the extension attribute, unqualified),
 * `id eq "…" and status eq "…"`. Also accepted [INF, docs/upstreams/zuora-oneid.md §5]: `externalId eq`, and the URN-qualified spelling of each.
 */
const USER_ATTRIBUTES: Record<string, FilterAttribute<OneIdUserRecord>> = {
  username: { read: (u) => u.userName, caseExact: false },
  externalid: { read: (u) => u.externalId, caseExact: true },
  id: { read: (u) => u.id, caseExact: true },
  status: { read: (u) => u.status, caseExact: true },
};

/** Groups: "filter the group, either by organization id" (getListGroups); `displayName` and `id` [INF, docs/upstreams/zuora-oneid.md §5]. */
const GROUP_ATTRIBUTES: Record<string, FilterAttribute<OneIdGroupRecord>> = {
  displayname: { read: (g) => g.displayName, caseExact: false },
  id: { read: (g) => g.id, caseExact: true },
  organizationid: { read: (g) => g.organizationId, caseExact: true },
};

const QUALIFIERS = [URN.user, URN.group, URN.userExtension, URN.groupExtension].map((urn) => `${urn.toLowerCase()}:`);

function attributeName(path: string): string {
  const lower = path.toLowerCase();
  const qualifier = QUALIFIERS.find((q) => lower.startsWith(q));
  return qualifier ? lower.slice(qualifier.length) : lower;
}

const invalid = (detail: string) => badRequest(detail, 'invalidFilter');

function compile<T>(node: Filter, attributes: Record<string, FilterAttribute<T>>, resource: string): (r: T) => boolean {
  if (node.op === 'and' && 'filters' in node) {
    const parts = node.filters.map((f) => compile(f, attributes, resource));
    return (r) => parts.every((p) => p(r));
  }
  if (node.op !== 'eq' || !('compValue' in node)) {
    throw invalid(`Unsupported filter operator "${node.op}": only "eq" joined by "and" is supported`);
  }
  const attribute = attributes[attributeName(node.attrPath)];
  if (!attribute) throw invalid(`Filtering ${resource} by "${node.attrPath}" is not supported`);
  if (typeof node.compValue !== 'string') throw invalid(`The value compared with ${node.attrPath} must be a string`);
  const wanted = attribute.caseExact ? node.compValue : node.compValue.toLowerCase();
  return (r) => {
    const actual = attribute.read(r);
    if (actual === undefined) return false;
    return (attribute.caseExact ? actual : actual.toLowerCase()) === wanted;
  };
}

/** Far longer than the documented lookups; it bounds the parser's recursion and the work one request can ask for. */
const MAX_FILTER_LENGTH = 1024;

/**
 * The library's tokenizer matches a quoted value with `"(?:[^"\\]|\\.|\n)*"`, where a line break matches two of the
 * alternatives: a value it cannot close makes it try every split of the line breaks, seconds for a few dozen. A filter
 * is one line of a query string, so the simulator refuses a raw line break outright (`\n` escaped in a quoted value is
 * fine); with none, each character matches one alternative and the tokenizer stays linear.
 */
function textProblem(text: string): string | undefined {
  if (text.length > MAX_FILTER_LENGTH) return `the filter is ${text.length} characters long; at most ${MAX_FILTER_LENGTH} are accepted`;
  const lineBreak = text.search(/[\n\r\u2028\u2029]/);
  if (lineBreak >= 0) return `the filter holds a line break at character ${lineBreak + 1} (in a quoted value, write it as \\n)`;
  return undefined;
}

function parseText(text: string): Filter {
  const problem = textProblem(text);
  if (problem) throw invalid(`Invalid filter: ${problem}`);
  try {
    return parse(text);
  } catch (error) {
    throw invalid(`Invalid filter: ${(error as Error).message}`);
  }
}

/** Users filter: `eq` on userName, externalId, id, status, joined by `and`; anything else → 400 invalidFilter [INF]. */
export function compileUserFilter(text: string): (user: OneIdUserRecord) => boolean {
  return compile(parseText(text), USER_ATTRIBUTES, 'users');
}

/** Groups filter: `eq` on displayName, id, organizationId, joined by `and`; anything else → 400 invalidFilter [INF]. */
export function compileGroupFilter(text: string): (group: OneIdGroupRecord) => boolean {
  return compile(parseText(text), GROUP_ATTRIBUTES, 'groups');
}
