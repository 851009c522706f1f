import type { Stream } from '@anthropic-ai/sdk/core/streaming';
import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import {
  APICallError,
  parseToolInput,
  readProviderStream,
  type StreamEvent,
} from '@kagura-ts/provider';
import { type AnthropicErrorClasses, mapAnthropicError } from './anthropic-error.js';
import { type AnthropicTokenCounts, convertAnthropicUsage } from './convert-anthropic-usage.js';
import { mapAnthropicFinishReason } from './map-anthropic-finish-reason.js';

/** Options for {@link convertAnthropicStream}. */
export interface ConvertAnthropicStreamOptions {
  /** The provider's name, for errors. */
  provider: string;
  /** The model id asked for, reported when the server names none. */
  modelId: string;
  /** The tool that carries structured output: its input JSON is streamed as text. */
  responseToolName: string | undefined;
  /** The call's abort signal. */
  abortSignal?: AbortSignal;
  /** The base URL, named in connection errors. */
  baseURL?: string;
  /** The SDK's error classes, e.g. the loaded `@anthropic-ai/sdk` module. */
  sdk: AnthropicErrorClasses;
}

interface OpenToolCall {
  id: string;
  name: string;
  json: string;
  initialInput: unknown;
  isResponse: boolean;
}

/**
 * Turns a Messages API event stream into Kagura events: `text-delta` per text delta (and per
 * piece of structured-output JSON), a `tool-call` when a tool-use block closes, then `finish`.
 * An `error` event becomes an `APICallError`. Stopping iteration early aborts the SDK stream,
 * which closes the HTTP request.
 */
export async function* convertAnthropicStream(
  stream: Stream<RawMessageStreamEvent>,
  options: ConvertAnthropicStreamOptions,
): AsyncGenerator<StreamEvent, void, undefined> {
  const toolCalls = new Map<number, OpenToolCall>();
  const usage: AnthropicTokenCounts = {};
  let model = options.modelId;
  let stopReason: string | null | undefined;
  let stopped = false;
  let answeredWithResponseTool = false;
  const reading = readProviderStream(stream, {
    provider: options.provider,
    abortSignal: options.abortSignal,
    mapError: (error) => mapAnthropicError(error, options),
  });
  for await (const event of reading) {
    switch (event.type) {
      case 'message_start':
        model = event.message.model ?? model;
        Object.assign(usage, withoutNulls(event.message.usage ?? {}));
        break;
      case 'content_block_start': {
        const block = event.content_block;
        if (block.type === 'text' && block.text) yield { type: 'text-delta', text: block.text };
        if (block.type === 'tool_use') {
          const isResponse = block.name === options.responseToolName;
          answeredWithResponseTool ||= isResponse;
          toolCalls.set(event.index, {
            id: block.id,
            name: block.name,
            json: '',
            initialInput: block.input,
            isResponse,
          });
        }
        break;
      }
      case 'content_block_delta': {
        const { delta } = event;
        if (delta.type === 'text_delta' && delta.text) {
          yield { type: 'text-delta', text: delta.text };
        } else if (delta.type === 'input_json_delta') {
          const call = toolCalls.get(event.index);
          if (call === undefined) break;
          call.json += delta.partial_json;
          if (call.isResponse && delta.partial_json) {
            yield { type: 'text-delta', text: delta.partial_json };
          }
        }
        break;
      }
      case 'content_block_stop': {
        const call = toolCalls.get(event.index);
        if (call === undefined) break;
        toolCalls.delete(event.index);
        if (call.isResponse) {
          // The input came whole in content_block_start, with no deltas to stream.
          if (call.json === '') {
            yield { type: 'text-delta', text: JSON.stringify(call.initialInput ?? {}) };
          }
        } else {
          yield {
            type: 'tool-call',
            toolCallId: call.id,
            toolName: call.name,
            input: call.json === '' ? (call.initialInput ?? {}) : parseToolInput(call.json),
          };
        }
        break;
      }
      case 'message_delta':
        stopReason = event.delta.stop_reason ?? stopReason;
        Object.assign(usage, withoutNulls(event.usage ?? {}));
        break;
      case 'message_stop':
        stopped = true;
        break;
    }
  }
  if (!stopped) {
    throw new APICallError({
      provider: options.provider,
      message:
        'The stream ended before the model finished (no message_stop): the connection was cut.',
      isRetryable: true,
    });
  }
  yield {
    type: 'finish',
    finishReason: answeredWithResponseTool ? 'stop' : mapAnthropicFinishReason(stopReason),
    usage: convertAnthropicUsage(usage),
    model,
  };
}

// The counts a stream event gives (a later event's counts replace an earlier one's), and the
// cache writes by ttl.
function withoutNulls(counts: object): AnthropicTokenCounts {
  return Object.fromEntries(
    Object.entries(counts).filter(
      ([name, value]) =>
        typeof value === 'number' ||
        (name === 'cache_creation' && typeof value === 'object' && value !== null),
    ),
  ) as AnthropicTokenCounts;
}
