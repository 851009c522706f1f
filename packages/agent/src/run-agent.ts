import {
  type CallOptions,
  type Client,
  genAiAttributes,
  getDefaultClient,
  InvalidArgumentError,
  type LLMStream,
  type OperationSpan,
  startOperationSpan,
  type Tool,
  type ToolDefinition,
} from '@kagura-ts/core';
import { withoutUndefined } from '@kagura-ts/provider';
import type { AgentCallOptions, AgentOptions } from './agent-options.js';
import { PromptTemplate } from './prompt.js';
import { renderTemplate } from './render-template.js';
import { TemplateError } from './template-error.js';
import { getTools } from './tool.js';

/** One run of an agent: its template and the variables to render it with. */
export interface AgentRun {
  /** The agent's options. */
  options: AgentOptions;
  /** The prompt template, from `prompt\`...\`` or a template string. */
  template: PromptTemplate | string;
  /** Template variables. */
  variables: Record<string, unknown>;
  /** Per-call options. */
  callOptions?: AgentCallOptions;
  /** Names the agent in error messages. */
  label: string;
  /**
   * Called when the template reads variables that were not given, before that `TemplateError`
   * is thrown, to throw a better one instead (`@agent` says when a minifier renamed the
   * method's parameters). Only the failing path pays for it.
   */
  explainMissing?: (error: TemplateError) => void;
}

/**
 * Renders an agent's prompt and calls the model: the engine behind `@agent` and
 * `defineAgent`. Returns the text (or, with a schema, the validated object) as a promise, or
 * an `LLMStream` when `stream` is set. Template errors are raised before any network call.
 */
export function runAgent(run: AgentRun): Promise<unknown> | LLMStream<unknown> {
  if (!run.options.stream) return runToCompletion(run);
  const { client, prompt, callOptions } = prepareAgentCall(run);
  // One `invoke_agent {name}` span per run, its model calls and tools beneath it.
  const operation = startAgentSpan(run);
  const stream = operation.run(() => client.stream(prompt, callOptions));
  stream.response.then(
    () => operation.end(),
    (error: unknown) => operation.end(error),
  );
  return stream;
}

async function runToCompletion(run: AgentRun): Promise<unknown> {
  const { client, prompt, callOptions } = prepareAgentCall(run);
  const operation = startAgentSpan(run);
  try {
    const response = await operation.run(() => client.call(prompt, callOptions));
    return run.options.schema === undefined ? response.text : response.object;
  } catch (error) {
    operation.end(error);
    throw error;
  } finally {
    operation.end();
  }
}

function startAgentSpan(run: AgentRun): OperationSpan {
  const { name, description } = run.options;
  const agentName = name ?? run.label;
  return startOperationSpan(`invoke_agent ${agentName}`, {
    [genAiAttributes.operationName]: 'invoke_agent',
    [genAiAttributes.agentName]: agentName,
    ...(description === undefined ? {} : { [genAiAttributes.agentDescription]: description }),
  });
}

interface PreparedAgentCall {
  client: Client;
  prompt: string;
  callOptions: CallOptions;
}

function prepareAgentCall(run: AgentRun): PreparedAgentCall {
  const { options } = run;
  const template =
    typeof run.template === 'string' ? new PromptTemplate(run.template) : run.template;
  const context = { ...template.values, ...run.variables };
  const prompt = explained(run, () => renderTemplate(template.source, context));
  const {
    name: _name,
    description: _description,
    stream: _stream,
    config,
    client: agentClient,
    cache,
    system: systemTemplate,
    ...settings
  } = options;
  const merged = {
    ...settings,
    tools: resolveTools(settings.tools, run.variables.self, run.label),
    ...withoutUndefined(config ?? {}),
  };
  const client = agentClient ?? getDefaultClient();
  const callOptions: CallOptions = {
    ...merged,
    system: explained(run, () => resolveSystem(merged.system, systemTemplate, context)),
    abortSignal: run.callOptions?.abortSignal,
    cache: run.callOptions?.cache ?? cache,
    agentName: options.name,
  };
  return { client, prompt, callOptions };
}

/**
 * The system instruction: `config.system` as given, or else the agent's own `system` rendered
 * as a template. Only the author's template is compiled; `config` holds settings loaded from
 * files and the environment, so its text is data and is never parsed as template syntax.
 */
function explained<T>(run: AgentRun, render: () => T): T {
  try {
    return render();
  } catch (error) {
    if (
      run.explainMissing !== undefined &&
      TemplateError.isInstance(error) &&
      error.missing.length > 0
    ) {
      run.explainMissing(error);
    }
    throw error;
  }
}

function resolveSystem(
  configured: string | undefined,
  template: string | undefined,
  context: Record<string, unknown>,
): string | undefined {
  if (configured !== undefined) return configured;
  return template === undefined ? undefined : renderTemplate(template, context);
}

// Names refer to `@tool` methods of the agent's own class.
function resolveTools(
  tools: AgentOptions['tools'],
  self: unknown,
  label: string,
): Array<Tool | ToolDefinition> | undefined {
  if (tools === undefined || !tools.some((entry) => typeof entry === 'string')) {
    return tools as Array<Tool | ToolDefinition> | undefined;
  }
  const own = typeof self === 'object' && self !== null ? getTools(self) : [];
  return tools.map((entry) => {
    if (typeof entry !== 'string') return entry;
    const found = own.find((candidate) => candidate.name === entry);
    if (found !== undefined) return found;
    throw new InvalidArgumentError({
      argument: `${label} tools`,
      value: entry,
      message:
        `there is no @tool '${entry}' on the agent's class. ` +
        `Its tools: ${own.map((candidate) => candidate.name).join(', ') || '(none)'}. ` +
        'Name a @tool method of the same class, or pass the tool itself.',
    });
  });
}
