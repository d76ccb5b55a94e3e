import { invalidInput } from './errors.js';
import type { GoogleUserRecord } from './records.js';

type Predicate = (user: GoogleUserRecord) => boolean;

/** `field op value` terms: space-separated; a value may be single-quoted (and then hold spaces). */
const TERM = /([A-Za-z.]+)(=|:)('(?:[^'\\]|\\.)*'|\S+)/y;

const bool = (field: string, value: string): boolean => {
  if (value !== 'true' && value !== 'false') throw invalidInput(`Invalid Input: ${field} takes true or false`);
  return value === 'true';
};

/** `:` matches a prefix when the value ends in `*`, else the value; `=` matches exactly; both ignore case. */
const text = (op: string, value: string) => {
  const wanted = value.toLowerCase();
  if (op === ':' && wanted.endsWith('*')) return (actual: string) => actual.toLowerCase().startsWith(wanted.slice(0, -1));
  return (actual: string) => actual.toLowerCase() === wanted;
};

function predicate(field: string, op: string, value: string): Predicate {
  switch (field) {
    case 'orgUnitPath': {
      // An org unit's path matches that unit and every unit under it (users.list search guide).
      const path = value.replace(/\/+$/, '') || '/';
      return (u) => path === '/' || u.orgUnitPath === path || u.orgUnitPath.startsWith(`${path}/`);
    }
    case 'isSuspended':
      return (u) => u.suspended === bool(field, value);
    case 'isArchived':
      return (u) => u.archived === bool(field, value);
    case 'isAdmin':
      return (u) => u.isAdmin === bool(field, value);
    case 'email': {
      const match = text(op, value);
      return (u) => u.emails.some((e) => match(e.address));
    }
    case 'givenName':
    case 'familyName': {
      const match = text(op, value);
      return (u) => match(u.name[field]);
    }
    default:
      throw invalidInput(`Invalid Input: unsupported query field ${field}`);
  }
}

/**
 * The users.list `query` parameter, the subset the simulator knows ("Search for users" guide): `orgUnitPath='/X'`
 * (that unit and its sub-units), `isSuspended=`, `isArchived=`, `isAdmin=` (true/false), `email`, `givenName`,
 * `familyName` (`=` exact, `:` with a trailing `*` a prefix). Terms are ANDed; anything else answers 400.
 */
export function parseUserQuery(query: string | undefined): Predicate {
  if (query === undefined || query.trim() === '') return () => true;
  const predicates: Predicate[] = [];
  let at = 0;
  while (at < query.length) {
    if (query[at] === ' ') {
      at += 1;
      continue;
    }
    TERM.lastIndex = at;
    const match = TERM.exec(query);
    if (!match) throw invalidInput(`Invalid Input: ${query.slice(at)}`);
    const [whole, field = '', op = '', raw = ''] = match;
    const value = raw.startsWith("'") ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
    predicates.push(predicate(field, op, value));
    at += whole.length;
  }
  return (user) => predicates.every((p) => p(user));
}
