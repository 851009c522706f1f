import {
  InvalidArgumentError,
  type Message,
  type OperationSpan,
  parallelGather,
} from '@kagura-ts/core';
import type { ContextAnalysis, QueryAnalyzer } from '../context/context-analysis.js';
import { ContextAnalyzer } from '../context/context-analyzer.js';
import type { MemoryManager } from '../memory/memory-manager.js';
import { endWithOutput } from '../util/end-with-output.js';
import { isLLMStream } from '../util/is-llm-stream.js';
import type { AgentRouter } from './agent-router.js';
import { NoRouteError } from './no-route-error.js';
import type { RouteDecision, RouteResult } from './route-decision.js';
import { recordRoute, startRouteSpan } from './route-span.js';

/** Options for {@link MemoryAwareRouter}. */
export interface MemoryAwareRouterOptions {
  /** The router that chooses and runs agents. */
  router: AgentRouter;
  /**
   * The memory to read the conversation from and record turns in. Share one manager between
   * routers and agents so that memory carries over.
   */
  memory: MemoryManager;
  /**
   * Decides whether a query needs earlier context. A synchronous answer of "no" takes the fast
   * path at once.
   * @default new ContextAnalyzer() (word rules, no LLM call)
   */
  analyzer?: QueryAnalyzer;
  /**
   * How many of the latest conversation messages to analyse and give the agent as context.
   * @default 10
   */
  contextMessages?: number;
}

/** Options of {@link MemoryAwareRouter.run}. */
export interface MemoryRunOptions {
  /** Cancels analysis, routing and the agent. */
  abortSignal?: AbortSignal;
}

/**
 * How a memory-aware router reached its decision.
 * @example
 * ```ts
 * const { path, rerouted, analysis } = await router.route('What about Spanish?');
 * ```
 */
export interface MemoryRouteDecision extends RouteDecision {
  /**
   * `'fast'`: the analyser said no context was needed, so the query was routed directly.
   * `'context'`: context was analysed while the query was routed, in parallel.
   */
  path: 'fast' | 'context';
  /** Whether the agent is given the conversation as context. */
  usesContext: boolean;
  /** Whether the plain query routed with too little confidence and the enhanced one was routed. */
  rerouted: boolean;
  /** The query that was routed: the user's, or the context-enhanced one when `rerouted`. */
  routedQuery: string;
  /** The analyser's verdict. */
  analysis: ContextAnalysis;
  /** The conversation given to the agent (empty unless `usesContext`). */
  messages: readonly Message[];
}

/** A memory-aware route decision and what the chosen agent returned. */
export interface MemoryRouteResult<OUTPUT = unknown>
  extends MemoryRouteDecision,
    RouteResult<OUTPUT> {}

/**
 * Routes with the conversation in mind, and records it. For each query:
 *
 * 1. The analyser decides whether the query refers back (an empty conversation never does).
 * 2. **Fast path**: it does not. The query is routed as it is and the agent gets no context.
 * 3. **Context path**: it does, or the analyser needs a model call to say. The analysis (which
 *    builds the context-enhanced query) and the routing of the plain query run in parallel. If
 *    the plain route reaches the router's threshold, it stands; otherwise the enhanced query is
 *    routed. The agent gets the conversation as context.
 * 4. The chosen agent runs once, with the user's own query. The user's turn, then the agent's
 *    answer (a stream's text once it ends) or its error, are recorded in memory, on both paths.
 *
 * Each decision is one INTERNAL `route {router name}` span, with the `kagura.route.*` attributes
 * of the decision and `kagura.route.path`, `kagura.route.rerouted` and
 * `kagura.route.uses_context`. The analysis and the underlying router's own `route` spans (in a
 * `parallel_gather` span on the context path) are its children, and in `run` so is the agent.
 *
 * @example
 * ```ts
 * const chat = new MemoryAwareRouter({ router, memory: new MemoryManager() });
 * await chat.run('Translate "good morning" into French');
 * await chat.run('What about Spanish?'); // routed to translate again, with the conversation
 * ```
 */
export class MemoryAwareRouter {
  /** The underlying router. */
  readonly router: AgentRouter;
  /** The memory it reads and records. */
  readonly memory: MemoryManager;
  private readonly analyzer: QueryAnalyzer;
  private readonly contextMessages: number;

  constructor(options: MemoryAwareRouterOptions) {
    this.router = options.router;
    this.memory = options.memory;
    this.analyzer = options.analyzer ?? new ContextAnalyzer();
    const contextMessages = options.contextMessages ?? 10;
    if (!Number.isInteger(contextMessages) || contextMessages < 0) {
      throw new InvalidArgumentError({
        argument: 'contextMessages',
        value: contextMessages,
        message: `${String(contextMessages)} is not a whole number of zero or more. Try 10.`,
      });
    }
    this.contextMessages = contextMessages;
  }

