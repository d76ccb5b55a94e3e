/**
 * Applies the answers of overlapping reads of a shared queue's summary in the order the reads started: an answer
 * that started before one already applied (or before a local change, `supersede`) is dropped, so a slow read from
 * before an enqueue never makes the queue look empty again.
 */
export function newestRead<T>(read: () => Promise<T>, apply: (value: T) => void) {
  let started = 0;
  let applied = 0;
  return {
    async refresh(): Promise<T> {
      const mine = ++started;
      const value = await read();
      if (mine > applied) {
        applied = mine;
        apply(value);
      }
      return value;
    },
    /** What this process just changed outranks every read started before it. */
    supersede(): void {
      applied = ++started;
    },
  };
}
