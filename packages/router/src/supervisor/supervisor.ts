import {
  type CacheControl,
  type Client,
  genAiAttributes,
  getDefaultClient,
  InvalidArgumentError,
  type Message,
  traceOperation,
} from '@kagura-ts/core';
import { isRecord } from '@kagura-ts/provider';
import type { AgentRouter } from '../routing/agent-router.js';
import { NoRouteError } from '../routing/no-route-error.js';
import { toNoRouteError } from '../routing/to-no-route-error.js';
import { createJsonValidator, type JsonIssue } from '../util/create-json-validator.js';
import { isLLMStream } from '../util/is-llm-stream.js';
import type { SupervisorStep } from './supervisor-step.js';
import { SupervisorStepsError } from './supervisor-steps-error.js';

/** Options for {@link Supervisor}. */
export interface SupervisorOptions {
  /**
   * The supervisor's name: its `invoke_agent {name}` span, and the agent name of its calls.
   * @default 'supervisor'
   */
  name?: string;
  /** The specialists, as the agents of a router (their names and descriptions are shown). */
  router: AgentRouter;
  /**
   * The client the supervisor calls through.
   * @default the default client
   */
  client?: Client;
  /**
   * The supervisor's model.
   * @default the client's model
   * @example 'openai:gpt-4o'
   */
  model?: string;
  /**
   * The supervisor's instructions, placed before the list of specialists.
   * @default an instruction to call specialists one at a time and answer when it can
   */
  instructions?: string;
  /**
   * The most specialist calls for one query. A supervisor that still wants another after that
   * throws a `SupervisorStepsError`.
   * @default 5
   */
  maxSteps?: number;
  /**
   * Cache controls for the supervisor's calls.
   * @default the client's cache settings
   */
  cache?: CacheControl;
}

/** Options of {@link Supervisor.run}. */
export interface SupervisorRunOptions {
  /** Cancels the supervisor and the specialist it is waiting for. */
  abortSignal?: AbortSignal;
}

/** What a supervisor answered, and the specialist calls that led there. */
export interface SupervisorResult {
  /** The supervisor's final answer. */
  answer: string;
  /** Every specialist call, in order. */
  steps: SupervisorStep[];
}

interface SupervisorDecision {
  action: 'call' | 'answer';
  agent: string;
  input: string;
}

const defaultInstructions =
  "You answer the user's request by delegating to specialist agents, one call at a time. To " +
  'call one, reply with action "call", its name in agent, and what to ask it in input. When you ' +
  'can answer the user, reply with action "answer" and the answer in input (agent is then ignored).';

/**
 * The supervisor pattern: one model decides which specialist to call next, reads its answer,
 * and repeats until it answers the user itself. Each decision is one structured-output call
 * `{ action: 'call' | 'answer', agent, input }`; the conversation grows with every specialist's
 * answer. The specialists are a router's agents, run by name.
 *
 * A run is one INTERNAL `invoke_agent {name}` span, with the supervisor's model calls and the
 * specialists' runs beneath it.
 *
 * @example
 * ```ts
 * const supervisor = new Supervisor({ router: specialists, maxSteps: 4 });
 * const { answer, steps } = await supervisor.run('Compare the populations of Lyon and Porto.');
 * ```
 */
export class Supervisor {
  /** The supervisor's name, in its spans. */
  readonly name: string;
  private readonly options: SupervisorOptions;
  private readonly maxSteps: number;

  constructor(options: SupervisorOptions) {
    const maxSteps = options.maxSteps ?? 5;
    if (!Number.isInteger(maxSteps) || maxSteps < 1) {
      throw new InvalidArgumentError({
        argument: 'maxSteps',
        value: maxSteps,
        message: `${String(maxSteps)} is not a positive integer. Try 5.`,
      });
    }
    this.options = options;
    this.name = options.name ?? 'supervisor';
    this.maxSteps = maxSteps;
  }

  /** Works on `query` with the specialists until the supervisor answers. */
  run(query: string, options: SupervisorRunOptions = {}): Promise<SupervisorResult> {
    return traceOperation(
      `invoke_agent ${this.name}`,
      {
        [genAiAttributes.operationName]: 'invoke_agent',
        [genAiAttributes.agentName]: this.name,
      },
      () => this.work(query, options),
    );
  }

  private async work(query: string, options: SupervisorRunOptions): Promise<SupervisorResult> {
    const { router } = this.options;
    const agents = router.agents;
    const names = agents.map((agent) => agent.name);
    if (names.length === 0) throw new NoRouteError({ reason: 'no-agents', query, candidates: [] });
    const client = this.options.client ?? getDefaultClient();
    const system = [
      this.options.instructions ?? defaultInstructions,
      'Specialists:',
      ...agents.map((agent) => `- ${agent.name}: ${agent.description ?? 'no description'}`),
    ].join('\n');
    const schema = createDecisionSchema(names);
    const messages: Message[] = [{ role: 'user', content: query }];
    const steps: SupervisorStep[] = [];
    for (;;) {
      let decision: SupervisorDecision;
      try {
        ({ object: decision } = await client.call(messages, {
          model: this.options.model,
          system,
          schema,
          schemaName: 'next_step',
          temperature: 0,
          cache: this.options.cache,
          abortSignal: options.abortSignal,
          agentName: this.name,
        }));
      } catch (error) {
        throw toNoRouteError(error, { query, candidates: names, requestedBy: 'the supervisor' });
      }
      if (decision.action === 'answer') return { answer: decision.input, steps };
      if (steps.length === this.maxSteps) {
        throw new SupervisorStepsError({ maxSteps: this.maxSteps, steps });
      }
      const output = await toText(
        await router.invoke(decision.agent, decision.input, { abortSignal: options.abortSignal }),
      );
      steps.push({ agent: decision.agent, input: decision.input, output });
      messages.push(
        { role: 'assistant', content: JSON.stringify(decision) },
        { role: 'user', content: `${decision.agent} answered:\n${output}` },
      );
    }
  }
}

function createDecisionSchema(names: readonly string[]) {
  return createJsonValidator<SupervisorDecision>(
    {
      type: 'object',
      properties: {
        action: { type: 'string', enum: ['call', 'answer'] },
        agent: { type: 'string', enum: [...names], description: 'The specialist to call.' },
        input: {
          type: 'string',
          description: 'What to ask the specialist, or the final answer.',
        },
      },
      required: ['action', 'agent', 'input'],
      additionalProperties: false,
    },
    (value) => {
      if (!isRecord(value)) return [{ message: 'expected an object' }];
      const issues: JsonIssue[] = [];
      if (value.action !== 'call' && value.action !== 'answer') {
        issues.push({ message: "expected 'call' or 'answer'", path: ['action'] });
      }
      const known = typeof value.agent === 'string' && names.includes(value.agent);
      if (typeof value.agent !== 'string' || (value.action === 'call' && !known)) {
        issues.push({ message: `expected one of ${names.join(', ')}`, path: ['agent'] });
      }
      if (typeof value.input !== 'string') {
        issues.push({ message: 'expected a string', path: ['input'] });
      }
      return issues;
    },
  );
}

async function toText(output: unknown): Promise<string> {
  if (typeof output === 'string') return output;
  if (isLLMStream(output)) return output.text();
  return JSON.stringify(output) ?? String(output);
}
