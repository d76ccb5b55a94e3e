import type { FastifyRequest } from 'fastify';

/** What an error answer told the client, kept for the one log line of its request (`request-summary.ts`). */
export interface ErrorOutcome {
  status: number;
  scimType?: string;
  detail: string;
  /** The label of a credential other than an IdP's (an operator's admin token), when the refusal knows it. */
  credential?: string;
}

// A WeakMap rather than a request decoration: only error answers pay for it, and it needs no registration order.
const outcomes = new WeakMap<FastifyRequest, ErrorOutcome>();

export const recordErrorOutcome = (request: FastifyRequest, outcome: ErrorOutcome): void => void outcomes.set(request, outcome);

export const errorOutcomeOf = (request: FastifyRequest): ErrorOutcome | undefined => outcomes.get(request);
