/*
 * A bridge in a Node process of its own, for tests that need real replicas (nothing shared in memory): the parent
 * sends `{type:'start', config}`, gets `{type:'ready', url}` once it listens, sends `{type:'reconcile'}` to run every
 * tenant's reconcile now (answered `{type:'reconciled'}`), and `{type:'close'}` to end it.
 */
import { parseConfig } from '../../src/config/load-config.js';
import { createBridge, type Bridge } from '../../src/runtime.js';

type Message = { type: 'start'; config: unknown } | { type: 'reconcile' } | { type: 'close' };

let bridge: Bridge | undefined;
let closing: Promise<void> | undefined;
const close = () => (closing ??= bridge?.close() ?? Promise.resolve());
const describe = (e: unknown) => (e instanceof Error ? (e.stack ?? e.message) : String(e));

process.on('message', (m: Message) => {
  if (m.type === 'start') {
    (async () => {
      bridge = await createBridge(parseConfig(m.config, {}), { logger: false });
      const url = await bridge.app.listen({ host: '127.0.0.1', port: 0 });
      process.send?.({ type: 'ready', url });
    })().catch((e: unknown) => process.send?.({ type: 'failed', message: describe(e) }));
  } else if (m.type === 'reconcile') {
    (bridge?.reconcileAll() ?? Promise.reject(new Error('the bridge has not started')))
      .then(() => process.send?.({ type: 'reconciled' }))
      .catch((e: unknown) => process.send?.({ type: 'reconcile-failed', message: describe(e) }));
  } else {
    void close().finally(() => process.disconnect());
  }
});
// An orphan (the test runner died) closes its bridge instead of lingering.
process.on('disconnect', () => void close());
