import {
  AbortError,
  genAiAttributes,
  InvalidArgumentError,
  type LLMStream,
  type Message,
  parallelMap,
  startOperationSpan,
  withAbortSignal,
} from '@kagura-ts/core';
import type { RouteResult } from '../routing/route-decision.js';
import { endWithOutput } from '../util/end-with-output.js';
import { formatConversation } from '../util/format-conversation.js';
import { isLLMStream } from '../util/is-llm-stream.js';
import { workflowMarker } from '../util/workflow-marker.js';

/**
 * What every step of a workflow receives besides the previous step's output.
 * @example
 * ```ts
 * const step: WorkflowStep<string, string, string> = (draft, { input, abortSignal }) =>
 *   polish({ draft, question: input }, { abortSignal });
 * ```
 */
export interface StepContext<INPUT = unknown> {
  /** The workflow's own input, as given to `run`. */
  input: INPUT;
  /** Aborts when the run is cancelled (or, in `parallel`, when a sibling step failed). */
  abortSignal: AbortSignal | undefined;
  /** Conversation turns given to `run` (a router gives them to a workflow it runs). */
  messages: readonly Message[];
  /** The same turns as `User: ...` / `Assistant: ...` lines; `''` when none. */
  context: string;
}

/**
 * One step: takes the previous step's output (the workflow's input for the first step) and
 * returns its own, or a promise of it. A step that returns an `LLMStream` ends a streaming
 * workflow.
 *
 * @example
 * ```ts
 * const shout: WorkflowStep<string, string> = (text) => text.toUpperCase();
 * ```
 */
export type WorkflowStep<IN, OUT, INPUT = unknown> = (
  value: IN,
  context: StepContext<INPUT>,
) => OUT | PromiseLike<OUT>;

/** Options for {@link createWorkflow}. */
export interface WorkflowOptions {
  /**
   * The workflow's name, used when it is registered in a router.
   * @default 'workflow'
   */
  name?: string;
  /** What it does, shown to an LLM router. */
  description?: string;
}

/** Options of {@link Workflow.run} and {@link Workflow.stream}. */
export interface WorkflowRunOptions {
  /** Cancels the run: the current step's calls and every later step. */
  abortSignal?: AbortSignal | undefined;
  /** Conversation turns for the steps' context. @default [] */
  messages?: readonly Message[] | undefined;
}

/** Options of {@link Workflow.parallel}. */
export interface ParallelStepOptions {
  /**
   * How many of the steps run at once (a positive integer, or `Infinity`).
   * @default Infinity
   */
  concurrency?: number;
}

/** Options of {@link Workflow.route}. */
export interface RouteStepOptions<IN> {
  /**
   * The query to route, from the previous step's output.
   * @default the output itself, which must then be a string
   */
  query?: (value: IN) => string;
}

/** Anything that routes a query and runs the chosen agent: `AgentRouter`, `MemoryAwareRouter`. */
export interface Routable {
  /** Routes `query`, runs the chosen agent once, and returns the decision and output. */
  run(
    query: string,
    options?: { abortSignal?: AbortSignal; messages?: readonly Message[] },
  ): Promise<RouteResult>;
}

/** The outputs of `parallel` steps, by name. */
export type ParallelOutputs<STEPS> = {
  -readonly [K in keyof STEPS]: STEPS[K] extends (...args: never[]) => infer R ? Awaited<R> : never;
};

type StepRunner = (value: unknown, context: StepContext<unknown>) => unknown;

// A step and the name of its `workflow_step` span.
interface NamedStep {
  name: string;
  run: StepRunner;
}

