/** A lock could not be had in time: another process holds the object for longer than a write should take. */
export class LockTimeoutError extends Error {
  constructor(readonly key: string) {
    super(`another replica is writing ${key}; try again shortly`);
    this.name = 'LockTimeoutError';
  }
}
