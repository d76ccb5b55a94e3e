import { UsageError } from '../config/config-error.js';
import { startSandbox, type Sandbox } from '../sandbox.js';
import { SANDBOX_SOURCES } from '../sandbox-sources.js';
import type { CliIo } from './cli-io.js';
import { parseCommandArgs, type CommandSpec } from './command-spec.js';
import { seedOptionsFrom, upstreamFrom } from './simulator-command.js';
import { SANDBOX_UPSTREAMS } from '../sandbox-upstreams.js';
import { READY_MESSAGE, sandboxReadyFields, sandboxReadyText } from './sandbox-ready.js';
import { shutdownOn } from './shutdown.js';

/** A simulated directory larger than this is a benchmark, not a sandbox. */
const MAX_SEED_DIRECTORY = 5000;

const unknownSource = (value: string) => new UsageError(`--source ${value}: choose one of ${SANDBOX_SOURCES.join(', ')}`);

/** `--source` as the last argument or before another flag; checked before parseArgs, so it gets the sources listed too. */
function sourceWithoutValue(args: string[]): boolean {
  const at = args.indexOf('--source');
  const next = args[at + 1];
  return at >= 0 && (next === undefined || next.startsWith('-'));
}

/** `--source` and `--seed-directory`: the directory to simulate, its people spread over a few groups (one per 20, at least 2). */
function sourceFrom(value: string | undefined, seedDirectory: string): { type: string; users: number; groups: number } | undefined {
  if (value === undefined) return undefined;
  const type = SANDBOX_SOURCES.find((s) => s === value);
  if (!type) throw unknownSource(value);
  const users = Number(seedDirectory);
  if (!/^\d+$/.test(seedDirectory) || users > MAX_SEED_DIRECTORY) {
    throw new UsageError(`--seed-directory must be a whole number from 0 to ${MAX_SEED_DIRECTORY}`);
  }
  return { type, users, groups: Math.max(2, Math.floor(users / 20)) };
}

/** The first sync's outcome on one line, as an operator reads it. */
function syncSummary(source: NonNullable<Sandbox['source']>): string {
  const r = source.firstSync;
  const counts = `${r.created} created, ${r.updated} updated, ${r.removed} removed, ${r.groupsWritten} groups written, ${r.failed.length} failed`;
  return `${source.type} synced: ${counts}${r.refused ? ` (nothing applied: ${r.refused})` : ''}`;
}

export const SANDBOX_COMMAND = {
  name: 'sandbox',
  usage: '[--upstream U] [--port P] [--host H] [--token T] [--seed-users N] [--seed-profile plain|live] [--source S [--seed-directory N]]',
  summary: 'Run the bridge on a simulated upstream, in memory: nothing reaches a real tenant',
  description: [
    'Prints the SCIM URL and the bearer token to give an IdP, the admin console and its token, the mapping in effect and',
    'the simulators (a block on a terminal; piped, one JSON "sandbox ready" line), then serves until Ctrl-C. With',
    '--source, a simulated directory provisions the tenant instead of an IdP.',
  ],
  options: {
    upstream: { type: 'string', default: 'zuora-rest', value: 'U', help: `the upstream to simulate: ${SANDBOX_UPSTREAMS.join(', ')} (default zuora-rest)` },
    port: { type: 'string', default: '8080', value: 'P', help: 'the SCIM port (default 8080; 0 picks a free one)' },
    host: { type: 'string', default: '127.0.0.1', value: 'H', help: 'the address to bind (default 127.0.0.1)' },
    token: { type: 'string', value: 'T', help: 'the bearer token the IdP sends (default: $SCIM_BRIDGE_SANDBOX_TOKEN, else a made-up one)' },
    'seed-users': { type: 'string', default: '3', value: 'N', help: 'users the simulated tenant starts with (default 3)' },
    'seed-profile': { type: 'string', default: 'plain', value: 'plain|live', help: "live: a customer's tenant before the bridge (default plain)" },
    source: { type: 'string', value: 'S', help: `a simulated directory to provision from: ${SANDBOX_SOURCES.join(', ')}` },
    'seed-directory': { type: 'string', default: '50', value: 'N', help: `people in the simulated directory, 0 to ${MAX_SEED_DIRECTORY} (default 50)` },
  },
} as const satisfies CommandSpec;

/**
 * Start the sandbox as `scim-bridge sandbox` does, say so (the ready block, or its JSON line when piped) and return it
 * serving; the caller stops it.
 */
export async function startSandboxCommand(args: string[], io: CliIo): Promise<Sandbox> {
  if (sourceWithoutValue(args)) throw unknownSource('(missing)');
  const values = parseCommandArgs(SANDBOX_COMMAND, args);
  const upstream = upstreamFrom(values.upstream);
  const { seedUsers, seedProfile } = seedOptionsFrom(values['seed-users'], values['seed-profile']);
  const directory = sourceFrom(values.source, values['seed-directory']);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a port number');
  const logger = io.logger;
  const sb = await startSandbox({
    upstream,
    host: values.host,
    port,
    token: values.token ?? io.env.SCIM_BRIDGE_SANDBOX_TOKEN,
    seedUsers,
    seedProfile,
    logger,
    ...(directory ? { source: directory } : {}),
  });
  logger.warn(`*** SANDBOX MODE: the upstream is an in-process ${upstream} simulator; nothing reaches a real tenant ***`);
  if (sb.source) {
    logger.info(syncSummary(sb.source));
    const { failed } = sb.source.firstSync;
    if (failed.length > 0) logger.warn({ failed }, 'writes the first sync could not make (the next sync retries them)');
  }
  // The tokens are made up for this run: printing them is the point of a sandbox (see sandbox-ready.ts).
  const seeding = { upstream, seedUsers, seedProfile, ...(directory ? { seededDirectory: directory.users } : {}) };
  if (io.outIsTerminal) io.out(sandboxReadyText(sb, seeding));
  else
    logger.info(
      sandboxReadyFields(sb, seeding),
      `${READY_MESSAGE}: point an IdP at scimUrl with bearerToken; the admin console is at adminConsoleUrl (adminToken)`,
    );
  return sb;
}

/**
 * `scim-bridge sandbox [--upstream U] [--port P] [--host H] [--token T] [--seed-users N] [--seed-profile plain|live]
 * [--source S [--seed-directory N]]`: the bridge on a simulator, optionally provisioning from a simulated directory.
 */
export async function sandboxCommand(args: string[], io: CliIo): Promise<void> {
  const sb = await startSandboxCommand(args, io);
  shutdownOn(() => sb.close(), io.logger);
}
