import type { AttributeOverrides } from '../../scim/schemas/index.js';

/**
 * What Zuora makes true of the SCIM user attributes (served in `/Schemas`, enforced by PATCH): every Zuora user has
 * an email, a first and a last name and a status, so none of them can be removed. Removing the last email address
 * by a filter (`remove emails[type eq "work"]`), which no schema flag can express, is refused by the adapter.
 */
export const zuoraRestUserOverrides: AttributeOverrides = {
  emails: {
    required: true,
    description:
      "Email addresses. Zuora holds one (the primary, else work, else first address) and requires it: at creation an email-shaped userName stands in when none is sent; afterwards the last address cannot be removed.",
  },
  name: {
    required: true,
    description: "The user's real name. Zuora requires a first and a last name, so neither can be removed; a PUT without name keeps the names Zuora holds.",
  },
  'name.givenName': {
    required: true,
    description: "Zuora's firstName. Filled at creation when not sent (from name.formatted, displayName or the userName); cannot be removed afterwards.",
  },
  'name.familyName': {
    required: true,
    description: "Zuora's lastName. Filled at creation when not sent (from name.formatted, displayName or the userName); cannot be removed afterwards.",
  },
  active: {
    required: true,
    description: "Zuora's status: true is Active, false is Inactive. Every Zuora user has one, so it cannot be removed; a PUT without active keeps the current status.",
  },
};
