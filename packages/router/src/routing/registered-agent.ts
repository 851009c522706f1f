/**
 * An agent as registered in a router.
 * @example
 * ```ts
 * router.agents.map((agent) => `${agent.name}: ${agent.description}`);
 * ```
 */
export interface RegisteredAgent {
  /** The agent's name, unique in the router. */
  readonly name: string;
  /** What the agent does. */
  readonly description: string | undefined;
  /** Phrases naming what the user wants it for (2 points each). */
  readonly intents: readonly string[];
  /** Words typical of its queries (1 point each). */
  readonly keywords: readonly string[];
  /**
   * What it is: a plain `function`, a `defineAgent` `template`, an `@agent` `method`, or a
   * `workflow`.
   */
  readonly kind: 'function' | 'template' | 'method' | 'workflow';
}
