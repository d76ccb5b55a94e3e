/**
 * ZIA stages every configuration change until it is activated (ZH-GS "After modifying any configurations, you must
 * activate the changes by sending a POST request to /status/activate"; ZH-ACT). The simulator's reading [INF]: saved
 * changes are readable through the API at once ("After the update, the next GET request for that resource returns the
 * new values", ZH-GS) but are not live policy until activated; `GET /status` says `PENDING` while any change waits.
 */
export type ZiaActivationStatus = 'ACTIVE' | 'PENDING';

export type ChangedResource = 'user' | 'department' | 'group';

/** One saved, not yet activated change. */
export interface PendingChange {
  seq: number;
  /** Epoch milliseconds on the simulator's clock. */
  at: number;
  action: 'create' | 'update' | 'delete';
  resource: ChangedResource;
  id: number;
}

/** `api`: `POST /status/activate`; `logout`: `DELETE /authenticatedSession`; `idle`: the admin went quiet (ZH-GS). */
export type ActivationTrigger = 'api' | 'logout' | 'idle';

export interface ActivationRecord {
  seq: number;
  at: number;
  trigger: ActivationTrigger;
  /** What this activation made live; empty when nothing was pending. */
  changes: PendingChange[];
}

/**
 * The pending changes and every activation, in order. `onActivate` runs whenever changes go live (to refresh the
 * simulator's view of live policy). Idle auto-activation is evaluated lazily, at the next request or state read, and
 * dated when the idle period ran out.
 */
export class ActivationLedger {
  private pendingChanges: PendingChange[] = [];
  private readonly records: ActivationRecord[] = [];
  private changeSeq = 0;
  private lastActivityAt: number | undefined;

  constructor(
    private readonly now: () => number,
    private readonly idleSeconds: () => number | null,
    private readonly onActivate: () => void,
  ) {}

  record(action: PendingChange['action'], resource: ChangedResource, id: number): void {
    this.changeSeq += 1;
    this.pendingChanges.push({ seq: this.changeSeq, at: this.now(), action, resource, id });
  }

  status(): ZiaActivationStatus {
    this.sweep();
    return this.pendingChanges.length > 0 ? 'PENDING' : 'ACTIVE';
  }

  /** Make every pending change live and record the activation. */
  activate(trigger: ActivationTrigger, at = this.now()): ActivationRecord {
    const record: ActivationRecord = { seq: this.records.length + 1, at, trigger, changes: this.pendingChanges };
    this.pendingChanges = [];
    this.records.push(record);
    this.onActivate();
    return structuredClone(record);
  }

  /** An authenticated request arrived: the admin is active now. Runs the idle check first. */
  noteActivity(): void {
    this.sweep();
    this.lastActivityAt = this.now();
  }

  /** Activate what is pending if the admin has been idle long enough (ZH-GS auto-activation). */
  sweep(): void {
    const idle = this.idleSeconds();
    if (idle === null || this.lastActivityAt === undefined || this.pendingChanges.length === 0) return;
    const due = this.lastActivityAt + idle * 1000;
    if (this.now() >= due) this.activate('idle', due);
  }

  pending(): PendingChange[] {
    this.sweep();
    return this.pendingChanges.map((c) => ({ ...c }));
  }

  activations(): ActivationRecord[] {
    this.sweep();
    return structuredClone(this.records);
  }
}
