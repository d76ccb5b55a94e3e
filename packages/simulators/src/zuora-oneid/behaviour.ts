import { z } from 'zod';

/**
 * Behaviours where Zuora's documentation is silent or contradicts itself, switchable at run time so a client can be
 * tested against every reading. Defaults are the documented-most-likely reading, each marked [INF] where inferred.
 */
export const behaviourSchema = z.strictObject({
  /**
   * Groups list `startIndex`: `page` = a page number, as documented ("count 20 and startIndex 2 → the 21st to 40th
   * records", getListGroups); `item` = RFC 7644 §3.4.2.4 1-based item index. Users always use the item index.
   */
  groupsStartIndex: z.enum(['page', 'item']),
  /**
   * A repeated request with a known `Idempotency-Key`: `replay` the stored status, headers and body (idempotent-requests
   * guide, docs/upstreams/zuora-oneid.md §2), or answer `conflict`: 409 with the original body (error-handling guide, "you get the
   * original result back as a 409"). The guides disagree; `replay` is the dedicated guide's rule [INF].
   */
  idempotencyReplay: z.enum(['replay', 'conflict']),
  /**
   * Error bodies: `scim` = RFC 7644 §3.12 `{schemas, status, scimType, detail}`; `zuora` = the v1 envelope
   * `{success:false, processId, reasons:[{code, message}]}`. No OneID error body is documented (docs/upstreams/zuora-oneid.md §6) [INF].
   */
  errorFormat: z.enum(['scim', 'zuora']),
  /**
   * Answer `GET /Groups` without `Content-Type: application/json` with 415. The list page marks the header required,
   * but on a GET without a body, and its parameter block is shared with the create page (which lists the list's
   * query parameters), so the requirement reads as copied [INF]: off by default.
   */
  groupsListRequiresContentType: z.boolean(),
  /**
   * `meta.location`: `request-path` = the request's path + `/` + id, as nearly every sample shows
   * (`…/Users/bulk/<id>`, `…/Groups/<id>/<id>`); `canonical` = `…/Users/<id>` (RFC 7644 §3.1).
   */
  locationStyle: z.enum(['request-path', 'canonical']),
});

export type OneIdBehaviour = z.infer<typeof behaviourSchema>;

export const DEFAULT_BEHAVIOUR: OneIdBehaviour = {
  groupsStartIndex: 'page',
  idempotencyReplay: 'replay',
  errorFormat: 'scim',
  groupsListRequiresContentType: false,
  locationStyle: 'request-path',
};

/** The live switches, read per request so the control surface can flip them between requests. */
export class BehaviourSwitches {
  private current: OneIdBehaviour;

  constructor(initial: Partial<OneIdBehaviour> = {}) {
    this.current = behaviourSchema.parse({ ...DEFAULT_BEHAVIOUR, ...initial });
  }

  get(): OneIdBehaviour {
    return { ...this.current };
  }

  /** Change some switches (validated); returns the new whole set. */
  set(changes: Partial<OneIdBehaviour>): OneIdBehaviour {
    this.current = behaviourSchema.parse({ ...this.current, ...changes });
    return this.get();
  }
}
