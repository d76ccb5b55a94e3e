import { z } from 'zod';

/**
 * Console edits: what an administrator changes by hand in the vendor's web console, outside any API. Every simulator
 * offers them in-process (`consoleEdit…` on its handle) and at `PATCH /__sim/users/:id` (never recorded in the call
 * log: the bridge did not make them), so a test can play the admin who edits a tenant behind the bridge's back.
 */

/** A console edit the simulator refuses; `statusCode` is what the control surface answers (with `{error}`). */
export class ConsoleEditError extends Error {
  constructor(
    readonly statusCode: 400 | 404 | 409,
    message: string,
  ) {
    super(message);
    this.name = 'ConsoleEditError';
  }
}

/** Validate an edit against its schema; an empty edit is refused too (a console has nothing to save). */
export function parseConsoleEdit<S extends z.ZodType<Record<string, unknown>>>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (!result.success) throw new ConsoleEditError(400, z.prettifyError(result.error));
  if (Object.keys(result.data).length === 0) throw new ConsoleEditError(400, 'the edit changes nothing: send at least one field');
  return result.data;
}

/** `null` in an edit clears an optional field: drop the key from `record`; any other value replaces it. */
export function applyEdit<T extends object>(record: T, edit: Record<string, unknown>): T {
  const next = { ...record } as Record<string, unknown>;
  for (const [key, value] of Object.entries(edit)) {
    if (value === undefined) continue;
    if (value === null) delete next[key];
    else next[key] = value;
  }
  return next as T;
}
