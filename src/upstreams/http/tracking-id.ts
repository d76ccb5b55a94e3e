/** Longest value Zuora accepts in `Zuora-Track-Id` (docs/upstreams/zuora-oneid.md §2). */
const MAX_TRACKING_ID_LENGTH = 64;

/**
 * Turns the bridge's request id into a value a tracking header accepts: printable US-ASCII only, without `:` `;` `"`
 * `'`, at most 64 characters (Zuora-Track-Id, docs/upstreams/zuora-oneid.md §2). Returns `undefined` when nothing usable is left.
 */
export const sanitiseTrackingId = (requestId: string): string | undefined => {
  const cleaned = requestId
    .replace(/[^\x20-\x7e]|[:;"']/g, '')
    .trim()
    .slice(0, MAX_TRACKING_ID_LENGTH)
    .trim();
  return cleaned === '' ? undefined : cleaned;
};
