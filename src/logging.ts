import { pino, stdSerializers, type DestinationStream, type Logger } from 'pino';
import { redactUrlCredentials } from './upstreams/http/redact.js';

/** Log paths whose values never reach a log line: credentials in headers, in either direction. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  '*.clientSecret',
  '*.password',
];

/** How deep an error's own members are searched for URLs (causes nest; a cycle must not loop). */
const MAX_ERROR_DEPTH = 6;

/**
 * Every string an error carries (message, stack, and members such as Node's `input` of an invalid URL or a socket
 * error's `address`) with URL credentials redacted: a driver that fails on a malformed `REDIS_URL` quotes it whole.
 */
function redactErrorUrls(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactUrlCredentials(value);
  if (depth >= MAX_ERROR_DEPTH || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((v) => redactErrorUrls(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactErrorUrls(v, depth + 1)]));
}

/** pino's error serializer, then {@link redactErrorUrls}. */
export const serializeError = (err: unknown): unknown => redactErrorUrls(err instanceof Error ? stdSerializers.err(err) : err);

/** The bridge's JSON logger. Redaction is configured here, once, for every entry point (CLI, tests). */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, serializers: { err: serializeError } };
  return destination ? pino(options, destination) : pino(options);
}
