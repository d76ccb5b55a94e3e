import type { UpstreamResponse } from './upstream-request.js';

/** The upstream's own words about a failure. */
export interface UpstreamErrorDetail {
  message?: string;
  code?: string;
}

const MAX_MESSAGE_LENGTH = 300;

const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' ? String(value) : undefined;

const record = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

const firstOf = (value: unknown): Record<string, unknown> | undefined => (Array.isArray(value) ? record(value[0]) : undefined);

const fromJson = (body: Record<string, unknown>): UpstreamErrorDetail => {
  // Zuora v1: {"success":false,"reasons":[{"code":53100320,"message":"…"}]} (docs/upstreams/zuora-rest.md §3)
  const reason = firstOf(body.reasons);
  if (reason) return { message: str(reason.message), code: str(reason.code) };
  // Zuora legacy CRUD: {"Errors":[{"Code":"INVALID_VALUE","Message":"…"}],"Success":false}
  const legacy = firstOf(body.Errors);
  if (legacy) return { message: str(legacy.Message), code: str(legacy.Code) };
  // SCIM error (RFC 7644 §3.12): {"detail":"…","scimType":"uniqueness"}
  if (str(body.detail) !== undefined) return { message: str(body.detail), code: str(body.scimType) };
  // ZIA {"code":"…","message":"…"} (docs/upstreams/zscaler-zia.md §7); OAuth {"error":"…","error_description":"…"} (RFC 6749 §5.2)
  return {
    message: str(body.message) ?? str(body.error_description) ?? str(body.error),
    code: str(body.code) ?? (str(body.error_description) === undefined ? undefined : str(body.error)),
  };
};

/** Plain-text error replies are kept (shortened); HTML pages are not worth quoting. */
const fromText = (text: string): UpstreamErrorDetail => {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  if (oneLine === '' || /^<(!doctype|html)/i.test(oneLine)) return {};
  return { message: oneLine };
};

/**
 * Extracts the upstream's error message and code from the body shapes the three upstreams use, falling back to a
 * short plain-text reply. Reads only the response, never the request, so it cannot echo credentials we sent.
 */
export const describeErrorBody = (response: UpstreamResponse): UpstreamErrorDetail => {
  const json = record(response.body);
  const detail = json ? fromJson(json) : fromText(response.text);
  return {
    message: detail.message === undefined ? undefined : detail.message.slice(0, MAX_MESSAGE_LENGTH),
    code: detail.code,
  };
};
