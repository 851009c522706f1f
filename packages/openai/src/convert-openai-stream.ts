import {
  AbortError,
  APICallError,
  KaguraError,
  parseToolInput,
  type StreamEvent,
} from '@kagura/core';
import type { Stream } from 'openai/core/streaming';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { CompletionUsage } from 'openai/resources/completions';
import { convertOpenAIUsage } from './convert-openai-usage';
import { mapOpenAIFinishReason } from './map-openai-finish-reason';
import { mapOpenAIError } from './openai-error';

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
  const iterator = stream[Symbol.asyncIterator]();
  const toolCalls = new Map<number, PendingToolCall>();
  let finishReason: string | undefined;
  let usage: CompletionUsage | undefined;
  let model = options.modelId;
  let ended = false;
  try {
    while (true) {
      let result: IteratorResult<ChatCompletionChunk>;
      try {
        result = await iterator.next();
      } catch (error) {
        throw toStreamError(error, options);
      }
      if (result.done) break;
      const chunk = result.value;
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
    ended = true;
    // The SDK ends iteration quietly when the request is aborted.
    if (options.abortSignal?.aborted) {
      throw new AbortError({
        message: 'The stream was aborted.',
        cause: options.abortSignal.reason,
      });
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
  } finally {
    if (!ended) {
      // The consumer stopped early (or the stream failed): close the HTTP request now rather
      // than when the server finishes.
      stream.controller.abort();
      iterator.return?.().catch(() => {});
    }
  }
}

function toStreamError(error: unknown, options: ConvertOpenAIStreamOptions): unknown {
  const mapped = mapOpenAIError(error, options);
  if (KaguraError.isInstance(mapped)) return mapped;
  // Anything else thrown while reading the body (undici's `terminated`, a reset socket) means
  // the connection broke mid-reply.
  const reason = error instanceof Error ? error.message : String(error);
  return new APICallError({
    provider: options.provider,
    message: `The connection broke mid-stream (${reason}).`,
    isRetryable: true,
    cause: error,
  });
}
