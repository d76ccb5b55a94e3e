import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SEED_PROFILES as PACKAGE_SEED_PROFILES } from '@scim-bridge/simulators';
import * as zuoraRestSandbox from '@scim-bridge/simulators/zuora-rest/sandbox';
import * as zuoraOneIdSandbox from '@scim-bridge/simulators/zuora-oneid/sandbox';
import * as zscalerZiaSandbox from '@scim-bridge/simulators/zscaler-zia/sandbox';
import * as googleWorkspaceSandbox from '@scim-bridge/simulators/google-workspace/sandbox';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { defineRegistry, REGISTRY, UPSTREAM_TYPES, type UpstreamConfig } from '../../src/registry.js';
import { fakeSource } from '../support/fakes/fake-source.js';
import { fakeUpstream } from '../support/fakes/fake-upstream.js';
import { TEST_REGISTRY } from '../support/test-registry.js';
import { loadSimulatorSandbox, loadSourceSimulatorSandbox, SIMULATORS_PACKAGE, SimulatorsMissingError } from '../../src/upstreams/simulator-sandbox.js';
import { SANDBOX_SOURCES } from '../../src/sandbox-sources.js';
import type { StartSandboxSource } from '../../src/sources/source-descriptor.js';
import { SEED_PROFILES, type StartSandboxUpstream } from '../../src/upstreams/upstream-descriptor.js';
import type { UpstreamType } from '../../src/registry.js';

/*
 * Issue 12 "One registry": src/registry.ts is the only file that lists the upstreams and identity sources. Each one's
 * own folder (and its simulator's) names its own type; anywhere else, a file naming two or more registered types as
 * string literals is a second list (a switch, a table, a tuple) that adding one would have to find and edit.
 */

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');
const REGISTRY_FILE = 'registry.ts';
const UPSTREAMS = REGISTRY.upstreams;
/** Every registered type: the bridge's upstreams and sources, and the test fakes registered beside them. */
const TYPES: readonly string[] = [...TEST_REGISTRY.upstreams, ...TEST_REGISTRY.sources].map((d) => d.type);

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );

/** Where a type may be named freely: the registry and the upstream's or source's own folder (simulators are another package). */
const mayNameTypes = (path: string): boolean =>
  path === REGISTRY_FILE || TYPES.some((type) => path.startsWith(`upstreams/${type}/`) || path.startsWith(`sources/${type}/`));

/** The registered types a file names as string literals (comments and other text do not count). */
function typesNamedIn(fileName: string, text: string): string[] {
  const named = new Set<string>();
  const visit = (node: ts.Node): void => {
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && TYPES.includes(node.text)) named.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS));
  return [...named].sort();
}

/** The module names a file spells out: import and export declarations (type-only too), `import()` and `import('…')` types. */
function literalModuleNames(fileName: string, text: string): string[] {
  const names: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      names.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      names.push(node.arguments[0].text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      names.push(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS));
  return names;
}

/** The files `entry` reaches through static, value-level imports (`import type` and `import()` excluded). */
function staticImportClosure(entry: string): Set<string> {
  const seen = new Set<string>();
  const pending = [entry];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
    for (const statement of source.statements) {
      const isValueImport = ts.isImportDeclaration(statement) && !statement.importClause?.isTypeOnly;
      const isValueExport = ts.isExportDeclaration(statement) && !statement.isTypeOnly;
      const specifier = isValueImport || isValueExport ? statement.moduleSpecifier : undefined;
      if (specifier && ts.isStringLiteral(specifier) && specifier.text.startsWith('.')) {
        pending.push(resolve(dirname(file), specifier.text.replace(/\.js$/, '.ts')));
      }
    }
  }
  return seen;
}

