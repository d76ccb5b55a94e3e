import { ConfigError, UsageError } from '../config/config-error.js';
import { redactUrlCredentials } from '../upstreams/http/redact.js';
import { SimulatorsMissingError } from '../upstreams/simulator-sandbox.js';
import type { CommandSpec } from './command-spec.js';

/**
 * What the CLI prints when a command stops with an error, and its exit code. Everything an operator can cause or fix
 * is one plain message without a stack: a wrong command line (exit 2, pointing at the help), a configuration that
 * cannot be used (its message already lists every problem), an address that cannot be listened on or reached (exit
 * 1). Anything else is a bug: it says so, and the stack follows for the report (URL credentials redacted, as in logs).
 */
export interface Failure {
  message: string;
  exitCode: 1 | 2;
}

/** The socket errors an operator fixes outside the bridge: another process on the port, a store or upstream down. */
const LISTEN_CODES = new Set(['EADDRINUSE', 'EACCES', 'EADDRNOTAVAIL']);
const CONNECT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

interface SocketError {
  code: string;
  syscall?: string;
  address?: string;
  port?: number;
  hostname?: string;
}

/** The first socket error with one of `codes` in `err`, its `cause` chain, or an AggregateError's `errors`. */
function socketError(err: unknown, codes: ReadonlySet<string>, depth = 0): SocketError | undefined {
  if (depth > 4 || typeof err !== 'object' || err === null) return undefined;
  const e = err as Partial<SocketError> & { cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && codes.has(e.code)) return e as SocketError;
  for (const inner of [e.cause, ...(Array.isArray(e.errors) ? e.errors : [])]) {
    const found = socketError(inner, codes, depth + 1);
    if (found) return found;
  }
  return undefined;
}

const where = (e: SocketError): string => {
  const host = e.address ?? e.hostname ?? 'the address';
  return e.port === undefined ? host : `${host.includes(':') ? `[${host}]` : host}:${e.port}`;
};

/** How to choose another address, in the command's own terms. */
const portSetting = (command: string | undefined): string =>
  command === 'serve' ? 'server.port (or server.host) in the configuration' : command === undefined ? 'another port' : '--port (or --host)';

function listenSentence(e: SocketError, command: string | undefined): string {
  if (e.code === 'EADDRINUSE') {
    return `${where(e)} is already in use: another process (perhaps another scim-bridge) listens there; stop it, or choose another port with ${portSetting(command)}`;
  }
  if (e.code === 'EACCES') return `not permitted to listen on ${where(e)} (ports below 1024 need privileges); choose another port with ${portSetting(command)}`;
  return `cannot listen on ${where(e)}: no such address on this machine; choose another host with ${portSetting(command)}`;
}

const connectSentence = (e: SocketError): string =>
  e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN'
    ? `cannot resolve ${where(e)} (${e.code}): check the host name in the configuration and this machine's DNS`
    : `cannot reach ${where(e)} (${e.code}): check that it is running and that the configuration names the right address`;

export function failureOf(err: unknown, command: CommandSpec | undefined): Failure {
  const name = command?.name;
  const prefix = name === undefined ? 'scim-bridge:' : `scim-bridge ${name}:`;
  /** A message that already names its command (`audit: …`) is not prefixed twice. */
  const own = (message: string) => (name !== undefined && message.startsWith(`${name}: `) ? message.slice(name.length + 2) : message);
  if (err instanceof UsageError) {
    return { message: `${prefix} ${own(err.message)}; see scim-bridge ${name ?? ''}${name ? ' ' : ''}--help`, exitCode: 2 };
  }
  // A production build has no simulators: the command cannot run here, which is what the command line asked for.
  if (err instanceof SimulatorsMissingError) return { message: `${prefix} ${err.message}`, exitCode: 2 };
  if (err instanceof ConfigError) return { message: `${prefix} ${own(err.message)}`, exitCode: 1 };
  const listen = socketError(err, LISTEN_CODES);
  if (listen && (listen.syscall === 'listen' || listen.syscall === 'bind' || listen.code !== 'EACCES')) {
    return { message: `${prefix} ${listenSentence(listen, name)}`, exitCode: 1 };
  }
  const connect = socketError(err, CONNECT_CODES);
  if (connect) return { message: `${prefix} ${connectSentence(connect)}`, exitCode: 1 };
  const detail = err instanceof Error ? (err.stack ?? `${err.name}: ${err.message}`) : String(err);
  return {
    message: `${prefix} unexpected error, probably a bug: please report it with what follows\n${redactUrlCredentials(detail)}`,
    exitCode: 1,
  };
}
