import { pino, type Logger } from 'pino';

/**
 * A logger that keeps the bridge's error lines in memory, so a property that meets a 5xx can show the stack the
 * error handler logged behind the `Internal error; reference <id>` the client saw.
 */
export interface ErrorLog {
  logger: Logger;
  /** The logged stack (or message) of the error with this reference id, or of the last error logged. */
  stackFor(errorId: string | undefined): string;
}

export function createErrorLog(): ErrorLog {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return {
    logger,
    stackFor(errorId) {
      const line = [...lines].reverse().find((l) => errorId === undefined || l.errorId === errorId) ?? lines.at(-1);
      const err = line?.err as { stack?: string; message?: string } | undefined;
      return err?.stack ?? err?.message ?? '(nothing logged)';
    },
  };
}