describe('the upstream registry', () => {
  it('is the only file under src/ that lists upstream types', () => {
    const lists = sourceFiles(SRC)
      .map((file) => ({ path: relative(SRC, file).split('\\').join('/'), types: typesNamedIn(file, readFileSync(file, 'utf8')) }))
      .filter(({ path, types }) => !mayNameTypes(path) && types.length >= 2)
      .map(({ path, types }) => `${path}: ${types.join(', ')}`);
    expect(lists).toEqual([]);
  });

  it('sees a list in code, not in comments', () => {
    const [a, b] = TYPES;
    expect(typesNamedIn('x.ts', `const all = ['${a}', \`${b}\`];`)).toEqual([a, b].sort());
    expect(typesNamedIn('x.ts', `switch (t) { case "${a}": break; case "${b}": break; }`)).toEqual([a, b].sort());
    expect(typesNamedIn('x.ts', `// '${a}' or '${b}'\n/* '${a}' */ const one = '${b}';`)).toEqual([b]);
  });

  it('registers each type once, and its descriptor schema is the config union variant of that type', () => {
    expect(new Set(UPSTREAM_TYPES).size).toBe(UPSTREAMS.length);
    const options = (REGISTRY.upstreamConfigSchema as unknown as { options: unknown[] }).options;
    for (const d of UPSTREAMS) expect(options).toContain(d.configSchema);
    expect(() => defineRegistry({ upstreams: [...UPSTREAMS, ...UPSTREAMS.slice(0, 1)], sources: [] })).toThrow(/registered twice/);
  });

  it('the test fakes are registered through the same function, beside the real ones', () => {
    expect(TEST_REGISTRY.upstreams).toEqual([...REGISTRY.upstreams, fakeUpstream]);
    expect(TEST_REGISTRY.sources).toEqual([...REGISTRY.sources, fakeSource]);
  });

  it('loads no simulator when the registry is imported (the sandboxes are lazy imports)', () => {
    const reached = [...staticImportClosure(join(SRC, REGISTRY_FILE))].map((f) => relative(SRC, f).split('\\').join('/'));
    for (const type of UPSTREAM_TYPES) expect(reached).toContain(`upstreams/${type}/descriptor.ts`);
    expect(reached.filter((f) => f.endsWith('/sandbox.ts'))).toEqual([]);
  });

  it('names the simulators package in no import under src/, so that `npm run build` compiles no simulator', () => {
    // TypeScript resolves every literal module name, `import type` and `import()` included, and the image's build
    // stage has no packages/: one such name would fail `npm run build` there (a relative one out of src/ as well).
    const named = sourceFiles(SRC).flatMap((file) =>
      literalModuleNames(file, readFileSync(file, 'utf8'))
        .filter((name) => name.startsWith(SIMULATORS_PACKAGE) || (name.startsWith('.') && !resolve(dirname(file), name).startsWith(SRC)))
        .map((name) => `${relative(SRC, file)}: ${name}`),
    );
    expect(named).toEqual([]);
    expect(literalModuleNames('x.ts', `import type { A } from '${SIMULATORS_PACKAGE}'; const m = import('../../packages/x.js');`)).toEqual([
      SIMULATORS_PACKAGE,
      '../../packages/x.js',
    ]);
  });

  it("fits the simulators package's sandbox contract", () => {
    // Compile-time: each package sandbox is a start function of the bridge's type (the bridge cannot import the
    // package's own declaration of it). At run time, the seed profiles the bridge offers are the package's.
    const starts: Record<UpstreamType, StartSandboxUpstream> = {
      'zuora-rest': zuoraRestSandbox.startSandbox,
      'zuora-oneid': zuoraOneIdSandbox.startSandbox,
      'zscaler-zia': zscalerZiaSandbox.startSandbox,
    };
    expect(Object.keys(starts).sort()).toEqual([...UPSTREAM_TYPES].sort());
    expect(SEED_PROFILES).toEqual(PACKAGE_SEED_PROFILES);
    // The sources' directory simulators likewise, and every registered source has one.
    const sourceStarts: Record<string, StartSandboxSource> = { 'google-workspace': googleWorkspaceSandbox.startSourceSandbox };
    expect(Object.keys(sourceStarts).sort()).toEqual(REGISTRY.sources.map((d) => d.type).sort());
    expect([...SANDBOX_SOURCES].sort()).toEqual(Object.keys(sourceStarts).sort());
  });

  it('says in one sentence that the simulators are not in this build, when their package is not installed', async () => {
    await expect(loadSimulatorSandbox('zuora-rest', '@scim-bridge/not-installed')).rejects.toBeInstanceOf(SimulatorsMissingError);
    await expect(loadSourceSimulatorSandbox('google-workspace', '@scim-bridge/not-installed')).rejects.toBeInstanceOf(SimulatorsMissingError);
    // Installed but without that export: a bug to show as it is, not "not in this build".
    const unexported: unknown = await loadSimulatorSandbox('no-such-upstream').catch((error: unknown) => error);
    expect(unexported).not.toBeInstanceOf(SimulatorsMissingError);
    expect(String(unexported)).toContain('./no-such-upstream/sandbox');
  });

  it.each(UPSTREAMS.map((d) => [d.type, d] as const))(
    '%s: its sandbox starts a simulator whose tenant block its own schema accepts, for an adapter named by its type',
    async (type, descriptor) => {
      const start = await descriptor.loadSandbox?.();
      if (!start) throw new Error(`${type} has no sandbox`);
      const sandbox = await start({ seedUsers: 1 });
      try {
        const parsed = descriptor.configSchema.safeParse(sandbox.upstreamConfig);
        expect(parsed.error).toBeUndefined();
        expect(parsed.data?.type).toBe(type);
        // The adapter's name is how per-tenant gauges find their descriptor (metric-sources.ts).
        const adapter = REGISTRY.createUpstream(parsed.data as UpstreamConfig, {});
        expect(adapter.name).toBe(type);
        await adapter.close();
      } finally {
        await sandbox.simulator.close();
      }
    },
  );

  it.each(REGISTRY.sources.map((d) => [d.type, d] as const))(
    '%s: its sandbox starts a seeded directory simulator whose tenant source block its own schema accepts',
    async (type, descriptor) => {
      const start = await descriptor.loadSandbox?.();
      if (!start) throw new Error(`${type} has no sandbox`);
      const sandbox = await start({ users: 3, groups: 2 });
      try {
        const parsed = descriptor.configSchema.safeParse(sandbox.sourceConfig);
        expect(parsed.error).toBeUndefined();
        expect(parsed.data?.type).toBe(type);
        expect(sandbox.controlUrl).toBe(`${sandbox.baseUrl}/__sim`);
        expect((sandbox.simulator.state().users as unknown[]).length).toBe(3);
      } finally {
        await sandbox.simulator.close();
      }
    },
  );
});
