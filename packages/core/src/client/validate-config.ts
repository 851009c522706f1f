import { InvalidArgumentError } from '@kagura-ts/provider';
import type { LLMConfig } from './llm-config.js';

/** Checks sampling settings before any network call, naming the bad value. */
export function validateConfig(config: LLMConfig): void {
  checkRange('temperature', config.temperature, 0, 2);
  checkRange('topP', config.topP, 0, 1);
  const { maxTokens, seed } = config;
  checkPositiveInteger('maxSteps', config.maxSteps);
  checkPositiveInteger('toolConcurrency', config.toolConcurrency);
  checkPositiveInteger('maxTokens', maxTokens);
  if (maxTokens !== undefined && maxTokens > maxReplyTokens) {
    throw new InvalidArgumentError({
      argument: 'maxTokens',
      value: maxTokens,
      message:
        `${String(maxTokens)} is more than any model writes in one reply; pass at most ` +
        `${maxReplyTokens} (the provider refuses more than the model's own limit anyway).`,
    });
  }
  checkStop(config.stop);
  checkTools(config.tools);
  if (seed !== undefined && !Number.isInteger(seed)) {
    throw new InvalidArgumentError({
      argument: 'seed',
      value: seed,
      message: `expected an integer, got ${String(seed)}.`,
    });
  }
}

function checkPositiveInteger(argument: string, value: number | undefined): void {
  if (value !== undefined && (!Number.isInteger(value) || value <= 0)) {
    throw new InvalidArgumentError({
      argument,
      value,
      message: `expected a positive integer, got ${String(value)}.`,
    });
  }
}

// Over a million output tokens in one reply is a mistake (a unit slip, 1e12), not a setting.
const maxReplyTokens = 2 ** 20;

function checkStop(stop: unknown): void {
  if (stop === undefined) return;
  const sequences = Array.isArray(stop) ? stop : [stop];
  const bad = sequences.find((sequence) => typeof sequence !== 'string' || sequence === '');
  if (typeof stop === 'string' ? stop !== '' : Array.isArray(stop) && bad === undefined) return;
  throw new InvalidArgumentError({
    argument: 'stop',
    value: stop,
    message:
      `expected a stop sequence or a list of them (non-empty strings), got ${describe(stop)}. ` +
      "Example: stop: ['\\n\\n', 'END'].",
  });
}

// A tool is a definition (name and inputSchema) or a `defineTool` tool, which carries both.
function checkTools(tools: unknown): void {
  if (tools === undefined) return;
  if (!Array.isArray(tools)) {
    throw new InvalidArgumentError({
      argument: 'tools',
      value: tools,
      message: `expected a list of tools, got ${describe(tools)}.`,
    });
  }
  tools.forEach((tool: unknown, index) => {
    const argument = `tools[${index}]`;
    if (typeof tool !== 'object' || tool === null || Array.isArray(tool)) {
      throw new InvalidArgumentError({
        argument,
        value: tool,
        message: `expected a tool (defineTool) or a definition { name, inputSchema }, got ${describe(tool)}.`,
      });
    }
    const { name, execute } = tool as { name?: unknown; execute?: unknown };
    if (typeof name !== 'string' || name === '') {
      throw new InvalidArgumentError({
        argument: `${argument}.name`,
        value: name,
        message: `expected the tool's name (a non-empty string), got ${describe(name)}.`,
      });
    }
    // A defineTool tool has its schema; reading it may convert its parameters, which in a
    // bundled application waits until the call has loaded the converters.
    if (typeof execute === 'function') return;
    const { inputSchema } = tool as { inputSchema?: unknown };
    if (typeof inputSchema !== 'object' || inputSchema === null || Array.isArray(inputSchema)) {
      throw new InvalidArgumentError({
        argument: `${argument}.inputSchema`,
        value: inputSchema,
        message:
          `tool '${name}' has no JSON Schema in inputSchema` +
          ('parameters' in tool
            ? ': a tool with parameters and execute is made with defineTool({ name, parameters, execute }).'
            : ': give its arguments as a JSON Schema object, e.g. { type: "object", properties: {} }.'),
      });
    }
  });
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(describeOne).join(', ')}]`;
  return describeOne(value);
}

function describeOne(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

function checkRange(argument: string, value: number | undefined, min: number, max: number): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || Number.isNaN(value) || value < min || value > max) {
    throw new InvalidArgumentError({
      argument,
      value,
      message: `expected a number from ${min} to ${max}, got ${String(value)}.`,
    });
  }
}
