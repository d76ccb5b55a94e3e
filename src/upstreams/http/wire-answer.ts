import type { z } from 'zod';
import { UpstreamError } from '../upstream-error.js';
import { redactSecretFields, redactSecrets } from './redact.js';
import type { UpstreamResponse } from './upstream-request.js';

/** How much of an unreadable body reaches the log: enough to recognise a login page or a proxy's error. */
export const EXCERPT_CHARS = 300;
/** Redaction looks this far into the body, so a secret that starts inside the excerpt is caught whole. */
const REDACTION_WINDOW = 4_000;

/** Where an answer came from, and what must never be quoted from it. */
export interface AnswerSource {
  upstream: string;
  /** Method and path template, e.g. `GET /v1/users/{id}`. */
  call: string;
  /** Credential values the request carried (an echo of one is redacted). */
  secrets: readonly string[];
}

/** The start of a body, on one line, credentials redacted: what the log shows of an answer that could not be read. */
export function answerExcerpt(text: string, secrets: readonly string[]): string {
  const redacted = redactSecretFields(redactSecrets(text.slice(0, REDACTION_WINDOW), secrets));
  const oneLine = redacted.replace(/\s+/g, ' ').trim();
  return oneLine.length > EXCERPT_CHARS ? `${oneLine.slice(0, EXCERPT_CHARS)}…` : oneLine;
}

const pathOf = (path: readonly PropertyKey[]): string =>
  path.length === 0 ? 'the body' : path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');

/** The first problem zod found (path and expected type; zod's messages name types, never the values read). */
const describeIssues = (issues: readonly z.core.$ZodIssue[]): string => {
  const [first] = issues;
  if (!first) return 'not in the documented format';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return `${pathOf(first.path)}: ${first.message}${more}`;
};

const notJsonReason = (text: string): string => {
  const start = text.trimStart();
  if (/^<(!doctype|html|\?xml|head|body)/i.test(start)) return 'an HTML page, not JSON';
  if (start.startsWith('{') || start.startsWith('[')) return 'JSON that does not parse (cut off?)';
  return 'not JSON';
};

/** The `malformed` error for an answer that could not be read, carrying its redacted excerpt for the log. */
export function unreadableAnswer(source: AnswerSource, response: Pick<UpstreamResponse, 'status' | 'text'>, reason: string): UpstreamError {
  const message = `${source.upstream} ${source.call} answered HTTP ${response.status} with a body that could not be read: ${reason}`;
  return new UpstreamError('malformed', source.upstream, message, {
    status: response.status,
    answer: { call: source.call, reason, excerpt: answerExcerpt(response.text, source.secrets) },
  });
}

/**
 * The body of an accepted answer, checked against the upstream's wire format. A body that is not JSON (an HTML page
 * with 200, a cut-off answer) or that the schema refuses (a missing id, a field of the wrong type) fails as
 * `malformed`, so an adapter never works on a shape the upstream does not document. An empty body is checked as
 * `undefined`: the schema says whether the call may answer nothing.
 */
export function readAnswer<S extends z.ZodType>(schema: S, response: UpstreamResponse, source: AnswerSource): z.output<S> {
  if (response.body === undefined && response.text.trim() !== '') throw unreadableAnswer(source, response, notJsonReason(response.text));
  const parsed = schema.safeParse(response.body);
  if (!parsed.success) throw unreadableAnswer(source, response, describeIssues(parsed.error.issues));
  return parsed.data;
}
