import type { StoredGroup } from '../../store/store.js';
import { groupNamesAround } from '../group-names.js';
import type { TenantRuntime } from '../tenant.js';

const PREFIX = 'owed:user:';

/** A derived write the bridge owes a user: its membership changed upstream, its profile or role did not follow. */
export interface OwedWrite {
  userId: string;
  /** The group names its derived attributes were last computed from (kept from the first failure). */
  previousGroupNames: string[];
  since: string;
  reason: string;
}

/**
 * Writes the bridge owes, kept in the store until made. Only these are retried by the repair pass: it never writes a
 * user on its own initiative. Recorded when a user's derived write fails after its group membership already changed
 * upstream (OneID: the group is written first, then its members' roles).
 */
export function owedWrites(t: TenantRuntime) {
  const state = t.store.state;

  async function record(userIds: readonly string[], before: StoredGroup | undefined, next: StoredGroup | undefined, error: unknown): Promise<void> {
    const reason = error instanceof Error ? error.message : String(error);
    for (const userId of userIds) {
      const key = `${PREFIX}${userId}`;
      const existing = await state.get(t.id, key);
      // An older debt keeps its baseline: the inputs the user's derived attributes were last really computed from.
      if (existing) continue;
      const names = await groupNamesAround(t, userId, before, next);
      const owed: OwedWrite = { userId, previousGroupNames: names.before, since: t.now().toISOString(), reason };
      await state.set(t.id, key, JSON.stringify(owed));
    }
  }

  async function list(): Promise<OwedWrite[]> {
    return (await state.list(t.id, PREFIX)).map((row) => JSON.parse(row.value) as OwedWrite);
  }

  async function settle(userId: string): Promise<void> {
    await state.delete(t.id, `${PREFIX}${userId}`);
  }

  return { record, list, settle };
}
