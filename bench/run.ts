/*
 * `npm run bench`: runs the chosen sections (bench/sections/), prints each one's markdown to stdout, and (unless
 * `--no-write`) replaces each one's block of BENCHMARKS.md between its markers, keeping the rest of the file. Not a
 * test: it exits non-zero only when a run got anything but the answers it should have. Options: bench/options.ts.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { generateToken } from '../src/core/idp-credentials.js';
import { machineFacts } from './machine.js';
import { say } from './measure.js';
import { parseBenchOptions } from './options.js';
import { renderSection, replaceBlock, type BenchSection } from './section.js';
import { chosenSections, ONLY_KEYS } from './sections/index.js';
import { describeSharedStores } from './shared-stores.js';

/** The project's root: the nearest folder above this module with a package.json (bench/ under tsx, .bench-build/bench/ compiled). */
function projectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

async function main(): Promise<number> {
  const options = parseBenchOptions(process.argv.slice(2), process.env, ONLY_KEYS);
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  const sections = chosenSections(options.only);
  const machine = machineFacts();
  const context = {
    options,
    token: generateToken(),
    execArgv: options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(options.cpuProfDir)}`] : [],
    signal: abort.signal,
    machine,
    // Before anything is measured: a missing PostgreSQL or Redis should not surface after minutes of other sections.
    servers: sections.some((s) => s.needsSharedServers) ? await describeSharedStores() : undefined,
  };
  const blocks: { section: BenchSection; markdown: string }[] = [];
  let clean = true;
  for (const section of sections) {
    if (abort.signal.aborted) break;
    const date = new Date();
    const before = loadavg()[0] ?? Number.NaN;
    const result = await section.run(context);
    if (!result) return 1;
    const markdown = renderSection(section, options, result, { command: options.command, date, machine, load: { before, after: loadavg()[0] ?? Number.NaN } });
    process.stdout.write(`\n${markdown}\n`);
    clean &&= result.clean;
    if (result.complete) blocks.push({ section, markdown });
    else say(`The ${section.key} section is not whole in this run: BENCHMARKS.md keeps its previous version.`);
  }
  if (abort.signal.aborted) {
    say('Interrupted: nothing written.');
    return 130;
  }
  if (options.write && blocks.length > 0) {
    const path = join(projectRoot(import.meta.dirname), 'BENCHMARKS.md');
    const text = blocks.reduce((t, b) => replaceBlock(t, b.section.marker, b.markdown), existsSync(path) ? readFileSync(path, 'utf8') : '');
    writeFileSync(path, text);
    say(`Updated ${blocks.map((b) => b.section.key).join(', ')} in ${path}`);
  }
  if (options.cpuProfDir) say(`CPU profiles of the server processes: ${resolve(options.cpuProfDir)}/*.cpuprofile (written as they exit)`);
  return clean ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    say(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exitCode = 1;
  },
);
