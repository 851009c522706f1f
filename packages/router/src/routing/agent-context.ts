import type { Message } from '@kagura-ts/core';

/**
 * What a routed agent receives besides the user's query: the conversation it may need, and a
 * signal. The query itself is always the user's own text.
 *
 * @example
 * ```ts
 * const answer: AgentHandler = async (query, { context, abortSignal }) =>
 *   (await callLLM(`${context}\n\nUser: ${query}`, { abortSignal })).text;
 * ```
 */
export interface AgentContext {
  /** Earlier turns of the conversation, oldest first; empty when the query needs none. */
  messages: readonly Message[];
  /** The same turns as text, one `User: ...` or `Assistant: ...` line each; `''` when none. */
  context: string;
  /** Aborts when the caller no longer wants the answer. */
  abortSignal: AbortSignal | undefined;
}

/**
 * A plain function registered as an agent: it gets the user's query and the {@link AgentContext},
 * and returns its answer (text, an object, or an `LLMStream`), or a promise of it.
 *
 * @example
 * ```ts
 * const echo: AgentHandler = (query) => `You said: ${query}`;
 * ```
 */
export type AgentHandler = (query: string, context: AgentContext) => unknown;
