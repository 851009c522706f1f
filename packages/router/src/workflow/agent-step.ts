import type { AgentFunction } from '@kagura-ts/agent';
import { isRecord } from '@kagura-ts/provider';
import type { StepContext, WorkflowStep } from './workflow.js';

/**
 * Turns a `defineAgent` agent into a workflow step. By default the step's input becomes the
 * template's variables: a string is `query`; an object's fields are variables of their own,
 * with the workflow's input as `query` (so a synthesis step after `parallel` sees every
 * result by name, and the user's request). `context` and `messages` carry the conversation.
 * The step's `abortSignal` cancels the agent. The step function is named after the agent, which names
 * its `workflow_step` span.
 *
 * @param agent The agent to run.
 * @param variables Builds the template's variables from the step's input instead.
 * @example
 * ```ts
 * createWorkflow<string>()
 *   .parallel({ weather: agentStep(weather), sights: agentStep(sights) })
 *   .step(agentStep(plan)); // plan's template reads {{ query }}, {{ weather }} and {{ sights }}
 * ```
 */
export function agentStep<RETURN, IN = unknown, INPUT = unknown>(
  agent: AgentFunction<RETURN>,
  variables?: (value: IN, context: StepContext<INPUT>) => Record<string, unknown>,
): WorkflowStep<IN, Awaited<RETURN>, INPUT> {
  const step: WorkflowStep<IN, Awaited<RETURN>, INPUT> = (value, context) => {
    const own =
      variables?.(value, context) ??
      (isRecord(value) ? { query: context.input, ...value } : { query: value });
    const conversation = { context: context.context, messages: context.messages };
    return agent({ ...conversation, ...own }, { abortSignal: context.abortSignal }) as
      | Awaited<RETURN>
      | PromiseLike<Awaited<RETURN>>;
  };
  // Names the step's `workflow_step` span after the agent.
  Object.defineProperty(step, 'name', { value: agent.agentName });
  return step;
}
