/**
 * How much one request may ask of the bridge: operations in a PATCH, and values sent for one multi-valued attribute
 * (a group's `members`, a user's `emails`) in a PATCH, POST or PUT. Each value of `members` costs a lookup of the user
 * and, for a mapped group, an upstream write, so an unbounded request holds the event loop and the upstream for as
 * long as the client likes. Over a limit the request is refused, whole, with 400 `tooMany` (RFC 7644 §3.12: more
 * than the server is willing to process) before any of it is applied. RFC 7643 §5 has no ServiceProviderConfig field
 * for either limit (`bulk.maxOperations` is about /Bulk), so they are documented in the README instead.
 */
import type { JsonValue } from '../../scim/resource.js';
import { badRequest } from '../../scim/errors.js';
import type { AttributeDefinition } from '../../scim/schemas/index.js';

export interface RequestLimits {
  /** Operations in one PATCH (`Operations` as sent, before the edge splits any). */
  patchOperations: number;
  /** Values one request sends for one multi-valued attribute, over all its operations. */
  valuesPerAttribute: number;
}

/** The defaults (`server.limits`): well above what Entra, Okta and the other IdPs send in one request. */
export const DEFAULT_REQUEST_LIMITS: RequestLimits = { patchOperations: 1000, valuesPerAttribute: 1000 };

export function assertOperationCount(count: number, limits: RequestLimits): void {
  if (count > limits.patchOperations) {
    throw badRequest(
      'tooMany',
      `The PATCH has ${count} operations; at most ${limits.patchOperations} are accepted in one request (server.limits.patchOperations): send the rest in further requests`,
    );
  }
}

/** Counts the values a request sends per multi-valued attribute; {@link ValueTally.check} refuses it over the limit. */
export class ValueTally {
  private readonly counts = new Map<AttributeDefinition, { label: string; total: number }>();

  constructor(private readonly limits: RequestLimits) {}

  /** Count `value` (an array counts its elements, anything else one) as sent for `def`; single-valued ones are free. */
  count(def: AttributeDefinition, value: JsonValue | undefined, label: string): void {
    if (!def.multiValued || value === undefined || value === null) return;
    const entry = this.counts.get(def) ?? { label, total: 0 };
    entry.total += Array.isArray(value) ? value.length : 1;
    this.counts.set(def, entry);
  }

  /** Once the whole request is counted: 400 `tooMany` when it sends more values for one attribute than allowed. */
  check(): void {
    const max = this.limits.valuesPerAttribute;
    for (const { label, total } of this.counts.values()) {
      if (total > max) {
        throw badRequest(
          'tooMany',
          `The request sends ${total} values for '${label}'; at most ${max} are accepted in one request (server.limits.valuesPerAttribute): send the rest in further requests`,
        );
      }
    }
  }
}
