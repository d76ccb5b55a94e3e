/**
 * The PATCH engine of RFC 7644 §3.5.2: pure functions over plain resources, driven by the resource's schemas.
 * See {@link applyPatch} for the contract; each operation's rules are documented where they are implemented
 * (`add.ts`, `replace.ts`, `remove.ts`, `value-path.ts`, `no-path.ts`).
 */
export { applyPatch, applyPatchInSteps } from './apply.js';
