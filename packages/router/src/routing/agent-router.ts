import { type AgentFunction, getAgents } from '@kagura-ts/agent';
import {
  type CacheControl,
  type Client,
  InvalidArgumentError,
  type Message,
  withAbortSignal,
} from '@kagura-ts/core';
import { endWithOutput } from '../util/end-with-output.js';
import { formatConversation } from '../util/format-conversation.js';
import type { AgentContext, AgentHandler } from './agent-context.js';
import type { AgentRoute } from './agent-route.js';
import type { LLMStrategyOptions } from './create-llm-strategy.js';
import { decideRoute } from './decide-route.js';
import { NoRouteError } from './no-route-error.js';
import type { RegisteredAgent } from './registered-agent.js';
import { resolveRouteStrategy } from './resolve-route-strategy.js';
import type { RouteDecision, RouteResult } from './route-decision.js';
import { recordRoute, startRouteSpan } from './route-span.js';
import type { RouteStrategy, RouteStrategyName } from './route-strategy.js';
import { isWorkflowAgent, type WorkflowAgent } from './workflow-agent.js';

/** Options for {@link AgentRouter}. */
export interface AgentRouterOptions {
  /**
   * The router's name, which names its `route {name}` spans.
   * @default 'router'
   */
  name?: string;
  /**
   * How to choose: `'keyword'` scores intents and keywords with no LLM call; `'llm'` asks the
   * model in one structured-output call, which the response cache can answer; or a
   * {@link RouteStrategy} of your own (`{ name, decide(query, context) }`).
   * @default 'keyword'
   */
  strategy?: RouteStrategy | RouteStrategyName;
  /**
   * The least confidence, 0 to 1, for the best agent to be chosen. Below it the fallback agent
   * is chosen, or `route` throws a `NoRouteError`. With the keyword strategy, 0.5 means "at least
   * one keyword, with no competing match".
   * @default 0.5
   */
  threshold?: number;
  /**
   * The agent chosen when none reaches the threshold. It must be registered by the time a
   * query is routed.
   * @default none (a `NoRouteError` instead)
   */
  fallback?: string;
  /**
   * The client for LLM classification with the `'llm'` shorthand (a strategy made with
   * `createLLMStrategy` takes its own).
   * @default the default client
   */
  client?: Client;
  /**
   * The model for LLM classification with the `'llm'` shorthand.
   * @default the client's model
   * @example 'openai:gpt-4o-mini'
   */
  model?: string;
  /**
   * Cache controls for LLM classification calls with the `'llm'` shorthand.
   * @default the client's cache settings (on: the same query is a hit)
   */
  cache?: CacheControl;
  /**
   * Instructions for the LLM classifier of the `'llm'` shorthand, placed before the list of
   * agents.
   * @default "Choose the one agent best suited to handle the user's message, and say how confident you are ..."
   */
  instructions?: string;
}

/** Options of {@link AgentRouter.route}. */
export interface RouteOptions {
  /**
   * The strategy for this query only: `'keyword'`, `'llm'` or a strategy object.
   * @default the router's strategy
   */
  strategy?: RouteStrategy | RouteStrategyName;
  /** Cancels the strategy (an LLM classification), and the agent in `run`. */
  abortSignal?: AbortSignal;
  /**
   * Earlier turns of the conversation, given to the strategy (the built-in ones do not read
   * them) and, in `run`, to the agent.
   * @default []
   */
  messages?: readonly Message[];
}

/** Options of {@link AgentRouter.run}. */
export interface RunOptions extends RouteOptions {
  /**
   * Earlier turns to give the agent as context (never mixed into the query), and the strategy.
   * @default []
   */
  messages?: readonly Message[];
}

/** Options of {@link AgentRouter.invoke}. */
export interface InvokeOptions {
  /** Earlier turns to give the agent as context. @default [] */
  messages?: readonly Message[];
  /** Cancels the agent. */
  abortSignal?: AbortSignal;
}

interface AgentEntry extends RegisteredAgent {
  invoke(query: string, context: AgentContext): unknown;
}

/**
 * Chooses the right agent for a query and runs it. Register agents (plain functions,
 * `defineAgent` agents, `@agent` methods, workflows) with a name, a description, intents and
 * keywords; then `route(query)` returns the decision and `run(query)` also runs the agent.
 *
 * Every agent gets the user's query as it was typed. Context goes separately: a function gets
 * `(query, { context, messages, abortSignal })`; a `defineAgent` template gets the variables
 * `query`, `context` (text) and `messages`; an `@agent` method gets `(query)`, or
 * `(query, context)` when registered with `acceptsContext: true`; a workflow gets the query as
 * input and the context in each step's context.
 *
 * @example
 * ```ts
 * const router = new AgentRouter({ fallback: 'chat' })
 *   .register(translate, { intents: ['translate'], keywords: ['french', 'spanish'] })
 *   .register(chat, { name: 'chat' });
 * const { agent, output } = await router.run('Translate "good night" into Spanish');
 * ```
 *
 * The strategy decides which agent is best and how confident it is; the router applies the
 * threshold and the fallback (see {@link RouteStrategy}).
 *
 * Each decision is one INTERNAL `route {name}` span with `kagura.route.agent`, `.confidence`,
 * `.strategy` (the strategy's name) and `.fallback` (and `kagura.route.classifier_error` when
 * the strategy failed and the fallback answered); the strategy's model call is its child, and in
 * `run` so is the chosen agent's run.
 */
