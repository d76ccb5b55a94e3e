/*
 * What the three simulators share and tests, benchmarks and the sandbox use whatever the upstream: the handle every
 * simulator extends, fault injection, console edits and the control surface's prefix. Each simulator is its own entry
 * point (`@scim-bridge/simulators/zuora-rest`, …), and so is each one's sandbox start (`…/zuora-rest/sandbox`).
 */
export { CONTROL_PREFIX } from './control-routes.js';
export { ConsoleEditError } from './console-edit.js';
export { createFaultController, MALFORMED_HTML_PAGE, matchesRoute, mulberry32, retypeScalars } from './faults.js';
export type { Fault, FaultController, FaultSettings } from './faults.js';
export { SEED_PROFILES } from './seed-profile.js';
export type { SeedProfile } from './seed-profile.js';
export type { SimulatorHandle } from './simulator-handle.js';
export type {
  SandboxSourceInstance,
  SandboxUpstreamInstance,
  SourceSimulatorOptions,
  StartSandboxSource,
  StartSandboxUpstream,
  UpstreamSimulatorOptions,
} from './sandbox-upstream.js';
