import type { FastifyReply } from 'fastify';

/**
 * The `code` values of ZIA's `{"code","message"}` error body (docs/upstreams/zscaler-zia.md §3, §6, §7). Documented:
 * `INVALID_USERNAME_OR_PASSWORD`, `STATE_READONLY` [DOC ZH-AUTH, ZH-GS]; `EDIT_LOCK_NOT_AVAILABLE`,
 * `SESSION_NOT_VALID` [DOC ZH-GS, SDK]. Seen in Zscaler's own Terraform provider issues and guides:
 * `INVALID_INPUT_ARGUMENT`, `DUPLICATE_ITEM`. The rest are [INF].
 */
export const ZiaCode = {
  invalidCredentials: 'INVALID_USERNAME_OR_PASSWORD',
  sessionNotValid: 'SESSION_NOT_VALID',
  editLock: 'EDIT_LOCK_NOT_AVAILABLE',
  readOnly: 'STATE_READONLY',
  invalidInput: 'INVALID_INPUT_ARGUMENT',
  duplicate: 'DUPLICATE_ITEM',
  /** [INF] */
  notFound: 'RESOURCE_NOT_FOUND',
  /** [INF] A key or timestamp that does not match the documented obfuscation. */
  invalidApiKey: 'INVALID_API_KEY',
  /** [INF] */
  unsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  /** [INF] An unknown or expired OneAPI bearer token. */
  invalidToken: 'INVALID_TOKEN',
  /** Named by ZSDK's retry rules [SDK]. */
  unexpected: 'UNEXPECTED_ERROR',
  /** [INF] */
  unavailable: 'SERVICE_UNAVAILABLE',
} as const;

export type ZiaCodeValue = (typeof ZiaCode)[keyof typeof ZiaCode];

/** ZIA's error body: `{"code":"…","message":"…"}` (docs/upstreams/zscaler-zia.md §7). */
export interface ZiaErrorBody {
  code: string;
  message: string;
}

/** A failure a route reports by throwing; the app's error handler renders it as a {@link ZiaErrorBody}. */
export class ZiaProblem extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ZiaCodeValue,
    message: string,
  ) {
    super(message);
    this.name = 'ZiaProblem';
  }
}

export const invalidInput = (message: string) => new ZiaProblem(400, ZiaCode.invalidInput, message);
export const notFound = (what: string) => new ZiaProblem(404, ZiaCode.notFound, `${what} does not exist`);

export function sendZiaError(reply: FastifyReply, status: number, code: ZiaCodeValue, message: string): FastifyReply {
  return reply
    .code(status)
    .type('application/json')
    .send({ code, message } satisfies ZiaErrorBody);
}

/** ZH-ERR: "401 Session is not authenticated or timed out". */
export const SESSION_NOT_VALID_MESSAGE = 'Session is not authenticated or timed out';

/**
 * The reply to a department or group write through the legacy API ("accessible via Zscaler OneAPI only", ZH-UM): a
 * non-JSON body containing "only through Zscaler OneAPI", which ZSDK detects (docs/upstreams/zscaler-zia.md §4 [SDK]). Its status and
 * exact wording are undocumented [INF].
 */
export function sendOneApiOnly(reply: FastifyReply, status: number): FastifyReply {
  return reply
    .code(status)
    .type('text/plain; charset=utf-8')
    .send('This API endpoint is accessible only through Zscaler OneAPI. See https://help.zscaler.com/oneapi');
}
