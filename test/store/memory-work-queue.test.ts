import { beforeEach, describe } from 'vitest';
import { createMemoryWorkQueue } from '../../src/store/memory-work-queue.js';
import type { WorkQueueStore } from '../../src/store/store.js';
import { describeWorkQueueContract } from './contract/work-queue-contract.js';

// Unit tests run adapters on the in-memory queue: it owes the same behaviour as the engines.
describe('in-memory work queue', () => {
  let queue: WorkQueueStore;
  beforeEach(() => {
    queue = createMemoryWorkQueue();
  });
  describeWorkQueueContract(() => queue);
});
