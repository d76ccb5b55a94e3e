import { fork } from 'node:child_process';
import { once } from 'node:events';

export interface BridgeProcess {
  url: string;
  /** Every tenant's reconcile, run now in that process. */
  reconcile(): Promise<void>;
  stop(): Promise<void>;
  /**
   * `kill -9`: the process dies at once, finishing nothing (no close, no flush; its PostgreSQL sessions, and their
   * locks, end with it): only what reached the store and the upstream survives.
   */
  kill(): Promise<void>;
}

type Reply = { type: string; url?: string; message?: string };

/** Start a bridge with `config` (what `parseConfig` reads) in a child Node process; resolves once it listens. */
export async function startBridgeProcess(config: unknown): Promise<BridgeProcess> {
  const child = fork(new URL('./bridge-process.ts', import.meta.url), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = new Promise<string>((resolve, reject) => {
    child.on('message', (m: Reply) => {
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
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  return {
    url,
    reconcile: () =>
      new Promise<void>((resolve, reject) => {
        const onMessage = (m: Reply) => {
          if (m.type !== 'reconciled' && m.type !== 'reconcile-failed') return;
          child.off('message', onMessage);
          if (m.type === 'reconciled') resolve();
          else reject(new Error(m.message));
        };
        child.on('message', onMessage);
        child.send({ type: 'reconcile' });
      }),
    async kill() {
      if (exited()) return;
      const gone = once(child, 'exit');
      child.kill('SIGKILL');
      await gone;
    },
    async stop() {
      if (exited()) return;
      const gone = once(child, 'exit');
      if (child.connected) child.send({ type: 'close' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await gone;
      clearTimeout(timer);
    },
  };
}
