import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { createLimiter, type Limiter } from '../parallel/create-limiter.js';
import type { ModelRequest } from '../spec/model-request.js';
import type { Usage } from '../spec/usage.js';
import { RateBudget } from './rate-budget.js';
import type { LimitsOptions, RequestLimits } from './resilience-options.js';

/** A request's pass through its gates; settle it once the request is over. */
export interface GatePass {
  /** Frees the concurrency slots and settles the token budgets with the real usage. */
  release(usage?: Usage): void;
}

interface Gate {
  limiter: Limiter | undefined;
  requests: RateBudget | undefined;
  tokens: RateBudget | undefined;
}

/**
 * The client's limits on what it sends: per provider and per `provider:model`, a fair
 * concurrency queue and requests-per-minute and tokens-per-minute budgets. Only requests that
 * go upstream pass through (cache hits cost nothing), and each retry passes again.
 */
export class RequestGates {
  private readonly gates = new Map<string, Gate>();

  constructor(
    private readonly limits: LimitsOptions = {},
    private readonly now: () => number = Date.now,
  ) {
    for (const [key, value] of Object.entries(limits)) checkLimits(key, value);
  }

  /** Waits until the request may go, in order, and takes its share of every budget. */
  async pass(
    provider: string,
    modelId: string,
    request: ModelRequest,
    signal?: AbortSignal,
  ): Promise<GatePass> {
    // The model's gate first: a call waiting for its model holds no provider slot meanwhile, so
    // it cannot starve the provider's other models.
    const gates = [this.gate(`${provider}:${modelId}`), this.gate(provider)].filter(
      (gate): gate is Gate => gate !== undefined,
    );
    if (gates.length === 0) return { release: () => {} };
    const estimate = estimateTokens(request);
    const releases: Array<() => void> = [];
    try {
      for (const gate of gates) {
        if (gate.limiter !== undefined) releases.push(await acquireSlot(gate.limiter, signal));
        await gate.requests?.take(1, signal);
        await gate.tokens?.take(estimate, signal);
      }
    } catch (error) {
      for (const release of releases) release();
      throw error;
    }
    let released = false;
    return {
      release: (usage) => {
        if (released) return;
        released = true;
        for (const release of releases) release();
        if (usage === undefined) return;
        for (const gate of gates)
          gate.tokens?.adjust(usage.inputTokens + usage.outputTokens - estimate);
      },
    };
  }

  private gate(key: string): Gate | undefined {
    const limits = this.limits[key];
    if (limits === undefined) return undefined;
    let gate = this.gates.get(key);
    if (gate === undefined) {
      gate = {
        limiter: limits.concurrency === undefined ? undefined : createLimiter(limits.concurrency),
        requests:
          limits.requestsPerMinute === undefined
            ? undefined
            : new RateBudget(limits.requestsPerMinute, this.now),
        tokens:
          limits.tokensPerMinute === undefined
            ? undefined
            : new RateBudget(limits.tokensPerMinute, this.now),
      };
      this.gates.set(key, gate);
    }
    return gate;
  }
}

// The slot is held from the moment it is granted until `release` is called.
function acquireSlot(limiter: Limiter, signal: AbortSignal | undefined): Promise<() => void> {
  return new Promise((resolve, reject) => {
    limiter
      .run(() => new Promise<void>((release) => resolve(() => release())), { signal })
      .catch(reject);
  });
}

/** A rough token count of a request (four characters a token), plus its output allowance. */
export function estimateTokens(request: ModelRequest): number {
  let characters = 0;
  for (const message of request.messages) {
    if (typeof message.content === 'string') characters += message.content.length;
    else characters += JSON.stringify(message.content).length;
  }
  return Math.ceil(characters / 4) + (request.maxTokens ?? 256);
}

function checkLimits(key: string, limits: RequestLimits): void {
  for (const field of ['concurrency', 'requestsPerMinute', 'tokensPerMinute'] as const) {
    const value = limits[field];
    if (value === undefined) continue;
    const valid = value === Number.POSITIVE_INFINITY || (Number.isInteger(value) && value > 0);
    if (!valid) {
      throw new InvalidArgumentError({
        argument: `limits['${key}'].${field}`,
        value,
        message: `expected a positive integer (or Infinity), got ${String(value)}.`,
      });
    }
  }
}
