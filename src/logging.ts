import { pino, type DestinationStream, type Logger } from 'pino';

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

/** The bridge's JSON logger. Redaction is configured here, once, for every entry point (CLI, tests). */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}
