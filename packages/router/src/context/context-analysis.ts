import type { Message } from '@kagura-ts/core';

/** The kind of word or phrase that made a query look like it refers back. */
export type ContextCueKind =
  | 'follow-up'
  | 'reference-word'
  | 'pronoun'
  | 'demonstrative'
  | 'short-question';

/**
 * One sign that a query refers back to the conversation.
 * @example
 * ```ts
 * const cue: ContextCue = { kind: 'pronoun', text: 'it' };
 * ```
 */
export interface ContextCue {
  /** Which rule found it. */
  kind: ContextCueKind;
  /** The word or phrase found (the whole query for `short-question`). */
  text: string;
}

/**
 * Whether a query needs earlier context, and why.
 * @example
 * ```ts
 * const analysis: ContextAnalysis = {
 *   needsContext: true,
 *   cues: [{ kind: 'follow-up', text: 'what about' }],
 *   reason: 'follow-up "what about"',
 *   enhancedQuery: 'Translate "good morning" into French\nWhat about Spanish?',
 * };
 * ```
 */
export interface ContextAnalysis {
  /** Whether the query refers back to the conversation. */
  needsContext: boolean;
  /** The signs found (empty for an analyser that does not look for words). */
  cues: ContextCue[];
  /** Why, in words, for logs. */
  reason: string;
  /**
   * The query made self-standing with the conversation's help, used only to route it again
   * when the plain query routes with too little confidence. Never given to the agent.
   */
  enhancedQuery?: string;
}

/** Options of {@link QueryAnalyzer.analyze}. */
export interface AnalyzeOptions {
  /** The conversation so far, oldest first. */
  messages?: readonly Message[];
  /** Cancels an analysis that calls a model. */
  abortSignal?: AbortSignal;
}

/**
 * Decides whether a query needs earlier context. `ContextAnalyzer` (word rules, no LLM call)
 * and `LLMContextAnalyzer` implement it; so can your own. An analyser that answers synchronously
 * lets `MemoryAwareRouter` take its fast path without waiting.
 *
 * @example
 * ```ts
 * const alwaysFresh: QueryAnalyzer = {
 *   analyze: () => ({ needsContext: false, cues: [], reason: 'every query stands alone' }),
 * };
 * ```
 */
export interface QueryAnalyzer {
  /** Analyses `query` against the conversation in `options.messages`. */
  analyze(query: string, options?: AnalyzeOptions): ContextAnalysis | Promise<ContextAnalysis>;
}
