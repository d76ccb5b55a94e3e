import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { captureLogs } from '../support/captured-logs.js';
import { startZuoraRestHarness, TOKEN, user, type Harness } from '../support/zuora-rest-harness.js';

/*
 * Issue 11: with Fastify's defaults (no request or socket timeout) 21,000 clients trickling their bodies exhausted the
 * process's file descriptors. The bridge now cuts a client that is too slow to send its headers or its body with a
 * SCIM 408 and one log line, closes an idle keep-alive connection, and closes at once a connection it answered before
 * the body came (a 401). Small timeouts here; the defaults are in the README.
 */

const TIMEOUTS = { headersMs: 200, requestMs: 400, keepAliveMs: 300, idleSocketMs: 5_000 };
/** Node checks the timeouts on a timer (a quarter of the shorter here) and adds a second to the keep-alive one. */
const SLACK_MS = 1_200;

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

interface Outcome {
  /** Milliseconds from connecting to the server closing the connection. */
  closedAfterMs: number;
  /** Everything the server sent. */
  received: string;
}

/** Connect, let `behave` talk, and resolve when the server closes the connection (or after 10 s, as a failure). */
function client(port: number, behave: (socket: Socket) => void): Promise<Outcome> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = connect(port, '127.0.0.1');
    let received = '';
    const giveUp = setTimeout(() => socket.destroy(), 10_000);
    socket.on('data', (d) => (received += d.toString('utf8')));
    socket.on('connect', () => behave(socket));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(giveUp);
      resolve({ closedAfterMs: performance.now() - started, received });
    });
  });
}

/** Send `text` one character every `everyMs`, until it is all sent or the connection is gone. */
function trickle(socket: Socket, text: string, everyMs: number): void {
  let i = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || i >= text.length) return clearInterval(timer);
    socket.write(text[i++] as string);
  }, everyMs);
}

async function listening(logs = captureLogs('info')) {
  h = await startZuoraRestHarness({ logger: logs.logger, server: { timeouts: TIMEOUTS } });
  const address = await h.bridge.app.listen({ port: 0, host: '127.0.0.1' });
  return { port: Number(new URL(address).port), logs };
}

const statusOf = (received: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1]);
const bodyOf = (received: string) => JSON.parse(received.slice(received.indexOf('\r\n\r\n') + 4)) as Record<string, unknown>;

describe('slow clients are cut at the configured timeouts', () => {
  it('30 clients trickling their bodies each get a SCIM 408 at the request timeout, while others are served', async () => {
    const { port, logs } = await listening();
    const body = JSON.stringify(user('slow.body'));
    const head = `POST /scim/v2/Users HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Type: application/scim+json\r\nContent-Length: ${body.length}\r\n\r\n`;
    const slow = Array.from({ length: 30 }, () =>
      client(port, (s) => {
        s.write(head);
        trickle(s, body, 50);
      }),
    );
    // Meanwhile the bridge answers everyone else at once.
    const health = await client(port, (s) => s.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'));
    expect(statusOf(health.received)).toBe(200);
    expect(health.closedAfterMs).toBeLessThan(TIMEOUTS.requestMs);

    for (const outcome of await Promise.all(slow)) {
      expect(statusOf(outcome.received)).toBe(408);
      expect(outcome.received).toContain('Content-Type: application/scim+json');
      expect(bodyOf(outcome.received)).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '408' });
      expect(outcome.closedAfterMs).toBeGreaterThanOrEqual(TIMEOUTS.requestMs - 50);
      expect(outcome.closedAfterMs).toBeLessThan(TIMEOUTS.requestMs + SLACK_MS);
    }
    // One `request refused` line per client cut, naming the request it was reading.
    const cut = logs.lines().filter((l) => l.status === 408);
    expect(cut).toHaveLength(30);
    expect(cut[0]).toMatchObject({
      level: 30,
      msg: expect.stringMatching(/^request refused: /),
      method: 'POST',
      path: '/scim/v2/Users',
      reason: 'ERR_HTTP_REQUEST_TIMEOUT',
    });
    expect(logs.text()).not.toContain(TOKEN);
  });

  it('a client that sends nothing, or its headers too slowly, gets a 408 at the headers timeout', async () => {
    const { port, logs } = await listening();
    const silent = client(port, () => undefined);
    const slowHeaders = client(port, (s) => trickle(s, 'GET /scim/v2/Users HTTP/1.1\r\nHost: x\r\nX-Padding: 0123456789\r\n\r\n', 40));
    for (const outcome of await Promise.all([silent, slowHeaders])) {
      expect(statusOf(outcome.received)).toBe(408);
      expect(outcome.closedAfterMs).toBeGreaterThanOrEqual(TIMEOUTS.headersMs - 50);
      expect(outcome.closedAfterMs).toBeLessThan(TIMEOUTS.headersMs + SLACK_MS);
    }
    expect(logs.lines().filter((l) => l.status === 408)).toHaveLength(2);
  });

  it('a client refused before its body came (401) is disconnected at once, with the 401 its only line', async () => {
    const { port, logs } = await listening();
    const body = JSON.stringify(user('no.token'));
    const outcome = await client(port, (s) => {
      s.write(`POST /scim/v2/Users HTTP/1.1\r\nHost: x\r\nContent-Type: application/scim+json\r\nContent-Length: ${body.length}\r\n\r\n`);
      trickle(s, body, 50);
    });
    expect(statusOf(outcome.received)).toBe(401);
    expect(outcome.received).toMatch(/\r\nConnection: close\r\n/i);
    expect(outcome.closedAfterMs).toBeLessThan(TIMEOUTS.requestMs);
    const lines = logs.lines().filter((l) => typeof l.status === 'number');
    expect(lines.map((l) => l.status)).toEqual([401]);
  });

  it('an idle keep-alive connection is closed after the keep-alive timeout, not before', async () => {
    const { port } = await listening();
    const outcome = await client(port, (s) => s.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n'));
    expect(statusOf(outcome.received)).toBe(200);
    expect(outcome.closedAfterMs).toBeGreaterThanOrEqual(TIMEOUTS.keepAliveMs);
    expect(outcome.closedAfterMs).toBeLessThan(TIMEOUTS.keepAliveMs + SLACK_MS);
  });

  it('a request whose body arrived in time is answered however long the upstream takes', async () => {
    const { port } = await listening();
    h!.sim.faults.failNext(1, { kind: 'latency', ms: TIMEOUTS.requestMs * 2 }, 'POST /v1/users');
    const body = JSON.stringify(user('slow.upstream'));
    const outcome = await client(port, (s) =>
      s.write(
        `POST /scim/v2/Users HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Type: application/scim+json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
      ),
    );
    expect(statusOf(outcome.received)).toBe(201);
    expect(outcome.closedAfterMs).toBeGreaterThanOrEqual(TIMEOUTS.requestMs * 2);
  });
});