/**
 * A chain of steps, built with {@link createWorkflow}: sequential steps (`step`), parallel
 * fan-out and fan-in over named steps (`parallel`), and routing (`route`). Each method returns
 * a new workflow, so a workflow can be extended without changing it. `run` returns the last
 * step's output; `stream` returns it when it is an `LLMStream`.
 *
 * A run is one INTERNAL `invoke_workflow {name}` span (`gen_ai.workflow.name`), and each step a
 * child `workflow_step {step}` span (`kagura.workflow.step`) with the step's calls and agents
 * beneath it. A step is named after its function (`agentStep` steps after their agent), else
 * `step {position}`; a `parallel` step is `parallel(name, ...)`, a `route` step `route`.
 * A run that ends in an `LLMStream` keeps its span open until the stream ends.
 *
 * @example
 * ```ts
 * const answer = createWorkflow<string>({ name: 'answer' })
 *   .parallel({ facts: (query) => facts({ query }), tone: (query) => tone({ query }) })
 *   .step(({ facts, tone }, { input }) => write({ query: input, facts, tone }));
 * for await (const delta of await answer.stream('What is a cache stampede?')) process.stdout.write(delta);
 * ```
 */
export class Workflow<INPUT, OUTPUT> {
  protected readonly [workflowMarker] = true;
  /** The workflow's name. */
  readonly name: string;
  /** What it does. */
  readonly description: string | undefined;
  private readonly steps: readonly NamedStep[];

  /** Use {@link createWorkflow}. */
  constructor(options: WorkflowOptions = {}, steps: readonly NamedStep[] = []) {
    this.name = options.name ?? 'workflow';
    this.description = options.description;
    this.steps = steps;
  }

  /**
   * Adds a step that runs after the others, on the previous output.
   * @example
   * ```ts
   * createWorkflow<string>().step((text) => summarise({ text })).step((summary) => translate({ text: summary }));
   * ```
   */
  step<NEXT>(step: WorkflowStep<OUTPUT, NEXT, INPUT>): Workflow<INPUT, NEXT> {
    return this.append(step.name || `step ${this.steps.length + 1}`, step as StepRunner);
  }

  /**
   * Adds a fan-out and fan-in: every named step runs on the previous output, at most
   * `concurrency` at a time (through `parallelMap`), and the output is an object of their
   * results by name. The first failure cancels the others and fails the run.
   * @example
   * ```ts
   * createWorkflow<string>().parallel({ pros: (topic) => pros({ topic }), cons: (topic) => cons({ topic }) }, { concurrency: 2 });
   * ```
   */
  parallel<STEPS extends Record<string, WorkflowStep<OUTPUT, unknown, INPUT>>>(
    steps: STEPS,
    options: ParallelStepOptions = {},
  ): Workflow<INPUT, ParallelOutputs<STEPS>> {
    const entries = Object.entries(steps);
    if (entries.length === 0 || entries.some(([, step]) => typeof step !== 'function')) {
      throw new InvalidArgumentError({
        argument: 'steps',
        value: steps,
        message:
          'expected an object of named step functions, e.g. { facts: (query) => ..., tone: (query) => ... }.',
      });
    }
    const name = `parallel(${entries.map(([key]) => key).join(', ')})`;
    return this.append(name, async (value, context) => {
      const outputs = await parallelMap(
        entries,
        ([, step], _index, { abortSignal }) =>
          (step as StepRunner)(value, { ...context, abortSignal }),
        { concurrency: options.concurrency, abortSignal: context.abortSignal },
      );
      return Object.fromEntries(entries.map(([name], index) => [name, outputs[index]]));
    });
  }

  /**
   * Adds a routing step: the router chooses an agent for the previous output (or
   * `options.query` of it) and runs it; the output is the `RouteResult`.
   * @example
   * ```ts
   * createWorkflow<string>().route(router).step((result) => result.output);
   * ```
   */
  route(router: Routable, options: RouteStepOptions<OUTPUT> = {}): Workflow<INPUT, RouteResult> {
    return this.append('route', (value, context) => {
      const query = options.query === undefined ? value : options.query(value as OUTPUT);
      if (typeof query !== 'string') {
        throw new InvalidArgumentError({
          argument: `route step of workflow '${this.name}'`,
          value: query,
          message: `the previous step returned ${typeof query}, not a query string. Pass { query: (value) => ... } to say what to route.`,
        });
      }
      return router.run(query, { abortSignal: context.abortSignal, messages: context.messages });
    });
  }

