import type { LightMyRequestResponse } from 'fastify';
import { createZscalerZiaSimulator, obfuscateApiKey } from '../src/zscaler-zia/index.js';
import type { ZscalerZiaSimulator, ZscalerZiaSimulatorOptions } from '../src/zscaler-zia/index.js';

/** A clock the test moves by hand, so sessions, budgets and idle activation need no waiting. */
export function fakeClock(start = Date.parse('2026-03-01T09:00:00.000Z')) {
  let at = start;
  return { now: () => at, advance: (ms: number) => void (at += ms) };
}

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** The login body a correct client sends at `timestamp` (ZH-GS), with `overrides`. */
export function loginBody(sim: ZscalerZiaSimulator, timestamp: number, overrides: Record<string, unknown> = {}) {
  const ts = String(timestamp);
  return { apiKey: obfuscateApiKey(sim.apiKey, ts), username: sim.username, password: sim.password, timestamp: ts, ...overrides };
}

/** The `JSESSIONID` a response set, if any. */
export function sessionCookie(res: LightMyRequestResponse): string | undefined {
  const header = res.headers['set-cookie'];
  const value = Array.isArray(header) ? header[0] : header;
  return /^JSESSIONID=([^;]+)/.exec(value ?? '')?.[1];
}

/**
 * A simulator on a hand-moved clock, with budgets off unless `options.behaviour` says otherwise (so specification
 * tests can send many requests at one instant), a `login()` over HTTP, and `call`, which sends the session cookie and
 * JSON bodies to `/api/v1`.
 */
export function zia(options: ZscalerZiaSimulatorOptions = {}) {
  const clock = fakeClock();
  const sim = createZscalerZiaSimulator({ now: clock.now, ...options, behaviour: { rateLimits: false, ...options.behaviour } });
  let cookie = `JSESSIONID=${sim.issueSession()}`;
  const call = (method: Method, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    sim.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { cookie, ...headers },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const login = async () => {
    const res = await sim.app.inject({ method: 'POST', url: '/api/v1/authenticatedSession', payload: loginBody(sim, clock.now()) });
    cookie = `JSESSIONID=${sessionCookie(res) ?? ''}`;
    return res;
  };
  const department = (name: string) => sim.departments().find((d) => d.name === name)?.id as number;
  const group = (name: string) => sim.groups().find((g) => g.name === name)?.id as number;
  /** A valid POST /users body: Engineering, in group Engineering. */
  const newUser = (overrides: Record<string, unknown> = {}) => ({
    name: 'John Smith',
    email: 'john.smith@example.com',
    password: 'Str0ng!Pass',
    department: { id: department('Engineering') },
    groups: [{ id: group('Engineering') }],
    ...overrides,
  });
  const createUser = async (overrides: Record<string, unknown> = {}) => {
    const res = await call('POST', '/users', newUser(overrides));
    if (res.statusCode !== 200) throw new Error(`create failed: ${res.statusCode} ${res.body}`);
    return res.json() as { id: number } & Record<string, unknown>;
  };
  return { sim, clock, call, login, department, group, newUser, createUser };
}
