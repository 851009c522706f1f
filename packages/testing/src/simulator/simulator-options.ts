import type { LatencyOption } from './latency.js';
import type { RecordedRequest } from './recorded-request.js';
import type { SimulatorFault } from './simulator-fault.js';
import type { SimulatorRule } from './simulator-rule.js';

/** Options of {@link startSimulator}. */
export interface SimulatorOptions {
  /**
   * The port to listen on; `0` picks a free one.
   * @default 0
   */
  port?: number;
  /**
   * The interface to listen on.
   * @default '127.0.0.1'
   */
  host?: string;
  /**
   * How fast replies come. `'none'` or `false` answers at once without any timer (for fast tests
   * and benchmarks).
   * @default DEFAULT_LATENCY_PROFILE (400-700 ms to the first token, 60-70 tokens/s)
   */
  latency?: LatencyOption;
  /**
   * Seed for generated text, generated JSON and latency jitter. Replies depend only on the
   * request and this seed.
   * @default 0
   */
  seed?: number;
  /**
   * Length of a generated reply in tokens. A request's smaller `max_tokens` truncates it and the
   * finish reason becomes `length` / `max_tokens`.
   * @default 24
   */
  replyTokens?: number;
  /** Rules scripting replies; the first matching one wins. `reset()` re-arms them. */
  rules?: SimulatorRule[];
  /** Faults armed at start (same as calling `injectFault` for each). `reset()` clears them. */
  faults?: SimulatorFault[];
  /**
   * Model ids listed by `GET /v1/models`.
   * @default ['gpt-4o-mini', 'claude-haiku-4-5']
   */
  models?: string[];
  /**
   * Whether to model the providers' prompt caching: Anthropic `cache_control` breakpoints and
   * OpenAI's automatic prefix caching, per API key and model, with their TTLs and minimum lengths.
   * Cached tokens are reported in usage, shorten the time to the first token, and are recorded in
   * `RecordedRequest.promptCache`. `false` reports no cached tokens, as before. `reset()` empties
   * the caches.
   * @default true
   */
  promptCache?: boolean;
  /**
   * The clock prompt-cache TTLs run on, in milliseconds; inject one to expire entries in a test
   * without waiting.
   * @default Date.now
   * @example
   * ```ts
   * let time = 0;
   * const sim = await startSimulator({ latency: 'none', now: () => time });
   * time += 5 * 60_000; // every 5-minute prefix has now expired
   * ```
   */
  now?: () => number;
  /**
   * Whether to keep every request in `simulator.requests`. Turn off for long benchmarks so memory
   * stays flat; `disconnects` is still counted.
   * @default true
   */
  recordRequests?: boolean;
  /**
   * Called once per request when its exchange ends (reply written, connection dropped, or the
   * client gone), with the final record: status, `endedAt - startedAt`, the body's model. It is
   * called whether or not `recordRequests` keeps the request. Off by default.
   * @default undefined (no hook)
   * @example
   * ```ts
   * await startSimulator({
   *   onRequestEnd: (request) => console.error(request.method, request.path, request.status),
   * });
   * ```
   */
  onRequestEnd?: (request: RecordedRequest) => void;
}
