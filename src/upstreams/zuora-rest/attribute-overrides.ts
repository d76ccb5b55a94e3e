import type { AttributeOverrides } from '../../scim/schemas/index.js';

/**
 * What Zuora makes true of the SCIM user attributes, served in `/Schemas` and enforced by the bridge:
 * - every Zuora user has an email, so `emails` is required (a POST or PUT without it is refused, and so is a PATCH
 *   removing it; removing the last address through a filter, which no schema flag expresses, the adapter refuses);
 * - every Zuora user has a first and a last name, so `name.givenName` and `name.familyName` cannot be removed. They
 *   are not required at creation, where missing names are filled (see `filledNames`), and a write that carries no
 *   name at all (a PUT without `name`) keeps the names Zuora holds.
 * `active` stays optional: Zuora defaults a new user to Active and a PUT without it keeps the current status.
 */
export const zuoraRestUserOverrides: AttributeOverrides = {
  emails: {
    required: true,
    description:
      'Email addresses. Zuora holds one, the primary (else work, else first) address, and requires it: at least one address must be sent, and the last one cannot be removed.',
  },
  'name.givenName': {
    required: true,
    description:
      "Zuora's firstName. Filled at creation when not sent (from name.formatted, displayName, else the userName); it cannot be removed, and a write without it keeps Zuora's.",
  },
  'name.familyName': {
    required: true,
    description:
      "Zuora's lastName. Filled at creation when not sent (from name.formatted, displayName, else the userName); it cannot be removed, and a write without it keeps Zuora's.",
  },
};
