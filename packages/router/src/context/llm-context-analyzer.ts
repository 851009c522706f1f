import { type CacheControl, type Client, getDefaultClient, type Message } from '@kagura-ts/core';
import { isRecord } from '@kagura-ts/provider';
import { createJsonValidator, type JsonIssue } from '../util/create-json-validator.js';
import { formatConversation } from '../util/format-conversation.js';
import type { AnalyzeOptions, ContextAnalysis, QueryAnalyzer } from './context-analysis.js';
import { ContextAnalyzer } from './context-analyzer.js';

/** Options for {@link LLMContextAnalyzer}. */
export interface LLMContextAnalyzerOptions {
  /**
   * The client to call through.
   * @default the default client
   */
  client?: Client;
  /**
   * The model that analyses, e.g. a small fast one.
   * @default the client's model
   * @example 'openai:gpt-4o-mini'
   */
  model?: string;
  /**
   * A word-rule analyser asked first: a query it finds self-contained is answered without a
   * call. `false` sends every query that has a conversation to the model.
   * @default new ContextAnalyzer()
   */
  prefilter?: ContextAnalyzer | false;
  /**
   * The instructions sent as the system prompt.
   * @default a short instruction to decide whether the new message depends on the conversation and to rewrite it as a standalone request
   */
  instructions?: string;
  /**
   * Cache controls for the analysis call. Identical conversations and queries hit the cache.
   * @default the client's cache settings
   */
  cache?: CacheControl;
}

interface LLMAnalysis {
  needsContext: boolean;
  standaloneQuery: string;
}

const defaultInstructions =
  'You decide whether the new message of a conversation can be understood on its own or ' +
  'depends on earlier messages (pronouns, "what about", "again", ...). Set needsContext ' +
  'accordingly, and rewrite the new message as a standalone request in standaloneQuery (the ' +
  'message itself when it already stands alone).';

const analysisSchema = createJsonValidator<LLMAnalysis>(
  {
    type: 'object',
    properties: {
      needsContext: {
        type: 'boolean',
        description: 'Whether the new message depends on earlier messages.',
      },
      standaloneQuery: {
        type: 'string',
        description: 'The new message rewritten to be understood without the conversation.',
      },
    },
    required: ['needsContext', 'standaloneQuery'],
    additionalProperties: false,
  },
  (value) => {
    const issues: JsonIssue[] = [];
    if (!isRecord(value)) return [{ message: 'expected an object' }];
    if (typeof value.needsContext !== 'boolean') {
      issues.push({ message: 'expected a boolean', path: ['needsContext'] });
    }
    if (typeof value.standaloneQuery !== 'string') {
      issues.push({ message: 'expected a string', path: ['standaloneQuery'] });
    }
    return issues;
  },
);

/**
 * A context analyser backed by a model: one structured-output call decides whether the query
 * depends on the conversation and rewrites it as a standalone request (the context-enhanced
 * query). A query with no conversation before it, or one the `prefilter` word rules find
 * self-contained, is answered synchronously without a call.
 *
 * @example
 * ```ts
 * const analyzer = new LLMContextAnalyzer({ model: 'openai:gpt-4o-mini' });
 * const router = new MemoryAwareRouter({ router, memory, analyzer });
 * ```
 */
export class LLMContextAnalyzer implements QueryAnalyzer {
  private readonly options: LLMContextAnalyzerOptions;
  private readonly prefilter: ContextAnalyzer | undefined;

  constructor(options: LLMContextAnalyzerOptions = {}) {
    this.options = options;
    this.prefilter =
      options.prefilter === false ? undefined : (options.prefilter ?? new ContextAnalyzer());
  }

  /** Analyses `query` against `options.messages`; calls the model only when it must. */
  analyze(query: string, options: AnalyzeOptions = {}): ContextAnalysis | Promise<ContextAnalysis> {
    const messages = options.messages ?? [];
    if (messages.length === 0) {
      return { needsContext: false, cues: [], reason: 'no earlier messages' };
    }
    const prefiltered = this.prefilter?.analyze(query);
    if (prefiltered !== undefined && !prefiltered.needsContext) return prefiltered;
    return this.ask(query, messages, options.abortSignal, prefiltered?.cues ?? []);
  }

  private async ask(
    query: string,
    messages: readonly Message[],
    abortSignal: AbortSignal | undefined,
    cues: ContextAnalysis['cues'],
  ): Promise<ContextAnalysis> {
    const client = this.options.client ?? getDefaultClient();
    const prompt = `Conversation:\n${formatConversation(messages)}\n\nNew message: ${query}`;
    const { object } = await client.call(prompt, {
      model: this.options.model,
      system: this.options.instructions ?? defaultInstructions,
      schema: analysisSchema,
      schemaName: 'context_analysis',
      temperature: 0,
      cache: this.options.cache,
      abortSignal,
      agentName: 'context-analyzer',
    });
    return {
      needsContext: object.needsContext,
      cues,
      reason: object.needsContext
        ? 'the model found that it depends on the conversation'
        : 'the model found that it stands alone',
      enhancedQuery: object.standaloneQuery.trim() === '' ? undefined : object.standaloneQuery,
    };
  }
}
