/**
 * How a router sees an agent: its name, what it does, and the phrases that select it. Given when
 * registering an agent.
 *
 * @example
 * ```ts
 * router.register(translate, { intents: ['translate'], keywords: ['french', 'spanish'] });
 * ```
 */
export interface AgentRoute {
  /**
   * The agent's name, unique in the router.
   * @default the agent's own name (`defineAgent`'s `name`, the `@agent` name, the function's name)
   */
  name?: string;
  /**
   * What the agent does, shown to the LLM classifier.
   * @default the agent's own description
   */
  description?: string;
  /**
   * Phrases naming what the user wants this agent for. Each one found in a query scores 2.
   * @default []
   * @example ['translate', 'review code']
   */
  intents?: readonly string[];
  /**
   * Words or phrases typical of this agent's queries. Each one found in a query scores 1.
   * @default []
   * @example ['french', 'spanish', 'language']
   */
  keywords?: readonly string[];
  /**
   * For `defineAgent` agents: the template variable that receives the user's query. The
   * conversation goes in `context` (text) and `messages` (an array).
   * @default 'query'
   */
  queryVariable?: string;
  /**
   * For `@agent` methods: whether the method declares a second parameter for the conversation
   * context, e.g. `answer(query: string, context = '')`. It then receives the context as text
   * (`''` when there is none). Without it the method is called with the query alone.
   * @default false
   */
  acceptsContext?: boolean;
}
