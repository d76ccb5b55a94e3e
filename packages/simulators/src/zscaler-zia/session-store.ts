import { randomBytes } from 'node:crypto';

interface Session {
  createdAt: number;
  lastUsedAt: number;
}

/** How long a `JSESSIONID` lives. */
export interface SessionLifetime {
  /** Since the last request made with it. */
  idleSeconds: number;
  /** Since login, however busy the session. */
  maxAgeSeconds: number;
}

/**
 * The admin API sessions ZIA hands out as `JSESSIONID` cookies (ZH-GS: "By default, the JSESSIONID expires in 5
 * minutes, or when you explicitly log out"), read against an injectable clock. Whether the 5 minutes count from login
 * or from the last call is not documented, so both limits exist and both default to 5 minutes [INF]. An expired
 * session is forgotten, so the answer never changes back.
 */
export class ZiaSessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly now: () => number,
    private readonly lifetime: SessionLifetime,
  ) {}

  /** A new session id: 32 upper-case hex characters, like the documented `B875640E5EB2DA2C20CF191AE21F91B1`. */
  create(): string {
    const id = randomBytes(16).toString('hex').toUpperCase();
    const at = this.now();
    this.sessions.set(id, { createdAt: at, lastUsedAt: at });
    return id;
  }

  /** Live, and now used once more (which restarts its idle time); an expired session is forgotten. */
  use(id: string): boolean {
    const session = this.sessions.get(id);
    if (!session) return false;
    const at = this.now();
    const idle = at - session.lastUsedAt >= this.lifetime.idleSeconds * 1000;
    const old = at - session.createdAt >= this.lifetime.maxAgeSeconds * 1000;
    if (idle || old) {
      this.sessions.delete(id);
      return false;
    }
    session.lastUsedAt = at;
    return true;
  }

  /** Log out; false when the session was not live. */
  end(id: string): boolean {
    return this.use(id) && this.sessions.delete(id);
  }

  expireAll(): void {
    this.sessions.clear();
  }

  /** Sessions that have not expired yet. */
  liveCount(): number {
    const at = this.now();
    return [...this.sessions.values()].filter(
      (s) => at - s.lastUsedAt < this.lifetime.idleSeconds * 1000 && at - s.createdAt < this.lifetime.maxAgeSeconds * 1000,
    ).length;
  }
}
