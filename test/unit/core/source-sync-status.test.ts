import { describe, expect, it } from 'vitest';
import { errorMessage, nextTick, saveSyncStatus, statusOfReport, syncedWithin, type SourceSyncOutcome } from '../../../src/core/source-sync/sync-status.js';
import type { StateStore } from '../../../src/store/store.js';
import type { SourceSyncReport } from '../../../src/core/source-sync/sync.js';
import { UpstreamError } from '../../../src/upstreams/upstream-error.js';

/* What /readyz may say of a sync (core/source-sync/sync-status.ts): a message only, and when this replica syncs next. */

describe('a sync error as /readyz shows it', () => {
  it('is the message alone: no cause, no body excerpt, no URL credentials', () => {
    const err = new UpstreamError('malformed', 'google-workspace', 'could not read https://admin:hunter22@directory.example.com/users', {
      status: 200,
      cause: new Error('cause-with-sensitive-detail'),
      answer: { call: 'GET /users', reason: 'not JSON', excerpt: 'body with sensitive-detail' },
    });
    const message = errorMessage(err);
    expect(message).not.toContain('hunter22');
    expect(message).not.toContain('sensitive-detail');
    expect(message).toContain('directory.example.com/users');
  });

  it('is bounded, whatever the directory answered', () => {
    const message = errorMessage(new Error('x'.repeat(10_000)));
    expect(message.length).toBeLessThanOrEqual(300);
    expect(message.endsWith('…')).toBe(true);
  });

  it('names how many writes failed and the first of them', () => {
    const report = {
      applied: true,
      created: 0,
      updated: 0,
      removed: 0,
      groupsWritten: 0,
      groupsRemoved: 0,
      failed: [
        { sourceId: '1', name: 'a@example.com', status: 409, detail: 'already managed' },
        { sourceId: '2', name: 'b@example.com', status: 503, detail: 'upstream down' },
      ],
    } as unknown as SourceSyncReport;
    const at = new Date('2026-01-01T00:00:00Z');
    expect(statusOfReport(report, { source: 's', startedAt: at, finishedAt: at, durationSeconds: 0 }).error?.message).toBe(
      '2 writes failed; first: a@example.com (HTTP 409): already managed',
    );
  });
});

describe("this replica's next scheduled sync", () => {
  const since = new Date('2026-01-01T00:00:00Z');
  it('is the first tick of the interval after now', () => {
    expect(nextTick(since, 600, since).toISOString()).toBe('2026-01-01T00:10:00.000Z');
    expect(nextTick(since, 600, new Date('2026-01-01T00:25:00Z')).toISOString()).toBe('2026-01-01T00:30:00.000Z');
    expect(nextTick(since, 600, new Date('2026-01-01T00:30:00Z')).toISOString()).toBe('2026-01-01T00:40:00.000Z');
  });
});

describe('one scheduled sync per interval, whatever the number of replicas', () => {
  const rows = new Map<string, string>();
  const state: StateStore = {
    get: async (t, k) => rows.get(`${t}/${k}`),
    set: async (t, k, v) => void rows.set(`${t}/${k}`, v),
    list: async () => [],
    delete: async (t, k) => void rows.delete(`${t}/${k}`),
  };
  const run = (outcome: SourceSyncOutcome, finishedAt: string) => ({
    status: {
      source: 'dir',
      outcome,
      startedAt: finishedAt,
      finishedAt,
      durationSeconds: 0,
      created: 0,
      updated: 0,
      removed: 0,
      groupsWritten: 0,
      groupsRemoved: 0,
      failedWrites: 0,
    },
  });

  it('a turn is skipped when any replica synced within the window; a dry run is no sync', async () => {
    const now = new Date('2026-12-07T12:00:00Z');
    expect(await syncedWithin(state, 't', now, 300_000)).toBe(false);
    await saveSyncStatus(state, 't', run('failed', '2026-12-07T11:58:00Z'));
    expect(await syncedWithin(state, 't', now, 300_000)).toBe(true);
    expect(await syncedWithin(state, 't', now, 60_000)).toBe(false);
    expect(await syncedWithin(state, 'other', now, 300_000)).toBe(false);
    await saveSyncStatus(state, 't', run('dry_run', '2026-12-07T11:59:59Z'));
    expect(await syncedWithin(state, 't', now, 60_000)).toBe(false);
  });
});
