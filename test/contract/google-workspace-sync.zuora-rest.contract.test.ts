import { googleWorkspaceSyncContract } from './google-workspace-sync-contract.js';

/* Issue 13's sync contract (google-workspace-sync-contract.ts) against the zuora-rest simulator. */
googleWorkspaceSyncContract('zuora-rest');
