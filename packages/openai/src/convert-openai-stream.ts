import {
  APICallError,
  parseToolInput,
  readProviderStream,
  type StreamEvent,
} from '@kagura-ts/provider';
import type { Stream } from 'openai/core/streaming';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { CompletionUsage } from 'openai/resources/completions';
import { convertOpenAIUsage } from './convert-openai-usage.js';
import { mapOpenAIFinishReason } from './map-openai-finish-reason.js';
import { mapOpenAIError, type OpenAIErrorClasses } from './openai-error.js';

/** Options for {@link convertOpenAIStream}. */
export interface ConvertOpenAIStreamOptions {
  /** The provider's name, for errors. */
  provider: string;
  /** The model id asked for, reported when the server names none. */
  modelId: string;
  /** The call's abort signal. */
  abortSignal?: AbortSignal;
  /** The base URL, named in connection errors. */
  baseURL?: string;
  /** The SDK's error classes, e.g. the loaded `openai` module. */
  sdk: OpenAIErrorClasses;
}

interface PendingToolCall {
  id: string;
  name: string;
  arguments: string;
}

/**
 * Turns an SDK chunk stream into Kagura events: a `text-delta` per content delta, the tool calls
 * (assembled from their fragments) once the stream ended, then `finish`. Stopping iteration early
 * aborts the SDK stream, which closes the HTTP request.
 */
export async function* convertOpenAIStream(
  stream: Stream<ChatCompletionChunk>,
  options: ConvertOpenAIStreamOptions,
): AsyncGenerator<StreamEvent, void, undefined> {
  const toolCalls = new Map<number, PendingToolCall>();
  let finishReason: string | undefined;
  let usage: CompletionUsage | undefined;
  let model = options.modelId;
  const reading = readProviderStream(stream, {
    provider: options.provider,
    abortSignal: options.abortSignal,
    mapError: (error) => mapOpenAIError(error, options),
  });
  for await (const chunk of reading) {
    if (chunk.model) model = chunk.model;
    if (chunk.usage) usage = chunk.usage;
    const choice = chunk.choices?.find((candidate) => candidate.index === 0);
    if (choice === undefined) continue;
    const content = choice.delta?.content;
    if (content) yield { type: 'text-delta', text: content };
    for (const fragment of choice.delta?.tool_calls ?? []) {
      const call = toolCalls.get(fragment.index) ?? { id: '', name: '', arguments: '' };
      toolCalls.set(fragment.index, call);
      if (fragment.id && call.id === '') call.id = fragment.id;
      if (fragment.function?.name && call.name === '') call.name = fragment.function.name;
      if (fragment.function?.arguments) call.arguments += fragment.function.arguments;
    }
    if (choice.finish_reason) finishReason = choice.finish_reason;
  }
  if (finishReason === undefined) {
    throw new APICallError({
      provider: options.provider,
      message:
        'The stream ended before the model finished (no finish_reason): the connection was cut.',
      isRetryable: true,
    });
  }
  const ordered = [...toolCalls.entries()].sort(([left], [right]) => left - right);
  for (const [, call] of ordered) {
    yield {
      type: 'tool-call',
      toolCallId: call.id,
      toolName: call.name,
      input: parseToolInput(call.arguments),
    };
  }
  yield {
    type: 'finish',
    finishReason: mapOpenAIFinishReason(finishReason),
    usage: convertOpenAIUsage(usage),
    model,
  };
}
