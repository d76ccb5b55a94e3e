import { createHash, randomBytes } from 'node:crypto';

/** A signed-in operator: the admin credential's label (never the token) and the session's CSRF token. */
export interface ConsoleSession {
  label: string;
  /** The synchronizer token every POST form of this session carries. */
  csrfToken: string;
  createdAt: number;
  lastSeenAt: number;
}

export interface SessionPolicy {
  /** A session unused this long is gone (default 8 h). */
  idleMs: number;
  /** A session is gone this long after sign-in, however busy (default 24 h). */
  absoluteMs: number;
  /** Sessions kept at most; the least recently used goes first (default 1000). */
  maxSessions: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMs: 8 * 3600_000, absoluteMs: 24 * 3600_000, maxSessions: 1000 };

export interface SessionStore {
  /** A new session and the id for its cookie (32 random bytes). */
  create(label: string): { id: string; session: ConsoleSession };
  /** The live session for a cookie's id, its idle clock restarted; `undefined` when unknown or expired. */
  get(id: string | undefined): ConsoleSession | undefined;
  destroy(id: string | undefined): void;
}

export const randomToken = (): string => randomBytes(32).toString('base64url');

/** Sessions are found by the hash of their id, so the map never holds a value that would open a session. */
const keyOf = (id: string): string => createHash('sha256').update(id).digest('base64url');

/**
 * Console sessions in this process's memory. With several replicas behind one load balancer a session lives on the
 * replica that signed it in (sticky sessions, or sign in again); a restart signs everyone out. Both are acceptable for
 * an operator console and keep session ids out of the shared store.
 */
export function createSessionStore(now: () => number = Date.now, policy: SessionPolicy = DEFAULT_SESSION_POLICY): SessionStore {
  const sessions = new Map<string, ConsoleSession>();
  const expired = (s: ConsoleSession, t: number) => t - s.lastSeenAt >= policy.idleMs || t - s.createdAt >= policy.absoluteMs;
  return {
    create(label) {
      const t = now();
      for (const [key, s] of sessions) if (expired(s, t)) sessions.delete(key);
      // Map order is insertion order and `get` re-inserts, so the first key is the least recently used.
      while (sessions.size >= policy.maxSessions) sessions.delete(sessions.keys().next().value as string);
      const id = randomToken();
      const session: ConsoleSession = { label, csrfToken: randomToken(), createdAt: t, lastSeenAt: t };
      sessions.set(keyOf(id), session);
      return { id, session };
    },
    get(id) {
      if (id === undefined || id === '') return undefined;
      const key = keyOf(id);
      const session = sessions.get(key);
      if (!session) return undefined;
      const t = now();
      sessions.delete(key);
      if (expired(session, t)) return undefined;
      session.lastSeenAt = t;
      sessions.set(key, session);
      return session;
    },
    destroy(id) {
      if (id) sessions.delete(keyOf(id));
    },
  };
}
