import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ActivationLedger } from './activation.js';
import type { BehaviourSwitches } from './behaviour.js';
import { ZiaCode, invalidInput, sendZiaError } from './errors.js';
import { obfuscateApiKey } from './obfuscate-api-key.js';
import type { ResolvedOptions } from './options.js';
import { liveSessionOf, sendSessionNotValid } from './session-auth.js';
import type { ZiaSessionStore } from './session-store.js';

export interface SessionRouteOptions {
  options: ResolvedOptions;
  sessions: ZiaSessionStore;
  behaviour: BehaviourSwitches;
  ledger: ActivationLedger;
}

function loginFields(body: unknown): { apiKey: string; username: string; password: string; timestamp: string } {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  for (const key of ['apiKey', 'username', 'password', 'timestamp']) {
    if (b[key] === undefined || b[key] === null || b[key] === '') throw invalidInput(`${key} is required`);
  }
  // ZH-GS documents a string ("A string that contains a long value"); some guides send a number: both are read [INF].
  const timestamp = typeof b.timestamp === 'number' ? String(b.timestamp) : b.timestamp;
  if (typeof timestamp !== 'string' || !/^\d{6,}$/.test(timestamp)) throw invalidInput('timestamp must be epoch milliseconds');
  if (typeof b.apiKey !== 'string' || typeof b.username !== 'string' || typeof b.password !== 'string') {
    throw invalidInput('apiKey, username and password must be strings');
  }
  return { apiKey: b.apiKey, username: b.username, password: b.password, timestamp };
}

/**
 * `/authenticatedSession` (ZH-GS, ZH-AUTH; docs/upstreams/zscaler-zia.md §3). POST checks the obfuscated key against the stored raw key
 * and the request's own `timestamp` (docs/upstreams/zscaler-zia.md §2), which must be "within a two-hour range of Zscaler's measured epoch time",
 * then the admin's username and password; it answers the SessionInfo and sets `JSESSIONID`. GET reports `authType`
 * only while the session lives. DELETE logs out, which activates pending changes (ZH-GS).
 */
export async function sessionRoutes(app: FastifyInstance, route: SessionRouteOptions): Promise<void> {
  const { options, sessions, behaviour, ledger } = route;
  const sessionInfo = () => ({
    authType: 'ADMIN_LOGIN',
    obfuscateApiKey: true,
    passwordExpiryTime: options.passwordExpiryTime,
    passwordExpiryDays: options.passwordExpiryDays,
  });
  const badCredentials = (reply: FastifyReply) => sendZiaError(reply, 400, ZiaCode.invalidCredentials, 'Invalid email or password');

  app.post('/authenticatedSession', async (request, reply) => {
    const login = loginFields(request.body);
    const skewMs = Math.abs(options.now() - Number(login.timestamp));
    if (login.apiKey !== obfuscateApiKey(options.apiKey, login.timestamp) || skewMs > options.timestampToleranceSeconds * 1000) {
      const status = behaviour.get().badApiKeyStatus;
      if (status === 400) return badCredentials(reply);
      return sendZiaError(reply, status, ZiaCode.invalidApiKey, 'The API key is invalid or the timestamp is out of range');
    }
    // ZH-GS calls the username the "email ID of the API admin"; compared case-insensitively [INF].
    if (login.username.toLowerCase() !== options.username.toLowerCase() || login.password !== options.password) {
      return badCredentials(reply);
    }
    ledger.noteActivity();
    reply.header('set-cookie', `JSESSIONID=${sessions.create()}; Path=/; Secure; HttpOnly`);
    return sessionInfo();
  });

  /** ZH-AUTH: "If authType is not present, the authenticated session has expired or it does not exist" (200 `{}` [INF]). */
  app.get('/authenticatedSession', async (request) => {
    if (liveSessionOf(request, sessions) === undefined) return {};
    ledger.noteActivity();
    return sessionInfo();
  });

  app.delete('/authenticatedSession', async (request, reply) => {
    const id = liveSessionOf(request, sessions);
    if (id === undefined) return sendSessionNotValid(reply);
    ledger.noteActivity();
    sessions.end(id);
    if (behaviour.get().activateOnLogout && ledger.status() === 'PENDING') ledger.activate('logout');
    // ZH-AUTH gives the logout response the ActivationStatus schema.
    return { status: ledger.status() };
  });
}
