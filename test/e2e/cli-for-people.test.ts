import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createZuoraRestSimulator, type ZuoraRestSimulator } from '@scim-bridge/simulators/zuora-rest';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/cli-io.js';
import { COMMAND_SPECS, runCli } from '../../src/cli/commands.js';
import { failureOf } from '../../src/cli/failure-message.js';
import { terminalLogLine } from '../../src/cli/terminal-log.js';
import { ConfigError } from '../../src/config/config-error.js';
import { hashToken } from '../../src/core/idp-credentials.js';
import { openStore } from '../../src/runtime.js';
import { startCli } from '../support/cli-process.js';
import { PROFILES, TOKEN } from '../support/zuora-rest-harness.js';

/*
 * The CLI as a person meets it: help on every command, a wrong command line or a port in use answered in one plain
 * sentence (no JSON log line, no stack trace), and `--json` where a script reads the output. The real CLI is spawned
 * (`tsx src/cli.ts`) only where the process itself is the point (exit codes, what reaches stdout and stderr); those
 * processes run concurrently, started once. Every command's help is walked in-process through the same dispatcher.
 */

const STACK_LINE = /^\s+at /m;

interface Ended {
  code: number | null;
  stdout: string[];
  stderr: string;
}

async function ran(args: string[]): Promise<Ended> {
  const cli = startCli(args);
  const code = await cli.exitCode();
  return { code, stdout: cli.lines(), stderr: cli.stderr() };
}

/** What a command prints in-process, through the dispatcher `src/cli.ts` calls. */
async function runInProcess(argv: string[]): Promise<{ code: number | undefined; out: string }> {
  const out: string[] = [];
  const io: CliIo = { env: {}, out: (l) => out.push(l), logger: pino({ level: 'silent' }) };
  const code = await runCli(argv, io, () => undefined);
  return { code, out: out.join('\n') };
}

let sim: ZuoraRestSimulator;
let occupier: Server;
let occupiedPort: number;
let dir: string;
let spawned: Record<'help' | 'serveHelp' | 'tokenHelp' | 'usage' | 'portInUse' | 'audit' | 'plan' | 'doctor', Ended>;

beforeAll(async () => {
  sim = createZuoraRestSimulator();
  const url = await sim.listen(0);
  occupier = createServer();
  await new Promise<void>((resolve) => occupier.listen(0, '127.0.0.1', resolve));
  occupiedPort = (occupier.address() as { port: number }).port;
  dir = mkdtempSync(join(tmpdir(), 'scim-bridge-cli-people-'));
  const storePath = join(dir, 'store.db');
  const config = join(dir, 'config.json');
  writeFileSync(
    config,
    JSON.stringify({
      server: { host: '127.0.0.1', port: occupiedPort },
      store: { type: 'sqlite', path: storePath },
      tenants: [
        {
          id: 'acme',
          idpTokens: [{ label: 'okta', sha256: hashToken(TOKEN) }],
          upstream: { type: 'zuora-rest', baseUrlOverride: url, clientId: sim.clientId, clientSecret: sim.clientSecret, profiles: PROFILES },
          reconcile: { onStart: false, intervalSeconds: 0 },
        },
      ],
    }),
  );
  // One audit entry, so that `audit --json` has a line to print.
  const store = await openStore({ type: 'sqlite', path: storePath });
  await store.audit.append({
    tenant: 'acme',
    at: new Date().toISOString(),
    requestId: 'r-1',
    actor: 'okta',
    operation: 'createUser',
    resourceType: 'User',
    resourceId: 'u-1',
    resourceName: 'kim@example.com',
    status: 201,
    upstreamCalls: [],
    detail: undefined,
  });
  await store.close();

  const [help, serveHelp, tokenHelp, usage, portInUse, audit, plan, doctor] = await Promise.all([
    ran(['--help']),
    ran(['serve', '--help']),
    ran(['help', 'token', 'create']),
    ran(['audit', '--foo']),
    ran(['serve', '--config', config]),
    ran(['audit', '--config', config, '--json']),
    ran(['plan', '--config', config, '--json']),
    ran(['doctor', '--config', config, '--json']),
  ]);
  spawned = { help, serveHelp, tokenHelp, usage, portInUse, audit, plan, doctor } as typeof spawned;
}, 120_000);

