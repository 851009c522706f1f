import type { Message, ToolCallPart, ToolResultPart } from '@kagura-ts/provider';
import { AbortError } from '@kagura-ts/provider';
import { runParallelMap } from '../parallel/run-parallel-map.js';
import { validateConcurrency } from '../parallel/validate-concurrency.js';
import type { Tool } from './tool.js';
import { validateToolInput } from './validate-tool-input.js';

/** Options for {@link executeToolCalls}. */
export interface ExecuteToolCallsOptions {
  /** The tools by name. */
  tools: ReadonlyMap<string, Tool>;
  /** The conversation up to the calls. */
  messages: readonly Message[];
  /** Cancels the running tools. */
  abortSignal: AbortSignal | undefined;
  /** How many tools run at once. @default 8 */
  concurrency?: number;
  /** Runs each tool in its span, reporting its start and end (the client's telemetry). */
  runTool?: ToolRunner;
}

/** Runs one tool call inside whatever reports it (see `ClientTelemetry.runTool`). */
export type ToolRunner = (
  tool: { name: string; description: string | undefined; callId: string; input: unknown },
  run: () => Promise<ToolResultPart>,
) => Promise<ToolResultPart>;

const runDirectly: ToolRunner = (_tool, run) => run();

/**
 * Runs one turn's tool calls, in parallel up to `concurrency`, and returns their results in
 * call order. A call the model got wrong (unknown tool, input that fails the schema) or a tool
 * that throws becomes an error result the model can read and act on; only an abort stops the
 * turn. Tools are always executed, never served from a cache.
 */
export async function executeToolCalls(
  calls: readonly ToolCallPart[],
  { tools, messages, abortSignal, concurrency = 8, runTool = runDirectly }: ExecuteToolCallsOptions,
): Promise<ToolResultPart[]> {
  // Without a `parallel_map` span: a turn's tool spans belong directly under the agent's or
  // the caller's span, beside the model calls of the loop.
  return runParallelMap(
    calls,
    (call, _index, { abortSignal: signal }) =>
      runTool(
        {
          name: call.toolName,
          description: tools.get(call.toolName)?.description,
          callId: call.toolCallId,
          input: call.input,
        },
        () => executeToolCall(call, tools, messages, signal),
      ),
    validateConcurrency(concurrency),
    { abortSignal },
  ) as Promise<ToolResultPart[]>;
}

// One call: an error result for an unknown tool, invalid input or a tool that throws.
async function executeToolCall(
  call: ToolCallPart,
  tools: ReadonlyMap<string, Tool>,
  messages: readonly Message[],
  signal: AbortSignal,
): Promise<ToolResultPart> {
  // Keys in sorted order, so that the next turn's cache key writes them with the engine's own
  // JSON.stringify (canonical JSON's fast path), not its sorting writer.
  const failed = (error: string): ToolResultPart => ({
    isError: true,
    output: { error },
    toolCallId: call.toolCallId,
    toolName: call.toolName,
    type: 'tool-result',
  });
  const tool = tools.get(call.toolName);
  if (tool === undefined) {
    return failed(
      `There is no tool named '${call.toolName}'. Available tools: ${[...tools.keys()].join(', ')}.`,
    );
  }
  const check = await validateToolInput(tool, call.input);
  if (!check.valid) {
    return failed(
      `Invalid arguments for '${call.toolName}': ${check.problems.join('; ')}. Call it again with valid arguments.`,
    );
  }
  try {
    const output = await tool.execute(check.value, {
      abortSignal: signal,
      toolCallId: call.toolCallId,
      messages,
    });
    return {
      output: output ?? null,
      toolCallId: call.toolCallId,
      toolName: call.toolName,
      type: 'tool-result',
    };
  } catch (error) {
    if (signal.aborted)
      throw AbortError.isInstance(error) ? error : new AbortError({ cause: error });
    return failed(error instanceof Error ? error.message : String(error));
  }
}
