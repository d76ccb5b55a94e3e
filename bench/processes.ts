import { fork, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServerReady, ServerSpec } from './server-process.js';

/**
 * The bench's processes talk over Node's IPC channel with plain messages. A child sends `ready` once its servers
 * listen (or `failed`), answers `cpu` with its CPU time so far, and on `close` closes every server and exits.
 */
export type ParentMessage<Start> = { type: 'start'; start: Start } | { type: 'cpu' } | { type: 'close' };
export type ChildMessage<Ready> = { type: 'ready'; ready: Ready } | { type: 'failed'; message: string } | { type: 'cpu'; micros: number };

/** The bench bridges' tenant, and the bare route's path (constants here: importing server-process.ts would make a process a child). */
export const TENANT = 'bench';
export const BARE_PATH = '/ceiling';

/** Seeding and reconciling 10,000 users takes seconds; a child silent for this long is stuck. */
const START_TIMEOUT_MS = 300_000;

export interface RunningChild<Ready> {
  ready: Ready;
  /** CPU time (user + system) the child has used so far, in microseconds. */
  cpuMicros(): Promise<number>;
  /** Ask the child to close its servers; kill it if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

function nextMessage<Ready>(child: ChildProcess, type: ChildMessage<Ready>['type'], timeoutMs: number): Promise<ChildMessage<Ready>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`no "${type}" from the child within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    const onMessage = (m: ChildMessage<Ready>) => {
      if (m.type !== type && m.type !== 'failed') return;
      cleanup();
      if (m.type === 'failed') reject(new Error(m.message));
      else resolve(m);
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`child exited (code ${code}) before sending "${type}"`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

/**
 * A module at `path` relative to `from` (an `import.meta.url`), with the caller's own extension: `.js` when the bench
 * runs compiled (`npm run bench`), `.ts` when it runs under tsx (whose loader the children inherit through
 * `process.execArgv`).
 */
export const moduleBeside = (path: string, from: string): URL => new URL(`${path}${extname(new URL(from).pathname)}`, from);

/** Fork bench/server-process in its own Node process, send it `start`, and wait for `ready`. */
async function startChild<Start, Ready>(start: Start, extraExecArgv: readonly string[] = []): Promise<RunningChild<Ready>> {
  const child = fork(moduleBeside('./server-process', import.meta.url), [], {
    execArgv: [...process.execArgv, ...extraExecArgv],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  // With a callback, a closed channel is reported there instead of as an unhandled 'error' event.
  const send = (m: ParentMessage<Start>) => {
    if (child.connected) child.send(m, () => undefined);
  };
  child.on('error', () => undefined);
  const readyMessage = nextMessage<Ready>(child, 'ready', START_TIMEOUT_MS);
  send({ type: 'start', start });
  const m = await readyMessage.catch((e: unknown) => {
    child.kill();
    throw e;
  });
  if (m.type !== 'ready') throw new Error(`unexpected message ${m.type}`);
  return {
    ready: m.ready,
    async cpuMicros() {
      const reply = nextMessage<Ready>(child, 'cpu', 10_000);
      send({ type: 'cpu' });
      const r = await reply;
      return r.type === 'cpu' ? r.micros : Number.NaN;
    },
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      send({ type: 'close' });
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Start servers ({@link ServerSpec}) together in one new process; `ready` holds what each reports, in order. */
export const startServers = (specs: ServerSpec[], extraExecArgv: readonly string[] = []): Promise<RunningChild<ServerReady[]>> =>
  startChild(specs, extraExecArgv);

/**
 * The child's side: run `start` on the parent's `start` message, report CPU time on request, and run `close` then
 * leave the IPC channel on `close`, so the process exits by itself (and a `--cpu-prof` profile gets written).
 */
export function serveChild<Start, Ready>(start: (s: Start) => Promise<Ready>, closeServers: () => Promise<void>): void {
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= closeServers());
  const send = (m: ChildMessage<Ready>) => process.send?.(m);
  // Ctrl-C reaches the whole process group; the parent decides when servers close (it sends `close`).
  process.on('SIGINT', () => undefined);
  process.on('message', (m: ParentMessage<Start>) => {
    if (m.type === 'start') {
      start(m.start).then(
        (ready) => send({ type: 'ready', ready }),
        (e: unknown) => send({ type: 'failed', message: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
      );
    } else if (m.type === 'cpu') {
      const { user, system } = process.cpuUsage();
      send({ type: 'cpu', micros: user + system });
    } else {
      close().finally(() => process.disconnect());
    }
  });
  // An orphaned child (the parent crashed) must not keep its servers open.
  process.on('disconnect', () => {
    void close();
  });
}

/**
 * `scim-bridge serve --config <path>` in a process of its own, as an operator runs it (the compiled CLI under
 * `npm run bench`); resolves once `readyUrl` answers 200, with the seconds from spawning until then.
 */
export async function spawnServe(configPath: string, readyUrl: string, timeoutMs = 120_000): Promise<{ child: ChildProcess; seconds: number }> {
  const started = performance.now();
  const cli = fileURLToPath(moduleBeside('../src/cli', import.meta.url));
  const child = spawn(process.execPath, [...process.execArgv, cli, 'serve', '--config', configPath], { stdio: ['ignore', 'ignore', 'inherit'] });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`serve exited with ${child.exitCode} before it was ready`);
    const ok = await fetch(readyUrl).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return { child, seconds: (performance.now() - started) / 1000 };
    if (Date.now() > deadline) {
      child.kill();
      throw new Error('serve was not ready in time');
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Stop a process started by {@link spawnServe} and wait for it to exit. */
export async function stopServe(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

/** What one run of a CLI command cost: its exit code and output, wall time, and its own peak memory and CPU time. */
export interface CliRun {
  code: number | null;
  stdout: string;
  seconds: number;
  /** `VmHWM` (the resident set's high-water mark) last read before the process exited. */
  peakRssMb: number;
  /** user + system CPU time of the process, last read before it exited. */
  cpuSeconds: number;
}

/** Ticks per second of /proc/<pid>/stat (USER_HZ: 100 on every Linux build the bench is likely to meet). */
const USER_HZ = 100;

/**
 * `scim-bridge <args>` in a process of its own, as an operator runs it (the compiled CLI under `npm run bench`), to its
 * exit. Its memory and CPU time are read from /proc every `pollMs` while it runs (NaN elsewhere than Linux).
 */
export async function runCli(args: readonly string[], extraExecArgv: readonly string[] = [], pollMs = 20): Promise<CliRun> {
  const started = performance.now();
  const cli = fileURLToPath(moduleBeside('../src/cli', import.meta.url));
  const child = spawn(process.execPath, [...process.execArgv, ...extraExecArgv, cli, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  let peakRssMb = Number.NaN;
  let cpuSeconds = Number.NaN;
  const sample = () => {
    try {
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (hwm) peakRssMb = Number(hwm[1]) / 1024;
      const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      cpuSeconds = (Number(rest[11]) + Number(rest[12])) / USER_HZ;
    } catch {
      // Exited between two samples, or not Linux: the last reading stands.
    }
  };
  const timer = setInterval(sample, pollMs);
  sample();
  const [code] = (await once(child, 'exit')) as [number | null];
  clearInterval(timer);
  return { code, stdout, seconds: (performance.now() - started) / 1000, peakRssMb, cpuSeconds };
}
