import { UsageError } from '../config/config-error.js';
import { SANDBOX_UPSTREAMS, startSandboxUpstream, type SandboxUpstream } from '../sandbox-upstreams.js';
import { SEED_PROFILES, type SeedProfile } from '../upstreams/upstream-descriptor.js';
import type { CliIo } from './cli-io.js';
import { parseCommandArgs, type CommandSpec } from './command-spec.js';
import { shutdownOn } from './shutdown.js';

/** The most users `--seed-users` adds (the control surface's own limit). */
const MAX_SEED_USERS = 100_000;

/** `--upstream`: one of the simulated upstreams. */
export function upstreamFrom(value: string | undefined): SandboxUpstream {
  const upstream = SANDBOX_UPSTREAMS.find((u) => u === value);
  if (!upstream) throw new UsageError(`--upstream ${value ?? '(missing)'}: choose one of ${SANDBOX_UPSTREAMS.join(', ')}`);
  return upstream;
}

/** `--seed-users` and `--seed-profile`, checked. */
export function seedOptionsFrom(seedUsers: string, seedProfile: string): { seedUsers: number; seedProfile: SeedProfile } {
  const count = Number(seedUsers);
  if (!/^\d+$/.test(seedUsers) || count > MAX_SEED_USERS) {
    throw new UsageError(`--seed-users must be a whole number from 0 to ${MAX_SEED_USERS}`);
  }
  const profile = SEED_PROFILES.find((p) => p === seedProfile);
  if (!profile) throw new UsageError(`--seed-profile ${seedProfile}: choose one of ${SEED_PROFILES.join(', ')}`);
  return { seedUsers: count, seedProfile: profile };
}

export const SIMULATOR_COMMAND = {
  name: 'simulator',
  usage: '--upstream U [--port P] [--seed-users N] [--seed-profile plain|live] [--json]',
  summary: 'Serve one simulated upstream on 127.0.0.1, for trying a configuration',
  description: [
    'Prints where it listens, its made-up credentials and the tenant "upstream" block that points scim-bridge at it;',
    'with --json, one JSON line {baseUrl, controlUrl, upstream} first, for a script.',
  ],
  options: {
    upstream: { type: 'string', value: 'U', help: `the upstream to simulate: ${SANDBOX_UPSTREAMS.join(', ')}` },
    port: { type: 'string', default: '0', value: 'P', help: 'the port to listen on (default 0: a free one)' },
    'seed-users': { type: 'string', default: '0', value: 'N', help: `users to seed, 0 to ${MAX_SEED_USERS} (default 0)` },
    'seed-profile': { type: 'string', default: 'plain', value: 'plain|live', help: "live: a customer's tenant before the bridge (default plain)" },
    json: { type: 'boolean', default: false, help: 'print one JSON line {baseUrl, controlUrl, upstream} for a script' },
  },
} as const satisfies CommandSpec;

/**
 * `scim-bridge simulator --upstream U [--port P] [--seed-users N] [--seed-profile plain|live] [--json]`: one upstream
 * simulator on 127.0.0.1 until SIGINT/SIGTERM, for trying a configuration or for tests. It prints where it listens, its
 * credentials and the tenant `upstream` block that points scim-bridge at it; with `--json`, one JSON object
 * `{baseUrl, controlUrl, upstream}` as the first line of standard output, so a script can read it.
 */
export async function simulatorCommand(args: string[], io: CliIo): Promise<void> {
  const values = parseCommandArgs(SIMULATOR_COMMAND, args);
  const upstream = upstreamFrom(values.upstream);
  const { seedUsers, seedProfile } = seedOptionsFrom(values['seed-users'], values['seed-profile']);
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535) throw new UsageError('--port must be a port number (0 picks a free one)');

  const sim = await startSandboxUpstream(upstream, { seedUsers, seedProfile, port });
  // The credentials are the simulator's, made up for this run: printing them is the point of this command.
  if (values.json) {
    io.out(JSON.stringify({ baseUrl: sim.baseUrl, controlUrl: sim.controlUrl, upstream: sim.upstreamConfig }));
  } else {
    const users = (sim.simulator.state().users as unknown[] | undefined)?.length ?? 0;
    io.out(`${upstream} simulator at ${sim.baseUrl} (seed profile ${seedProfile}, ${users} users); nothing here is a real tenant`);
    io.out(`control surface: ${sim.controlUrl} (GET /state, GET /calls, GET /writes, PATCH /users/:id, faults)`);
    io.out('credentials, made up for this run:');
    for (const [name, value] of Object.entries(sim.credentials)) io.out(`  ${name}: ${value}`);
    io.out('tenant "upstream" block for scim-bridge.json:');
    for (const line of JSON.stringify(sim.upstreamConfig, null, 2).split('\n')) io.out(line);
    io.out('serving until Ctrl-C');
  }
  shutdownOn(() => sim.simulator.close(), io.logger);
}
