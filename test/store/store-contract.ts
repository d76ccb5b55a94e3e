import { afterEach, beforeEach, describe } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { describeAuditContract } from './contract/audit-contract.js';
import { describeGroupContract } from './contract/group-contract.js';
import { describeIdempotencyContract } from './contract/idempotency-contract.js';
import { describePagingContract } from './contract/paging-contract.js';
import { describeStateContract } from './contract/state-contract.js';
import { describeTenantIsolationContract } from './contract/tenant-isolation-contract.js';
import { describeUserIndexContract } from './contract/user-index-contract.js';
import { describeWorkQueueContract } from './contract/work-queue-contract.js';

/**
 * The behaviour every store engine owes the bridge (the {@link Store} interface and its TSDoc), as vitest tests.
 * Call it from an engine's test file; `makeStore` must return a fresh, empty store for each test.
 */
export function describeStoreContract(engineName: string, makeStore: () => Promise<Store>): void {
  describe(`Store contract: ${engineName}`, () => {
    let current: Store | undefined;
    const store = (): Store => {
      if (!current) throw new Error('the contract suite has no store: makeStore did not run');
      return current;
    };

    beforeEach(async () => {
      current = await makeStore();
    });
    afterEach(async () => {
      await current?.close();
      current = undefined;
    });

    describeUserIndexContract(store);
    describeGroupContract(store);
    describePagingContract(store);
    describeIdempotencyContract(store);
    describeAuditContract(store);
    describeStateContract(store);
    describeTenantIsolationContract(store);
    describeWorkQueueContract(() => store().workQueue);
  });
}
