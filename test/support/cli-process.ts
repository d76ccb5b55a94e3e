import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

/** A `scim-bridge` command running as an operator would start it (`tsx src/cli.ts …`), read line by line. */
export interface CliProcess {
  child: ChildProcessWithoutNullStreams;
  /** The next line of standard output that `matches` (default: the next line); rejects if the process ends first. */
  line(matches?: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Every standard-output line so far. */
  lines(): string[];
  /** Standard error so far. */
  stderr(): string;
  /** The exit code, once the process has ended on its own. */
  exitCode(): Promise<number | null>;
  /** SIGTERM, then the exit code (SIGKILL after 10 s). */
  stop(): Promise<number | null>;
}

export function startCli(args: string[], env: Record<string, string> = {}): CliProcess {
  const child = spawn(TSX, ['src/cli.ts', ...args], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'info', ...env } });
  const seen: string[] = [];
  let read = 0;
  let err = '';
  let waiting: (() => void) | undefined;
  child.stderr.on('data', (chunk: Buffer) => void (err += chunk.toString()));
  createInterface({ input: child.stdout }).on('line', (l) => {
    seen.push(l);
    waiting?.();
  });
  const exited = once(child, 'exit');
  let ended = false;
  void exited.then(() => {
    ended = true;
    waiting?.();
  });

  return {
    child,
    async line(matches = () => true, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        while (read < seen.length) {
          const next = seen[read++] as string;
          if (matches(next)) return next;
        }
        if (ended) throw new Error(`process ended (${child.exitCode}) before the line; stdout ${seen.join('\n')}; stderr ${err}`);
        if (Date.now() > deadline) throw new Error(`no such line within ${timeoutMs} ms; stdout ${seen.join('\n')}; stderr ${err}`);
        await new Promise<void>((resolve) => {
          waiting = resolve;
          setTimeout(resolve, 200);
        });
      }
    },
    lines: () => [...seen],
    exitCode: async () => ((await exited) as [number | null])[0],
    stderr: () => err,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const [code] = (await exited) as [number | null];
      clearTimeout(timer);
      return code;
    },
  };
}

/** What `scim-bridge simulator --json` prints on its first line. */
export interface SimulatorAnnouncement {
  baseUrl: string;
  controlUrl: string;
  upstream: Record<string, unknown>;
}

/**
 * `scim-bridge simulator --upstream U --port 0 --json …` in its own process: resolves once it serves, with what its
 * first line announced (the first line, whatever it is: the command promises nothing comes before it).
 */
export async function startSimulatorProcess(
  upstream: string,
  extraArgs: string[] = [],
): Promise<SimulatorAnnouncement & { process: CliProcess; firstLine: string }> {
  const cli = startCli(['simulator', '--upstream', upstream, '--port', '0', '--json', ...extraArgs]);
  try {
    const firstLine = await cli.line();
    return { ...(JSON.parse(firstLine) as SimulatorAnnouncement), process: cli, firstLine };
  } catch (e) {
    await cli.stop();
    throw e;
  }
}