export class AgentRouter {
  /** The router's name, in its spans. */
  readonly name: string;
  /** The default strategy (the built-in one for a `'keyword'` or `'llm'` option). */
  readonly strategy: RouteStrategy;
  /** The least confidence for the best agent to be chosen. */
  readonly threshold: number;
  /** The agent chosen when none reaches the threshold. */
  readonly fallback: string | undefined;
  private readonly options: AgentRouterOptions;
  private readonly entries: AgentEntry[] = [];

  constructor(options: AgentRouterOptions = {}) {
    const threshold = options.threshold ?? 0.5;
    if (typeof threshold !== 'number' || !(threshold >= 0 && threshold <= 1)) {
      throw new InvalidArgumentError({
        argument: 'threshold',
        value: threshold,
        message: `${String(threshold)} is not a number from 0 to 1. Try 0.5.`,
      });
    }
    this.options = options;
    this.name = options.name ?? 'router';
    this.strategy = resolveRouteStrategy(options.strategy ?? 'keyword', llmOptionsOf(options));
    this.threshold = threshold;
    this.fallback = options.fallback;
  }

  /** The registered agents, in registration order. */
  get agents(): readonly RegisteredAgent[] {
    return this.entries.map(({ invoke: _invoke, ...agent }) => agent);
  }

  /** Whether an agent of that name is registered. */
  has(name: string): boolean {
    return this.entries.some((entry) => entry.name === name);
  }

  /**
   * Registers a plain function, a `defineAgent` agent or a workflow. Its name comes from
   * `route.name`, else its own name.
   *
   * @example
   * ```ts
   * router.register(summarise, { intents: ['summarise'], keywords: ['tl;dr', 'summary'] });
   * router.register((query) => `Echo: ${query}`, { name: 'echo' });
   * ```
   */
  register(agent: AgentHandler, route?: AgentRoute): this;
  register(agent: AgentFunction<unknown> | WorkflowAgent, route?: AgentRoute): this;
  register(
    agent: AgentHandler | AgentFunction<unknown> | WorkflowAgent,
    route: AgentRoute = {},
  ): this {
    if (isWorkflowAgent(agent)) {
      return this.add(
        route,
        { name: agent.name, description: agent.description },
        'workflow',
        (query, context) =>
          agent.run(query, {
            abortSignal: context.abortSignal,
            messages: context.messages,
          }),
      );
    }
    if (typeof agent !== 'function') {
      throw new InvalidArgumentError({
        argument: 'agent',
        value: agent,
        message: 'expected a function, a defineAgent agent or a workflow.',
      });
    }
    if (isAgentFunction(agent)) {
      const variable = route.queryVariable ?? 'query';
      return this.add(
        route,
        { name: agent.agentName, description: agent.description },
        'template',
        (query, { context, messages, abortSignal }) =>
          agent({ [variable]: query, context, messages }, { abortSignal }),
      );
    }
    const handler = agent as AgentHandler;
    return this.add(
      route,
      { name: handler.name, description: undefined },
      'function',
      (query, context) => runWithSignal(context.abortSignal, () => handler(query, context)),
    );
  }

  /**
   * Registers every `@agent` method of an instance, found through their metadata. `routes`
   * gives each one's intents and keywords, by agent name.
   *
   * @example
   * ```ts
   * router.registerAgents(new Desk(), {
   *   translate: { intents: ['translate'] },
   *   answer: { keywords: ['why', 'how'], acceptsContext: true },
   * });
   * ```
   */
  registerAgents(instance: object, routes: Readonly<Record<string, AgentRoute>> = {}): this {
    if (typeof instance === 'function' || typeof instance !== 'object' || instance === null) {
      throw new InvalidArgumentError({
        argument: 'instance',
        value: instance,
        message: 'expected an instance of a class with @agent methods (new Desk(), not Desk).',
      });
    }
    const descriptors = getAgents(instance);
    const owner = instance.constructor?.name ?? 'the object';
    if (descriptors.length === 0) {
      throw new InvalidArgumentError({
        argument: 'instance',
        value: instance,
        message: `${owner} has no @agent methods. Decorate its agent methods with @agent(...).`,
      });
    }
    const names = descriptors.map((descriptor) => descriptor.name);
    const unknown = Object.keys(routes).filter((name) => !names.includes(name));
    if (unknown.length > 0) {
      throw new InvalidArgumentError({
        argument: 'routes',
        value: routes,
        message: `${unknown.map((name) => `'${name}'`).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not an @agent of ${owner}. Its agents: ${names.join(', ')}.`,
      });
    }
    for (const descriptor of descriptors) {
      const route = routes[descriptor.name] ?? {};
      const method = (instance as Record<string | symbol, unknown>)[descriptor.propertyKey] as (
        ...args: unknown[]
      ) => unknown;
      this.add(route, descriptor, 'method', (query, { context, abortSignal }) =>
        runWithSignal(abortSignal, () =>
          route.acceptsContext
            ? method.call(instance, query, context)
            : method.call(instance, query),
        ),
      );
    }
    return this;
  }

