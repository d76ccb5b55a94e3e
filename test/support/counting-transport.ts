import { Agent, type Dispatcher } from 'undici';

/**
 * A transport that knows how many requests are on the wire, so that fake time never passes while one is (a request
 * granted at 12:00:00 by a client-side budget must reach the simulator at 12:00:00, as it would in real time). The
 * same for the ZIA unit harness (test/unit/upstreams/zscaler-zia/harness.ts) and for tests that run a whole bridge.
 */
export function countingTransport(): { dispatcher: Dispatcher; inFlight(): number; close(): Promise<void> } {
  let inFlight = 0;
  const agent = new Agent();
  const terminal = new Set(['onResponseEnd', 'onResponseError', 'onComplete', 'onError']);
  const dispatcher: Dispatcher = agent.compose((dispatch) => (opts, handler) => {
    inFlight++;
    let open = true;
    const wrapped = new Proxy(handler, {
      get(target, prop, receiver) {
        const value: unknown = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function') return value;
        if (!terminal.has(String(prop))) return value.bind(target);
        return (...args: unknown[]) => {
          if (open) inFlight--;
          open = false;
          return value.apply(target, args);
        };
      },
    });
    return dispatch(opts, wrapped);
  });
  return { dispatcher, inFlight: () => inFlight, close: () => agent.close() };
}