  /** Decides which agent takes `query`, and with what context, without running it or recording. */
  async route(query: string, options: MemoryRunOptions = {}): Promise<MemoryRouteDecision> {
    const operation = startRouteSpan(this.router.name, this.router.strategy.name);
    try {
      const decision = await operation.run(() => this.decide(query, options));
      recordMemoryRoute(operation, decision);
      return decision;
    } catch (error) {
      operation.end(error);
      throw error;
    } finally {
      operation.end();
    }
  }

  // The decision of `route` and `run`, without a span. It reads the conversation at once.
  private async decide(query: string, options: MemoryRunOptions): Promise<MemoryRouteDecision> {
    const messages = this.memory.getMessages({ last: this.contextMessages });
    const { abortSignal } = options;
    const fast = (analysis: ContextAnalysis, decision: RouteDecision): MemoryRouteDecision => ({
      ...decision,
      routedQuery: query,
      path: 'fast',
      usesContext: false,
      rerouted: false,
      analysis,
      messages: [],
    });
    if (messages.length === 0) {
      const analysis = { needsContext: false, cues: [], reason: 'no earlier messages' };
      return fast(analysis, await this.router.route(query, { abortSignal }));
    }
    const pending = this.analyzer.analyze(query, { messages, abortSignal });
    if (!isPromiseLike(pending) && !pending.needsContext) {
      return fast(pending, await this.router.route(query, { abortSignal }));
    }
    // The plain route may fail for want of confidence; that only means routing again with context.
    const [analysis, plain] = await parallelGather(
      () => pending,
      ({ abortSignal }) =>
        this.router.route(query, { abortSignal }).catch((error: unknown) => {
          if (NoRouteError.isInstance(error) && error.reason === 'below-threshold') return error;
          throw error;
        }),
    );
    const result = (decision: RouteDecision, rerouted: boolean): MemoryRouteDecision => ({
      ...decision,
      query,
      routedQuery: decision.query,
      path: 'context',
      usesContext: analysis.needsContext,
      rerouted,
      analysis,
      messages: analysis.needsContext ? messages : [],
    });
    const confident = !NoRouteError.isInstance(plain) && this.router.isConfident(plain);
    const enhanced = analysis.enhancedQuery;
    if (confident || !analysis.needsContext || enhanced === undefined || enhanced === query) {
      if (NoRouteError.isInstance(plain)) throw plain;
      return result(plain, false);
    }
    return result(await this.router.route(enhanced, { abortSignal }), true);
  }

  /**
   * Routes `query`, runs the chosen agent once with the user's own query and the context, and
   * records the turn. Errors are recorded too, then thrown.
   */
  async run(query: string, options: MemoryRunOptions = {}): Promise<MemoryRouteResult> {
    const memory = this.memory;
    let agent: string | undefined;
    const operation = startRouteSpan(this.router.name, this.router.strategy.name);
    // The route reads the conversation before this turn is added to it.
    const routing = operation.run(() => this.decide(query, options));
    memory.addMessage({ role: 'user', content: query });
    try {
      const decision = await routing;
      agent = decision.agent;
      recordMemoryRoute(operation, decision);
      const output = await operation.run(() =>
        this.router.invoke(decision.agent, query, {
          messages: decision.messages,
          abortSignal: options.abortSignal,
        }),
      );
      this.recordAnswer(decision.agent, output);
      endWithOutput(operation, output);
      return { ...decision, output };
    } catch (error) {
      this.recordError(agent, error);
      operation.end(error);
      throw error;
    }
  }

  private recordAnswer(agent: string, output: unknown): void {
    if (isLLMStream(output)) {
      output.text().then(
        (text) => this.memory.addMessage({ role: 'assistant', content: text, agent }),
        (error: unknown) => this.recordError(agent, error),
      );
      return;
    }
    const content =
      typeof output === 'string' ? output : (JSON.stringify(output) ?? String(output));
    this.memory.addMessage({ role: 'assistant', content, agent });
  }

  private recordError(agent: string | undefined, error: unknown): void {
    const { name, message } =
      error instanceof Error ? error : { name: 'Error', message: String(error) };
    this.memory.addMessage({
      role: 'assistant',
      content: message,
      error: { name, message },
      ...(agent === undefined ? {} : { agent }),
    });
  }
}

function recordMemoryRoute(operation: OperationSpan, decision: MemoryRouteDecision): void {
  recordRoute(operation, decision, {
    'kagura.route.path': decision.path,
    'kagura.route.rerouted': decision.rerouted,
    'kagura.route.uses_context': decision.usesContext,
  });
}

function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
