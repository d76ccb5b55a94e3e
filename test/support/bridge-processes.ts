import { fork } from 'node:child_process';
import { once } from 'node:events';

export interface BridgeProcess {
  url: string;
  stop(): Promise<void>;
  /** `kill -9`: the process dies at once, finishing nothing (its PostgreSQL sessions, and their locks, end with it). */
  kill(): Promise<void>;
}

/** Start a bridge with `config` (what `parseConfig` reads) in a child Node process; resolves once it listens. */
export async function startBridgeProcess(config: unknown): Promise<BridgeProcess> {
  const child = fork(new URL('./bridge-process.ts', import.meta.url), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = new Promise<string>((resolve, reject) => {
    child.on('message', (m: { type: string; url?: string; message?: string }) => {
      if (m.type === 'ready' && m.url) resolve(m.url);
      if (m.type === 'failed') reject(new Error(m.message));
    });
    child.on('exit', (code) => reject(new Error(`bridge process exited (code ${code}) before it listened`)));
  });
  child.send({ type: 'start', config });
  const url = await ready.catch((e: unknown) => {
    child.kill();
    throw e;
  });
  return {
    url,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      if (child.connected) child.send({ type: 'close' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
