import { CallLog } from './call-log.js';
import type { BulkTargets } from './call-log.js';
import { CONTROL_PREFIX } from './control-routes.js';
import { createFaultController } from './faults.js';
import type { FaultController, FaultRenderer, FaultSettings } from './faults.js';

/** What a simulator tells the shared call log and fault injector about itself. */
export interface SimulatorInstrumentOptions {
  /** How the upstream words an injected 429 or 5xx. */
  renderFault: FaultRenderer;
  /** Initial probabilistic fault settings. */
  faultSettings?: FaultSettings;
  /** Routes spared unless a setting or `failNext` names them: the credential endpoint, e.g. `POST /oauth/token`. */
  defaultExclude: string[];
  /** Invalidate every credential the simulator has issued (run by `faults.expireAllTokens()`). */
  expireTokens: () => void;
  /** The ids a bulk route's body names, for `writes()`; default none (the upstream has no bulk routes). */
  bulkTargets?: BulkTargets;
}

/** The call log and fault injector of one simulator, wired to each other. */
export interface SimulatorInstruments {
  calls: CallLog;
  faults: FaultController;
}

/**
 * The instruments every upstream simulator is built with: a call log and a fault controller that both leave the
 * control surface (`/__sim/*`) alone, an injected fault marked on the call it hit, and token expiry wired to the
 * simulator's credential store (docs/architecture.md "Simulators are product code").
 */
export function createSimulatorInstruments(options: SimulatorInstrumentOptions): SimulatorInstruments {
  const calls = new CallLog([`${CONTROL_PREFIX}/*`], options.bulkTargets);
  const faults = createFaultController({
    render: options.renderFault,
    ...(options.faultSettings ? { settings: options.faultSettings } : {}),
    defaultExclude: options.defaultExclude,
    neverFault: [`${CONTROL_PREFIX}/*`],
    onInjected: (request, fault) => calls.markFault(request, fault),
  });
  faults.onExpireAllTokens(options.expireTokens);
  return { calls, faults };
}