  /**
   * Chooses an agent for `query` without running it.
   * @throws {NoRouteError} when no agent reaches the threshold and there is no fallback, or
   *   the strategy names an agent that does not exist and there is no fallback. With a
   *   fallback, a failed strategy chooses it and `classifierError` says why.
   * @throws {InvalidArgumentError} when `options.strategy` is not a strategy.
   */
  async route(query: string, options: RouteOptions = {}): Promise<RouteDecision> {
    const strategy = this.resolveStrategy(options.strategy);
    const operation = startRouteSpan(this.name, strategy.name);
    try {
      const decision = await operation.run(() => this.decide(query, strategy, options));
      recordRoute(operation, decision);
      return decision;
    } catch (error) {
      operation.end(error);
      throw error;
    } finally {
      operation.end();
    }
  }

  /**
   * Chooses an agent for `query` and runs it once with the query, and `options.messages` as
   * context. The agent runs inside the decision's `route` span; a streaming agent's stream
   * keeps the span open until it ends.
   */
  async run(query: string, options: RunOptions = {}): Promise<RouteResult> {
    const strategy = this.resolveStrategy(options.strategy);
    const operation = startRouteSpan(this.name, strategy.name);
    try {
      const decision = await operation.run(() => this.decide(query, strategy, options));
      recordRoute(operation, decision);
      const output = await operation.run(() => this.invoke(decision.agent, query, options));
      endWithOutput(operation, output);
      return { ...decision, output };
    } catch (error) {
      operation.end(error);
      throw error;
    }
  }

  // The decision of `route` and `run`, without a span.
  private decide(query: string, strategy: RouteStrategy, options: RouteOptions) {
    return decideRoute(query, {
      strategy,
      agents: this.agents,
      threshold: this.threshold,
      fallback: this.fallback,
      messages: options.messages ?? [],
      abortSignal: options.abortSignal,
    });
  }

  /**
   * Runs the agent named `name` with `query` (the user's own text) and the context, without
   * routing.
   * @throws {NoRouteError} when no agent has that name.
   */
  async invoke(name: string, query: string, options: InvokeOptions = {}): Promise<unknown> {
    const entry = this.entries.find((candidate) => candidate.name === name);
    if (entry === undefined) {
      throw new NoRouteError({
        reason: 'unknown-agent',
        query,
        requested: name,
        candidates: this.entries.map((candidate) => candidate.name),
      });
    }
    const messages = options.messages ?? [];
    return entry.invoke(query, {
      messages,
      context: formatConversation(messages),
      abortSignal: options.abortSignal,
    });
  }

  /** Whether a decision reached the threshold on its own (not a fallback). */
  isConfident(decision: RouteDecision): boolean {
    return !decision.fallback && decision.confidence >= this.threshold;
  }

  private add(
    route: AgentRoute,
    own: { name: string | undefined; description: string | undefined },
    kind: RegisteredAgent['kind'],
    invoke: AgentEntry['invoke'],
  ): this {
    const name = route.name ?? own.name;
    if (name === undefined || name === '') {
      throw new InvalidArgumentError({
        argument: 'route.name',
        value: name,
        message: 'the agent has no name. Give one: router.register(agent, { name: "..." }).',
      });
    }
    if (this.has(name)) {
      throw new InvalidArgumentError({
        argument: 'route.name',
        value: name,
        message: `an agent named '${name}' is already registered. Give this one another name.`,
      });
    }
    this.entries.push({
      name,
      description: route.description ?? own.description,
      intents: [...(route.intents ?? [])],
      keywords: [...(route.keywords ?? [])],
      kind,
      invoke,
    });
    return this;
  }

  // The router's strategy for an option: its own default, a built-in one, or the object given.
  private resolveStrategy(strategy: RouteStrategy | RouteStrategyName | undefined): RouteStrategy {
    return strategy === undefined
      ? this.strategy
      : resolveRouteStrategy(strategy, llmOptionsOf(this.options));
  }
}

function isAgentFunction(value: unknown): value is AgentFunction<unknown> {
  const candidate = value as Partial<AgentFunction<unknown>>;
  return (
    typeof value === 'function' &&
    typeof candidate.agentName === 'string' &&
    typeof candidate.options === 'object'
  );
}

// What the `'llm'` shorthand calls with.
function llmOptionsOf(options: AgentRouterOptions): LLMStrategyOptions {
  const { client, model, cache, instructions } = options;
  return { client, model, cache, instructions };
}

function runWithSignal<T>(signal: AbortSignal | undefined, fn: () => T): T {
  return signal === undefined ? fn() : withAbortSignal(signal, fn);
}
