import { ScimError } from '../../src/scim/errors.js';

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ScimError };

/** A client error (4xx) the HTTP edge would render as the SCIM error body of RFC 7644 §3.12. */
export const isClientError = (e: ScimError): boolean => e.status >= 400 && e.status < 500;

/**
 * Run a pure protocol function on hostile input: its result, or the `ScimError` it refused the input with. Anything
 * else (a TypeError, a RangeError from a blown stack, a ScimError the caller did not allow) is rethrown as is, so
 * fast-check reports it with its stack next to the counterexample.
 */
export function attempt<T>(fn: () => T, allowed: (e: ScimError) => boolean = isClientError): Outcome<T> {
  try {
    return { ok: true, value: fn() };
  } catch (e) {
    if (e instanceof ScimError && allowed(e)) return { ok: false, error: e };
    throw e;
  }
}

/** How many inputs were accepted and refused: a property whose inputs all fail early would prove little. */
export class OutcomeTally {
  accepted = 0;
  refused = 0;

  record<T>(outcome: Outcome<T>): Outcome<T> {
    if (outcome.ok) this.accepted += 1;
    else this.refused += 1;
    return outcome;
  }
}
