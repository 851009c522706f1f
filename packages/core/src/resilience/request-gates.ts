import type { ModelRequest, Usage } from '@kagura-ts/provider';
import { InvalidArgumentError } from '@kagura-ts/provider';
import { RateBudget, type RateReservation } from './rate-budget.js';
import type { LimitsOptions, RequestLimits } from './resilience-options.js';
import { SlotPool } from './slot-pool.js';
import { takeTicket } from './wait-queue.js';

/** A request's pass through its gates; settle it once the request is over. */
export interface GatePass {
  /** Frees the concurrency slots and settles the token budgets with the real usage. */
  release(usage?: Usage): void;
}

/** Options of {@link RequestGates.pass}. */
export interface GatePassOptions {
  /** The provider's name, e.g. `'openai'`. */
  provider: string;
  /** The model id, e.g. `'gpt-4o'`. */
  modelId: string;
  /** The request, for its token estimate. */
  request: ModelRequest;
  /** Leaves every queue on abort: `pass` rejects with an `AbortError`. */
  signal?: AbortSignal;
  /**
   * The call's place in line, taken on its first pass and kept for its retries (see
   * `takeTicket`). @default a new ticket, i.e. the back of every queue
   */
  ticket?: number;
  /** Told of each wait at a limit of at least a millisecond, once it is over. */
  onWait?: (wait: GateWait) => void;
}

/** A request's wait at one limit. */
export interface GateWait {
  /** The limit's key: a provider name or `provider:model`. */
  gate: string;
  limit: 'concurrency' | 'requestsPerMinute' | 'tokensPerMinute';
  waitedMs: number;
}

interface Gate {
  key: string;
  slots: SlotPool | undefined;
  requests: RateBudget | undefined;
  tokens: RateBudget | undefined;
}

/**
 * The client's limits on what it sends: per provider and per `provider:model`, a fair
 * concurrency queue and requests-per-minute and tokens-per-minute budgets (no more than the
 * limit in any 60-s window). Only requests that go upstream pass through (cache hits cost
 * nothing), and each retry passes again, in the place its call first had in line.
 */
export class RequestGates {
  private readonly gates = new Map<string, Gate>();

  constructor(
    private readonly limits: LimitsOptions = {},
    private readonly now: () => number = Date.now,
  ) {
    for (const [key, value] of Object.entries(limits)) checkLimits(key, value);
  }

  /**
   * Waits until the request may go, in ticket order, and takes its share of every budget. The
   * budgets count the request as sent when `pass` resolves.
   */
  async pass(options: GatePassOptions): Promise<GatePass> {
    const { provider, modelId, request, signal, ticket = takeTicket(), onWait } = options;
    // The model's gate first: a call waiting for its model holds no provider slot meanwhile, so
    // it cannot starve the provider's other models.
    const gates = [this.gate(`${provider}:${modelId}`), this.gate(provider)].filter(
      (gate): gate is Gate => gate !== undefined,
    );
    if (gates.length === 0) return { release: () => {} };
    const estimate = estimateTokens(request);
    const releases: Array<() => void> = [];
    const requests: RateReservation[] = [];
    const tokens: RateReservation[] = [];
    try {
      // Each wait is timed only to be reported; a limit with room resolves at once.
      const timed = async <T>(gate: Gate, limit: GateWait['limit'], wait: Promise<T>) => {
        if (onWait === undefined) return wait;
        const started = performance.now();
        const value = await wait;
        const waitedMs = performance.now() - started;
        if (waitedMs >= 1) onWait({ gate: gate.key, limit, waitedMs });
        return value;
      };
      for (const gate of gates) {
        if (gate.slots !== undefined) {
          releases.push(await timed(gate, 'concurrency', gate.slots.acquire({ ticket, signal })));
        }
        if (gate.requests !== undefined) {
          const take = gate.requests.take(1, { ticket, signal });
          requests.push(await timed(gate, 'requestsPerMinute', take));
        }
        if (gate.tokens !== undefined) {
          const take = gate.tokens.take(estimate, { ticket, signal });
          tokens.push(await timed(gate, 'tokensPerMinute', take));
        }
      }
    } catch (error) {
      for (const reservation of [...requests, ...tokens]) reservation.cancel();
      for (const release of releases) release();
      throw error;
    }
    // Held as pending while the later gates were waited for; sent from now on.
    for (const reservation of [...requests, ...tokens]) reservation.commit();
    let released = false;
    return {
      release: (usage) => {
        if (released) return;
        released = true;
        for (const release of releases) release();
        if (usage === undefined) return;
        const used = usage.inputTokens + usage.outputTokens;
        for (const reservation of tokens) reservation.adjust(used - reservation.amount);
      },
    };
  }

  /** How many requests wait at each limit's key now (for the `kagura.limit.queued` gauge). */
  *queued(): Iterable<{ gate: string; queued: number }> {
    for (const gate of this.gates.values()) {
      const queued =
        (gate.slots?.waiting ?? 0) + (gate.requests?.waiting ?? 0) + (gate.tokens?.waiting ?? 0);
      yield { gate: gate.key, queued };
    }
  }

  private gate(key: string): Gate | undefined {
    const limits = this.limits[key];
    if (limits === undefined) return undefined;
    let gate = this.gates.get(key);
    if (gate === undefined) {
      gate = {
        key,
        slots: limits.concurrency === undefined ? undefined : new SlotPool(limits.concurrency),
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
