import { ENTERPRISE_USER_SCHEMA } from '../resource.js';
import type { SchemaDefinition } from './attribute.js';
import { coreGroupSchema } from './core-group.js';
import { coreUserSchema, enterpriseUserSchema } from './core-user.js';
import type { ResourceSchema } from './registry.js';

export * from './attribute.js';
export * from './registry.js';
export * from './overrides.js';

/** The User resource as the bridge serves it: core User plus the enterprise extension (and any upstream one). */
export function userResourceSchema(extraExtensions: SchemaDefinition[] = []): ResourceSchema {
  return {
    resourceType: 'User',
    endpoint: '/Users',
    core: coreUserSchema,
    extensions: [
      { schema: enterpriseUserSchema, required: false },
      ...extraExtensions.filter((s) => s.id !== ENTERPRISE_USER_SCHEMA).map((schema) => ({ schema, required: false })),
    ],
  };
}

export function groupResourceSchema(extraExtensions: SchemaDefinition[] = []): ResourceSchema {
  return {
    resourceType: 'Group',
    endpoint: '/Groups',
    core: coreGroupSchema,
    extensions: extraExtensions.map((schema) => ({ schema, required: false })),
  };
}
