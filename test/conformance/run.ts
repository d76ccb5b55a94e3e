/**
 * `npm run test:conformance -- --suites DIR`: the third-party SCIM suites (Microsoft's reference collection, Okta's
 * SPEC tests) against every sandbox and against the bridge over each simulator. The suites are not ours to
 * redistribute, so they are read from DIR (default `$SCIM_CONFORMANCE_DIR`); `npm test` never needs them. Arguments
 * after `--suites DIR` go to vitest (e.g. a file filter). Prints the suites' own pass/fail counts per target.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFORMANCE_FILES, type ConformanceCount } from '../support/conformance.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function parseArgs(argv: string[]): { suites: string | undefined; rest: string[] } {
  const rest: string[] = [];
  let suites = process.env.SCIM_CONFORMANCE_DIR || undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--suites') suites = argv[++i];
    else if (arg.startsWith('--suites=')) suites = arg.slice('--suites='.length);
    else rest.push(arg);
  }
  return { suites, rest };
}

function fail(message: string): never {
  process.stderr.write(`test:conformance: ${message}\n`);
  process.exit(2);
}

const { suites, rest } = parseArgs(process.argv.slice(2));
if (!suites) fail('no suites folder: pass `--suites DIR` (npm run test:conformance -- --suites DIR) or set SCIM_CONFORMANCE_DIR.');
const dir = resolve(suites);
const missing = CONFORMANCE_FILES.filter((f) => !existsSync(join(dir, f)));
if (missing.length > 0) {
  fail(
    `${dir} lacks ${missing.join(', ')}. It must hold Microsoft's SCIM reference collection and Okta's SCIM 2.0 SPEC ` +
      'tests with their Runscope runner (see "Conformance suites" in README.md).',
  );
}

const work = mkdtempSync(join(tmpdir(), 'scim-bridge-conformance-'));
const report = join(work, 'counts.jsonl');
const vitest = join(repoRoot, 'node_modules', '.bin', 'vitest');
const child = spawn(vitest, ['run', '--config', join(repoRoot, 'vitest.conformance.config.ts'), ...rest], {
  cwd: repoRoot,
  stdio: 'inherit',
  env: { ...process.env, SCIM_CONFORMANCE_DIR: dir, SCIM_CONFORMANCE_REPORT: report },
});
child.on('exit', (code, signal) => {
  const counts: ConformanceCount[] = existsSync(report)
    ? readFileSync(report, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as ConformanceCount)
    : [];
  rmSync(work, { recursive: true, force: true });
  process.stdout.write(`\nConformance suites from ${dir}: assertions (Microsoft) or steps (Okta) passed/failed per target\n`);
  const targets = [...new Set(counts.map((c) => c.target))];
  // The sandboxes first, then the bridge in front of a live tenant.
  for (const target of [...targets.filter((t) => t.endsWith('sandbox')), ...targets.filter((t) => !t.endsWith('sandbox'))]) {
    process.stdout.write(`  ${target}\n`);
    for (const c of counts.filter((x) => x.target === target)) {
      const explained = c.explained ? `, ${c.explained} explained by the adopted tenant` : '';
      process.stdout.write(`    ${c.suite}: ${c.passed} passed, ${c.failed} failed${explained}\n`);
    }
  }
  if (counts.length === 0) process.stdout.write('  (no suite reported a count)\n');
  process.exit(code ?? (signal ? 1 : 0));
});
