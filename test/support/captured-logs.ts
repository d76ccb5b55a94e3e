import { Writable } from 'node:stream';
import type { Logger } from 'pino';
import { createLogger } from '../../src/logging.js';

/** One JSON log line as pino wrote it. */
export type LogLine = Record<string, unknown> & { msg?: string; reqId?: string; level?: number };

/** The bridge's logger (secrets redacted as configured) writing into memory, so a test can read every line. */
export function captureLogs(level = 'trace') {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(
        ...chunk
          .toString('utf8')
          .split('\n')
          .filter((l) => l.trim() !== ''),
      );
      done();
    },
  });
  const logger: Logger = createLogger(level, stream);
  return {
    logger,
    text: () => lines.join('\n'),
    lines: (): LogLine[] => lines.map((l) => JSON.parse(l) as LogLine),
    /** The lines logged while handling the request with this `X-Request-Id`. */
    of: (requestId: string): LogLine[] => lines.map((l) => JSON.parse(l) as LogLine).filter((l) => l.reqId === requestId),
  };
}
