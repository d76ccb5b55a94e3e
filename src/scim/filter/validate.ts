/**
 * Comparisons RFC 7644 §3.4.2.2 rejects with `invalidFilter`, checked over the whole filter before evaluation so the
 * answer does not depend on which resources happen to be evaluated or on short-circuiting.
 */
import { invalidFilter } from '../errors.js';
import type { ResourceSchema } from '../schemas/index.js';
import type { FilterNode } from './ast.js';
import { ORDERING_OPS } from './compare.js';
import { definitionAt, nestedPath } from './resolve.js';

const describe = (node: { path: string; op: string }): string => `'${node.path} ${node.op}'`;

export function assertComparable(node: FilterNode, schema: ResourceSchema, parentPath: string | undefined): void {
  switch (node.kind) {
    case 'and':
    case 'or':
      node.filters.forEach((f) => assertComparable(f, schema, parentPath));
      return;
    case 'not':
      assertComparable(node.filter, schema, parentPath);
      return;
    case 'valuePath':
      assertComparable(node.filter, schema, nestedPath(parentPath, node.path));
      return;
    case 'present':
      return;
    case 'compare': {
      const { op, value } = node;
      if (value === null && op !== 'eq' && op !== 'ne') throw invalidFilter(`Invalid filter: ${describe(node)} cannot compare with null`);
      const ordering = ORDERING_OPS.has(op);
      if (ordering && typeof value === 'boolean') throw invalidFilter(`Invalid filter: ${describe(node)} cannot order a boolean`);
      const definition = definitionAt(schema, node.path, parentPath, true);
      if (ordering && (definition?.type === 'boolean' || definition?.type === 'binary')) {
        throw invalidFilter(`Invalid filter: ${describe(node)} is not allowed on ${definition.type} attribute '${node.path}'`);
      }
      const instant = op === 'eq' || op === 'ne' || ordering;
      if (definition?.type === 'dateTime' && instant && value !== null && (typeof value !== 'string' || Number.isNaN(Date.parse(value)))) {
        throw invalidFilter(`Invalid filter: ${describe(node)} needs a dateTime such as "2011-05-13T04:42:34Z", got ${JSON.stringify(value)}`);
      }
      return;
    }
  }
}
