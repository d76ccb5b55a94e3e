import { z } from 'zod';
import type { IdentitySource, SourceGroup, SourceUser } from '../../../src/sources/identity-source.js';
import type { SourceDescriptor } from '../../../src/sources/source-descriptor.js';
import { UpstreamError } from '../../../src/upstreams/upstream-error.js';

/**
 * A test-only identity source: a directory held in memory, named in the tenant's `source` block, that a test fills and
 * changes as an admin would change Google Workspace. Registered beside the real sources (test/support/test-registry.ts),
 * so it is configured and created through the same registry and drives the same core (src/core/source-sync.ts).
 */
export class FakeDirectory {
  users: SourceUser[] = [];
  groups: SourceGroup[] = [];
  /** Reads so far (each `users` or `groups` walk), to count what a sync costs. */
  reads = 0;
  /** When set, the next reads fail as an unreachable directory would. */
  unreachable = false;
  /** When set, a users read fails at this page (1-based) after yielding the ones before it, as a quota error would. */
  failAtPage: number | undefined;
}

const directories = new Map<string, FakeDirectory>();

/** The directory a tenant's `source: { type: 'fake-directory', directory: name }` reads, made on first use. */
export function fakeDirectory(name: string): FakeDirectory {
  let d = directories.get(name);
  if (!d) directories.set(name, (d = new FakeDirectory()));
  return d;
}

const fakeSourceConfigSchema = z.strictObject({
  type: z.literal('fake-directory'),
  directory: z.string().min(1).describe('Which in-memory directory (test/support/fakes/fake-source.ts) to read.'),
  pageSize: z.number().int().min(1).default(2).describe('Users per page, small so that paging is exercised.'),
  removal: z.enum(['deactivate', 'delete']).default('deactivate').describe('What a person gone from the directory becomes.'),
  caps: z
    .strictObject({ maxPercent: z.number().min(0).max(100), maxCount: z.number().int().min(0) })
    .default({ maxPercent: 10, maxCount: 100 })
    .describe('How many a sync may take away without an operator.'),
  intervalSeconds: z.number().int().min(0).default(0).describe('How often `serve` syncs on its own (0: only when asked).'),
});

function pages<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function createFakeSource(config: z.infer<typeof fakeSourceConfigSchema>): IdentitySource {
  const d = fakeDirectory(config.directory);
  const read = <T>(items: () => readonly T[]): AsyncIterable<T[]> => ({
    async *[Symbol.asyncIterator]() {
      d.reads++;
      if (d.unreachable) throw new UpstreamError('unavailable', 'fake-directory', 'the fake directory is unreachable', { status: 503 });
      // A snapshot, as a directory's paged list is: changes made while it is read show in the next read.
      let n = 0;
      for (const page of pages(structuredClone(items()), config.pageSize)) {
        if (++n === d.failAtPage) throw new UpstreamError('rateLimited', 'fake-directory', `page ${n}: quota exceeded`, { status: 429 });
        yield page;
      }
    },
  });
  return {
    name: 'fake-directory',
    check: async () => {
      if (d.unreachable) throw new UpstreamError('unavailable', 'fake-directory', 'the fake directory is unreachable', { status: 503 });
    },
    users: () => read(() => d.users),
    groups: () => read(() => d.groups),
    close: async () => undefined,
    policy: { removal: config.removal, caps: config.caps, intervalSeconds: config.intervalSeconds },
  };
}

export const fakeSource: SourceDescriptor<'fake-directory', z.infer<typeof fakeSourceConfigSchema>> = {
  type: 'fake-directory',
  configSchema: fakeSourceConfigSchema,
  create: createFakeSource,
};
