import type { Message } from '@kagura-ts/core';
import { workflowMarker } from '../util/workflow-marker.js';

/**
 * A workflow as a router sees it when it is registered as an agent: a name, a description, and a
 * `run` that takes the user's query. Every `createWorkflow` workflow whose input is a string is
 * one. (Routing sits below workflows, so it names what it needs of them here.)
 *
 * @example
 * ```ts
 * const agent: WorkflowAgent = createWorkflow<string>({ name: 'echo' }).step((query) => query);
 * router.register(agent, { keywords: ['echo'] });
 * ```
 */
export interface WorkflowAgent {
  /** The workflow's name, the agent's name unless the route gives another. */
  readonly name: string;
  /** What it does, shown to the LLM classifier. */
  readonly description: string | undefined;
  /** Runs the workflow on the user's query, with the conversation and the caller's signal. */
  run(
    input: string,
    options: { abortSignal?: AbortSignal | undefined; messages?: readonly Message[] | undefined },
  ): Promise<unknown>;
}

/**
 * Whether `value` is a workflow (it carries the workflow mark), from any copy of this package.
 * @example
 * ```ts
 * isWorkflowAgent(createWorkflow()); // true
 * ```
 */
export function isWorkflowAgent(value: unknown): value is WorkflowAgent {
  return typeof value === 'object' && value !== null && workflowMarker in value;
}
