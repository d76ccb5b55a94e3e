import { GROUP_SCHEMA } from '../resource.js';
import { complex, ref, str, type SchemaDefinition } from './attribute.js';

/** RFC 7643 §4.2: the core Group schema. */
export const coreGroupSchema: SchemaDefinition = {
  id: GROUP_SCHEMA,
  name: 'Group',
  description: 'Group',
  attributes: [
    str('displayName', { required: true, uniqueness: 'server' }),
    complex(
      'members',
      [
        str('value', { mutability: 'immutable' }),
        ref('$ref', ['User', 'Group'], { mutability: 'immutable' }),
        // RFC 7643 marks it readOnly; the bridge keeps the label an IdP sends (Okta sends the login) and fills in
        // the member's userName when none came, so an IdP reads back what it wrote.
        str('display'),
        str('type', { canonicalValues: ['User', 'Group'], mutability: 'immutable' }),
      ],
      { multiValued: true },
    ),
  ],
};