  /** Runs every step in order and returns the last one's output. */
  async run(input: INPUT, options: WorkflowRunOptions = {}): Promise<OUTPUT> {
    const operation = startOperationSpan(`invoke_workflow ${this.name}`, {
      [genAiAttributes.operationName]: 'invoke_workflow',
      [genAiAttributes.workflowName]: this.name,
    });
    try {
      const output = await operation.run(() => this.runSteps(input, options));
      endWithOutput(operation, output);
      return output;
    } catch (error) {
      operation.end(error);
      throw error;
    }
  }

  private async runSteps(input: INPUT, options: WorkflowRunOptions): Promise<OUTPUT> {
    const { abortSignal } = options;
    const messages = options.messages ?? [];
    const context: StepContext<unknown> = {
      input,
      abortSignal,
      messages,
      context: formatConversation(messages),
    };
    let value: unknown = input;
    for (const step of this.steps) {
      if (abortSignal?.aborted)
        throw new AbortError({
          message: `Workflow '${this.name}' was aborted.`,
          cause: abortSignal.reason,
        });
      value = await runStep(step, value, context, abortSignal);
    }
    return value as OUTPUT;
  }

  /**
   * Runs the workflow and returns its last step's `LLMStream`: every step before it has
   * finished, and the final answer streams as it is written.
   * @throws {InvalidArgumentError} when the last step did not return an `LLMStream`.
   */
  async stream(
    input: INPUT,
    options: WorkflowRunOptions = {},
  ): Promise<OUTPUT extends LLMStream<unknown> ? OUTPUT : LLMStream<unknown>> {
    const output = await this.run(input, options);
    if (!isLLMStream(output)) {
      throw new InvalidArgumentError({
        argument: `workflow '${this.name}'`,
        value: output,
        message: `its last step returned ${output === null ? 'null' : typeof output}, not an LLMStream. End it with a step that streams (an agent with stream: true), or call run().`,
      });
    }
    return output as OUTPUT extends LLMStream<unknown> ? OUTPUT : LLMStream<unknown>;
  }

  /** Whether `value` is a {@link Workflow}, from any copy of this package. */
  static isInstance(value: unknown): value is Workflow<unknown, unknown> {
    return typeof value === 'object' && value !== null && workflowMarker in value;
  }

  private append<NEXT>(name: string, run: StepRunner): Workflow<INPUT, NEXT> {
    return workflowOf<INPUT, NEXT>({ name: this.name, description: this.description }, [
      ...this.steps,
      { name, run },
    ]);
  }
}

async function runStep(
  step: NamedStep,
  value: unknown,
  context: StepContext<unknown>,
  abortSignal: AbortSignal | undefined,
): Promise<unknown> {
  const operation = startOperationSpan(`workflow_step ${step.name}`, {
    'kagura.workflow.step': step.name,
  });
  try {
    const output = await operation.run(() =>
      abortSignal === undefined
        ? step.run(value, context)
        : withAbortSignal(abortSignal, () => step.run(value, context)),
    );
    endWithOutput(operation, output);
    return output;
  } catch (error) {
    operation.end(error);
    throw error;
  }
}

/**
 * Starts a workflow whose input is of type `INPUT` (a string by default). Add steps with
 * `step`, `parallel` and `route`; run it with `run` or `stream`. A workflow can be registered
 * in a router as an agent: it gets the user's query as input.
 *
 * @example
 * ```ts
 * const brief = createWorkflow<string>({ name: 'brief', description: 'Researches and writes a brief' })
 *   .parallel({ facts: (topic) => facts({ topic }), risks: (topic) => risks({ topic }) }, { concurrency: 2 })
 *   .step(({ facts, risks }, { input }) => write({ topic: input, facts, risks }));
 * ```
 */
export function createWorkflow<INPUT = string>(
  options: WorkflowOptions = {},
): Workflow<INPUT, INPUT> {
  return workflowOf<INPUT, INPUT>(options, []);
}

// Made outside the class body: a class naming itself inside its body is emitted by the build as
// `class _Workflow`, and would print under that name.
function workflowOf<INPUT, OUTPUT>(
  options: WorkflowOptions,
  steps: readonly NamedStep[],
): Workflow<INPUT, OUTPUT> {
  return new Workflow<INPUT, OUTPUT>(options, steps);
}
