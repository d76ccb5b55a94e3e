import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_NOT_VALID_MESSAGE, ZiaCode, sendZiaError } from './errors.js';
import type { ZiaSessionStore } from './session-store.js';

/**
 * The session ids a request presents: the `JSESSIONID` cookie (ZH-GS "must be used in subsequent requests") and the
 * `JSessionID` header ZSDK sends beside its cookie jar (docs/upstreams/zscaler-zia.md §3 [SDK]).
 */
export function presentedSessionIds(request: FastifyRequest): string[] {
  const ids: string[] = [];
  for (const pair of (request.headers.cookie ?? '').split(';')) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).trim() === 'JSESSIONID') ids.push(pair.slice(eq + 1).trim());
  }
  const header = request.headers.jsessionid;
  if (typeof header === 'string' && header !== '') ids.push(header.trim());
  return ids;
}

/** The first live session among those presented (using it, which restarts its idle time). */
export function liveSessionOf(request: FastifyRequest, sessions: ZiaSessionStore): string | undefined {
  return presentedSessionIds(request).find((id) => sessions.use(id));
}

export function sendSessionNotValid(reply: FastifyReply): FastifyReply {
  return sendZiaError(reply, 401, ZiaCode.sessionNotValid, SESSION_NOT_VALID_MESSAGE);
}

/**
 * `onRequest` hook of the legacy API scope: without a live session, 401 `SESSION_NOT_VALID` (ZH-GS: "a 401 error
 * (SESSION_NOT_VALID), which indicates that the authenticated session has expired or it does not exist").
 * `onAuthenticated` hears of every authenticated request (the admin's activity, for idle auto-activation).
 */
export function requireSession(sessions: ZiaSessionStore, onAuthenticated: () => void) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    if (liveSessionOf(request, sessions) === undefined) return sendSessionNotValid(reply);
    onAuthenticated();
    return undefined;
  };
}
