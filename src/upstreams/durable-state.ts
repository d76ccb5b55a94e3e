/**
 * A small durable key/value space an adapter may keep state in (the tenant's slice of the store), e.g. a ZIA
 * activation still owed after a restart. An empty string means "unset".
 */
export interface DurableState {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
}

/** For tests and tools that run an adapter without a store. */
export function memoryDurableState(): DurableState {
  const values = new Map<string, string>();
  return {
    get: async (key) => values.get(key),
    set: async (key, value) => {
      values.set(key, value);
    },
  };
}
