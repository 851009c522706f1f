/**
 * Which agent a router chose for a query, how confident it is, and how it decided.
 * @example
 * ```ts
 * const decision = await router.route('Translate "hello" into French');
 * // { agent: 'translate', confidence: 0.75, strategy: 'keyword', fallback: false, ... }
 * ```
 */
export interface RouteDecision {
  /** The chosen agent's name. */
  agent: string;
  /**
   * The confidence of the best match, 0 to 1. When `fallback` is true this is the best match's
   * (too low) confidence, not the fallback agent's.
   */
  confidence: number;
  /** The name of the strategy that decided: `'keyword'`, `'llm'`, or your strategy's `name`. */
  strategy: string;
  /**
   * Whether the fallback agent was chosen: no agent reached the threshold, or the strategy
   * failed (`classifierError` says how).
   */
  fallback: boolean;
  /**
   * Why the strategy gave no answer when the fallback was chosen because of it: what its
   * `decide` threw (for `'llm'`, the classifier call's error, e.g. an `APICallError` with status
   * 503 after the last retry). Absent otherwise.
   */
  classifierError?: unknown;
  /**
   * Each agent's confidence by name: every agent for `keyword`, the chosen one for `llm`, what
   * the strategy reported for your own.
   */
  scores: Readonly<Record<string, number>>;
  /** The query that was routed. */
  query: string;
}

/**
 * A route decision and what the chosen agent returned.
 * @example
 * ```ts
 * const { agent, output } = await router.run('Translate "hello" into French');
 * ```
 */
export interface RouteResult<OUTPUT = unknown> extends RouteDecision {
  /** What the agent returned: text, an object, or an `LLMStream` for streaming agents. */
  output: OUTPUT;
}