afterAll(async () => {
  await sim.close();
  await new Promise<void>((resolve) => occupier.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

describe('help', () => {
  it('scim-bridge --help, serve --help and help token create: plain usage on stdout, nothing on stderr, exit 0', async () => {
    for (const result of [spawned.help, spawned.serveHelp, spawned.tokenHelp]) {
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
      expect(result.stdout[0]).toMatch(/^Usage: scim-bridge /);
      expect(result.stdout.join('\n')).not.toContain('{"level"');
    }
    // In-process, the other ways to ask for the overview print the same.
    for (const argv of [['-h'], ['help'], ['help', '--help']]) expect((await runInProcess(argv)).out).toBe(spawned.help.stdout.join('\n'));
    // The overview names every command.
    for (const spec of COMMAND_SPECS) expect(spawned.help.stdout).toContainEqual(expect.stringMatching(new RegExp(`^  ${spec.name} +\\S`)));
    expect(spawned.serveHelp.stdout).toContainEqual(expect.stringMatching(/^ {2}--allow-degraded +\S/));
    expect(spawned.tokenHelp.stdout).toContainEqual(expect.stringMatching(/^ {2}--label NAME +\S/));
  });

  it.each(COMMAND_SPECS.map((s) => s.name))('%s --help, -h and `help <command>`: exit 0, each option on a line of its own', async (name) => {
    const spec = COMMAND_SPECS.find((s) => s.name === name)!;
    const words = name.split(' ');
    const outputs = [await runInProcess([...words, '--help']), await runInProcess([...words, '-h']), await runInProcess(['help', ...words])];
    for (const { code, out } of outputs) {
      expect(code).toBe(0);
      expect(out).toBe(outputs[0]?.out);
    }
    const lines = (outputs[0]?.out ?? '').split('\n');
    expect(lines[0]).toBe(`Usage: scim-bridge ${name} ${spec.usage}`.trimEnd());
    for (const option of [...Object.keys(spec.options), 'help']) {
      expect(lines.filter((l) => new RegExp(`^ {2}(-h, )?--${option}( \\S+)? {2,}\\S`).test(l))).toHaveLength(1);
    }
  });
});

describe('a wrong command line', () => {
  it('is one plain sentence on stderr naming the option and the help, nothing on stdout, exit 2', () => {
    const { code, stdout, stderr } = spawned.usage;
    expect(code).toBe(2);
    expect(stdout).toEqual([]);
    expect(stderr).toBe('scim-bridge audit: unknown option --foo; see scim-bridge audit --help\n');
  });

  it.each([
    [['nosuch'], 'scim-bridge: unknown command "nosuch"; see scim-bridge --help'],
    [['audit', '--config'], 'scim-bridge audit: --config FILE needs a value; see scim-bridge audit --help'],
    [['plan', '--config', '--json'], 'scim-bridge plan: --config FILE needs a value; see scim-bridge plan --help'],
    [['doctor', '--json=yes'], 'scim-bridge doctor: --json takes no value; see scim-bridge doctor --help'],
    [['sync', 'acme'], 'scim-bridge sync: unexpected argument "acme" (options start with --); see scim-bridge sync --help'],
    [['audit', '--format', 'xml'], 'scim-bridge audit: --format must be one of table, json, got "xml"; see scim-bridge audit --help'],
    [['audit', '--json', '--format', 'table'], 'scim-bridge audit: --json and --format table contradict each other; see scim-bridge audit --help'],
    [['token', 'delete'], 'scim-bridge: token: unknown subcommand "delete": token create; see scim-bridge --help'],
  ])('%j: %s (exit 2)', async (argv, message) => {
    let command: Parameters<typeof failureOf>[1];
    const error = await runCli(argv, { env: {}, out: () => undefined, logger: pino({ level: 'silent' }) }, (spec) => (command = spec)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failureOf(error, command)).toEqual({ message, exitCode: 2 });
  });
});

describe('an expected failure', () => {
  it('a port in use: one plain sentence naming the address and what to do, no JSON, no stack, exit 1', () => {
    const { code, stderr } = spawned.portInUse;
    expect(code).toBe(1);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toContain(`scim-bridge serve: 127.0.0.1:${occupiedPort} is already in use`);
    expect(stderr).toContain('server.port');
    expect(stderr).not.toContain('{');
    expect(stderr).not.toMatch(STACK_LINE);
  });

  it('a configuration that cannot be used: its message as it is, without a stack; an unexpected error keeps its stack', () => {
    const config = new ConfigError('invalid configuration:\n  tenants[0].id: must be lowercase');
    expect(
      failureOf(
        config,
        COMMAND_SPECS.find((s) => s.name === 'serve'),
      ),
    ).toEqual({
      message: 'scim-bridge serve: invalid configuration:\n  tenants[0].id: must be lowercase',
      exitCode: 1,
    });
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED', address: '127.0.0.1', port: 5432 });
    const unreachable = failureOf(new AggregateError([refused]), undefined);
    expect(unreachable).toEqual({ message: expect.stringMatching(/^scim-bridge: cannot reach 127\.0\.0\.1:5432 \(ECONNREFUSED\): /), exitCode: 1 });
    const bug = failureOf(new TypeError("Cannot read properties of undefined (reading 'id') at postgres://bridge:pw-123@db/x"), undefined);
    expect(bug.exitCode).toBe(1);
    expect(bug.message).toMatch(/^scim-bridge: unexpected error, probably a bug: please report it with what follows\nTypeError: /);
    expect(bug.message).toMatch(STACK_LINE);
    expect(bug.message).not.toContain('pw-123');
  });
});

describe('--json for scripts', () => {
  it('audit --json: JSON Lines; plan --json: a JSON line per tenant; doctor --json: one JSON document', () => {
    expect(spawned.audit).toMatchObject({ code: 0, stderr: '' });
    expect(spawned.audit.stdout.map((l) => JSON.parse(l) as unknown)).toEqual([expect.objectContaining({ tenant: 'acme', resourceName: 'kim@example.com' })]);

    expect(spawned.plan.code).toBe(0);
    expect(spawned.plan.stdout.map((l) => JSON.parse(l) as unknown)).toEqual([expect.objectContaining({ tenant: 'acme', items: [] })]);

    expect(spawned.doctor).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(spawned.doctor.stdout.join('\n'))).toEqual({
      ok: true,
      configuration: { ok: true, tenants: 1 },
      findings: [{ tenant: 'acme', upstream: 'zuora-rest', ok: true }],
    });
  });
});

describe('logs on a terminal', () => {
  it('a JSON log line as text: time, level, message, fields as key=value, the stack under it; escape sequences shown as �', () => {
    const at = Date.UTC(2024, 2, 1, 9, 30, 15);
    const line = JSON.stringify({ level: 40, time: at, pid: 1, hostname: 'h', tenant: 'acme', counts: { seen: 2 }, msg: 'odd name \u001b[2J here' });
    expect(terminalLogLine(line)).toBe('09:30:15 WARN  odd name \ufffd[2J here tenant=acme counts={"seen":2}');
    const failed = JSON.stringify({
      level: 50,
      time: at,
      msg: 'shutdown failed',
      err: { type: 'Error', message: 'boom', stack: 'Error: boom\n    at close (x.ts:1:1)' },
    });
    expect(terminalLogLine(failed)).toBe('09:30:15 ERROR shutdown failed\n  Error: boom\n      at close (x.ts:1:1)');
    expect(terminalLogLine('not json\n')).toBe('not json');
  });
});
