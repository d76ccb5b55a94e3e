/**
 * scim2-parse-filter reads `emails[type eq "work"].value eq "x"` as
 * `emails[type eq "work"] and emails.value eq "x"`: two conditions that two different emails may satisfy. RFC 7644
 * §3.4.2.2 means one element meeting both, so before parsing we mark every sub-attribute that follows a value filter,
 * and after parsing we fold the marked comparison back into the value filter: `emails[type eq "work" and value eq "x"]`.
 */
import { invalidFilter } from '../errors.js';
import type { FilterNode } from './ast.js';
import { outsideQuotes } from './quoted-text.js';

/** Not a valid attribute-name start (RFC 7643 §2.1 ATTRNAME begins with ALPHA), so no real path can carry it. */
export const SUB_ATTRIBUTE_MARKER = '_%';

/** `attr[filter].sub op value` → `attr[filter]._%sub op value`; text inside quoted values is left alone. */
export function markValuePathSubAttributes(text: string): string {
  const outside = outsideQuotes(text);
  let out = '';
  for (let i = 0; i < text.length; i++) {
    out += text[i];
    if (outside[i] && text[i] === ']' && text[i + 1] === '.') {
      out += '.';
      i++;
      while (i + 1 < text.length && /\s/.test(text[i + 1] ?? '')) out += text[++i];
      if (/[A-Za-z]/.test(text[i + 1] ?? '')) out += SUB_ATTRIBUTE_MARKER;
    }
  }
  return out;
}

const markedSubPath = (valuePath: string, path: string): string | undefined => {
  const prefix = `${valuePath}.${SUB_ATTRIBUTE_MARKER}`;
  return path.startsWith(prefix) ? path.slice(prefix.length) : undefined;
};

/** Fold every `and(attr[f], attr._%sub …)` the parser produced into `attr[f and sub …]`, at any depth. */
export function foldValuePathSubAttributes(node: FilterNode): FilterNode {
  switch (node.kind) {
    case 'not':
      return { kind: 'not', filter: foldValuePathSubAttributes(node.filter) };
    case 'valuePath':
      if (node.path.includes(SUB_ATTRIBUTE_MARKER)) {
        throw invalidFilter(`Invalid filter: a value filter cannot follow '${node.path.split(SUB_ATTRIBUTE_MARKER).join('')}'`);
      }
      return { ...node, filter: foldValuePathSubAttributes(node.filter) };
    case 'or':
      return { kind: 'or', filters: node.filters.map(foldValuePathSubAttributes) };
    case 'and': {
      const [first, second] = node.filters;
      if (node.filters.length === 2 && first?.kind === 'valuePath' && (second?.kind === 'compare' || second?.kind === 'present')) {
        const sub = markedSubPath(first.path, second.path);
        if (sub !== undefined) {
          const inner = first.filter.kind === 'and' ? first.filter.filters : [first.filter];
          return { kind: 'valuePath', path: first.path, filter: { kind: 'and', filters: [...inner, { ...second, path: sub }] } };
        }
      }
      return { kind: 'and', filters: node.filters.map(foldValuePathSubAttributes) };
    }
    default:
      if (node.path.includes(SUB_ATTRIBUTE_MARKER)) {
        throw invalidFilter(`Invalid filter: '${node.path.split(SUB_ATTRIBUTE_MARKER).join('')}' after a value filter must be followed by an operator`);
      }
      return node;
  }
}
