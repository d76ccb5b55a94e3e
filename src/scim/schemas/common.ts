import { complex, dateTime, ref, str, type AttributeDefinition } from './attribute.js';

/** RFC 7643 §3.1: attributes every resource has, whatever its schema. */
export const commonAttributes: AttributeDefinition[] = [
  str('id', { mutability: 'readOnly', returned: 'always', caseExact: true, uniqueness: 'server' }),
  str('externalId', { caseExact: true }),
  complex(
    'meta',
    [
      str('resourceType', { mutability: 'readOnly', caseExact: true }),
      dateTime('created', { mutability: 'readOnly' }),
      dateTime('lastModified', { mutability: 'readOnly' }),
      ref('location', ['uri'], { mutability: 'readOnly' }),
      str('version', { mutability: 'readOnly', caseExact: true }),
    ],
    { mutability: 'readOnly' },
  ),
];
