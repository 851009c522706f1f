import type { LatencyOption } from './latency.js';
import type { RecordedRequest } from './recorded-request.js';
import type { SimulatorFault } from './simulator-fault.js';
import type { SimulatorRule } from './simulator-rule.js';

/** A running LLM simulator, returned by {@link startSimulator}. */
export interface Simulator {
  /** The server's base URL, e.g. `http://127.0.0.1:53123`. */
  readonly url: string;
  /** The port listened on. */
  readonly port: number;
  /** `baseURL` for the `openai` SDK: `url + '/v1'`. */
  readonly openaiBaseURL: string;
  /** `baseURL` for `@anthropic-ai/sdk` (the SDK appends `/v1/messages`): `url`. */
  readonly anthropicBaseURL: string;
  /** Every request received, in arrival order; a live array whose entries update in place. */
  readonly requests: RecordedRequest[];
  /** How many requests the client abandoned before their reply finished. */
  readonly disconnects: number;
  /** Adds a rule after the existing ones (removed by `reset()`). */
  addRule(rule: SimulatorRule): void;
  /** Arms a fault for the next matching request(s). */
  injectFault(fault: SimulatorFault): void;
  /** Changes the latency of requests that arrive from now on. */
  setLatency(latency: LatencyOption): void;
  /**
   * Clears recorded requests, the disconnect count, pending faults and the prompt caches, removes
   * rules added with `addRule`, re-arms the rules from options and restores the latency from
   * options.
   */
  reset(): void;
  /**
   * Resolves once `predicate(requests)` is true, checking after every change to a recorded
   * request; rejects after `timeoutMs`.
   * @param timeoutMs defaults to 5000
   * @example
   * ```ts
   * await sim.waitFor((requests) => requests.some((request) => request.disconnected));
   * ```
   */
  waitFor(predicate: (requests: RecordedRequest[]) => boolean, timeoutMs?: number): Promise<void>;
  /**
   * Stops listening and destroys open connections (keep-alive included), ending in-flight replies.
   * Calling it again returns the same promise.
   */
  close(): Promise<void>;
}
