import type { FastifyRequest } from 'fastify';
import { createZuoraOneIdSimulator, type ZuoraOneIdSimulator, type ZuoraOneIdSimulatorOptions } from '@scim-bridge/simulators/zuora-oneid';
import { USER_SCHEMA, type ScimUser } from '../../../../src/scim/resource.js';
import { newUpstreamContext, type UpstreamContext } from '../../../../src/upstreams/call-record.js';
import type { UpstreamAdapter } from '../../../../src/upstreams/upstream.js';
import {
  createZuoraOneIdAdapter,
  zuoraOneIdConfigSchema,
  type ZuoraOneIdAdapterDeps,
  type ZuoraOneIdConfig,
} from '../../../../src/upstreams/zuora-oneid/index.js';

/** One request as the simulator saw it: headers as received, the body once inflated, and how it answered. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
  status?: number;
  responseHeaders?: Record<string, unknown>;
}

export interface OneIdHarness {
  sim: ZuoraOneIdSimulator;
  adapter: UpstreamAdapter;
  config: ZuoraOneIdConfig;
  /** SCIM requests (not the token endpoint) the simulator received, in order. */
  seen(method?: string, urlPrefix?: string): SeenRequest[];
  close(): Promise<void>;
}

type ConfigInput = Partial<Omit<ZuoraOneIdConfig, 'type' | 'timeouts' | 'retry'>> & {
  timeouts?: Partial<ZuoraOneIdConfig['timeouts']>;
  retry?: Partial<ZuoraOneIdConfig['retry']>;
};

/** Records every SCIM exchange on the simulator's side (hooks run after the simulator's own). */
function recordExchanges(sim: ZuoraOneIdSimulator): SeenRequest[] {
  const log: SeenRequest[] = [];
  const byRequest = new WeakMap<FastifyRequest, SeenRequest>();
  sim.app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/scim/v2/')) return;
    const entry: SeenRequest = { method: request.method, url: request.url, headers: { ...request.headers } };
    log.push(entry);
    byRequest.set(request, entry);
  });
  sim.app.addHook('preValidation', async (request) => {
    const entry = byRequest.get(request);
    if (entry) entry.body = request.body;
  });
  sim.app.addHook('onSend', async (request, reply, payload) => {
    const entry = byRequest.get(request);
    if (entry) {
      entry.status = reply.statusCode;
      entry.responseHeaders = { ...reply.getHeaders() };
    }
    return payload;
  });
  return log;
}

/** A OneID simulator on a real port and an adapter configured for it. */
export async function oneIdHarness(
  options: { config?: ConfigInput; sim?: ZuoraOneIdSimulatorOptions; deps?: ZuoraOneIdAdapterDeps } = {},
): Promise<OneIdHarness> {
  const sim = createZuoraOneIdSimulator(options.sim);
  const log = recordExchanges(sim);
  const baseUrl = await sim.listen();
  const config = zuoraOneIdConfigSchema.parse({
    type: 'zuora-oneid',
    baseUrl,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    organizationId: sim.orgId,
    ...options.config,
    retry: { baseDelayMs: 1, ...options.config?.retry },
  });
  const adapter = createZuoraOneIdAdapter(config, { sleep: async () => undefined, ...options.deps });
  return {
    sim,
    adapter,
    config,
    seen: (method, urlPrefix = '/scim/v2/') => log.filter((r) => (method === undefined || r.method === method) && r.url.startsWith(urlPrefix)),
    async close() {
      await adapter.close();
      await sim.close();
    },
  };
}

export const ctx = (requestId = `test-${Math.random().toString(36).slice(2)}`, writeBasis?: string): UpstreamContext => ({
  ...newUpstreamContext(requestId),
  ...(writeBasis === undefined ? {} : { writeBasis }),
});

/** A user as an IdP sends it: no preferredLanguage, locale, organizationId or roles. */
export const idpUser = (userName: string, extra: Partial<ScimUser> = {}): ScimUser => ({
  schemas: [USER_SCHEMA],
  userName,
  name: { givenName: 'Ada', familyName: 'Lovelace' },
  emails: [{ value: userName, type: 'work', primary: true }],
  active: true,
  ...extra,
});

/** A header the simulator received, as one string. */
export const headerOf = (r: SeenRequest | undefined, name: string): string | undefined => {
  const v = r?.headers[name.toLowerCase()];
  return Array.isArray(v) ? v.join(', ') : v;
};
