const REDACTED = '[redacted]';
/** Shorter values (e.g. `Bearer`) are too common to be secrets and would mangle messages. */
const MIN_SECRET_LENGTH = 6;

/**
 * Removes every occurrence of the given secret values from a message. A belt-and-braces guard for text that came from
 * an upstream (an error page or `error_description` may echo what it was sent).
 */
export const redactSecrets = (message: string, secrets: Iterable<string>): string => {
  let out = message;
  for (const secret of secrets) {
    if (secret.length >= MIN_SECRET_LENGTH) out = out.split(secret).join(REDACTED);
  }
  return out;
};

/** The secret parts of credential headers: the whole value and, for `Scheme value` forms, the value alone. */
export const secretsOfHeaders = (headers: Record<string, string>): string[] =>
  Object.values(headers).flatMap((value) => {
    const parts = [value];
    const space = value.indexOf(' ');
    if (space > 0) parts.push(value.slice(space + 1));
    for (const pair of value.split(';')) {
      const eq = pair.indexOf('=');
      if (eq > 0) parts.push(pair.slice(eq + 1).trim());
    }
    return parts;
  });
