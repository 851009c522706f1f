import {
  type ImagePart,
  InvalidArgumentError,
  type Message,
  type PromptCacheBreakpoint,
} from '@kagura-ts/provider';
import type {
  ChatCompletionContentPart,
  ChatCompletionMessageFunctionToolCall,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import { markOpenAICacheBreakpoint } from './mark-openai-cache-breakpoint.js';

/** A prompt-cache breakpoint after a message, by its index among the Kagura messages. */
export type MessageBreakpoint = PromptCacheBreakpoint & { index: number };

/**
 * Converts Kagura messages to Chat Completions messages: user images become `image_url` parts
 * (bytes as base64 `data:` URLs), assistant tool calls become `tool_calls` with JSON-string
 * arguments, and each tool result becomes its own `role: 'tool'` message. Each breakpoint becomes
 * a `prompt_cache_breakpoint` on the last content part sent for its message (see
 * {@link markOpenAICacheBreakpoint}); pass only breakpoints the model and server take.
 */
export function convertToOpenAIMessages(
  messages: readonly Message[],
  breakpoints: readonly MessageBreakpoint[] = [],
): ChatCompletionMessageParam[] {
  const converted: ChatCompletionMessageParam[] = [];
  for (const [index, message] of messages.entries()) {
    switch (message.role) {
      case 'system':
        converted.push({ role: 'system', content: message.content });
        break;
      case 'user':
        converted.push({
          role: 'user',
          content:
            typeof message.content === 'string'
              ? message.content
              : message.content.map(
                  (part): ChatCompletionContentPart =>
                    part.type === 'text'
                      ? { type: 'text', text: part.text }
                      : { type: 'image_url', image_url: { url: toImageURL(part) } },
                ),
        });
        break;
      case 'assistant': {
        if (typeof message.content === 'string') {
          converted.push({ role: 'assistant', content: message.content });
          break;
        }
        let text = '';
        const toolCalls: ChatCompletionMessageFunctionToolCall[] = [];
        for (const part of message.content) {
          if (part.type === 'text') text += part.text;
          else {
            toolCalls.push({
              id: part.toolCallId,
              type: 'function',
              function: { name: part.toolName, arguments: stringifyToolInput(part.input) },
            });
          }
        }
        converted.push(
          toolCalls.length > 0
            ? { role: 'assistant', content: text === '' ? null : text, tool_calls: toolCalls }
            : { role: 'assistant', content: text },
        );
        break;
      }
      case 'tool':
        for (const result of message.content) {
          converted.push({
            role: 'tool',
            tool_call_id: result.toolCallId,
            content:
              typeof result.output === 'string'
                ? result.output
                : (JSON.stringify(result.output) ?? 'null'),
          });
        }
        break;
    }
    const breakpoint = breakpoints.find((mark) => mark.index === index);
    if (breakpoint !== undefined) {
      markOpenAICacheBreakpoint(converted, converted.length - 1, breakpoint);
    }
  }
  return converted;
}

function toImageURL(part: ImagePart): string {
  if (typeof part.image === 'string') return part.image;
  if (part.mediaType === undefined) {
    throw new InvalidArgumentError({
      argument: 'mediaType',
      value: undefined,
      message: "an image given as bytes needs its media type, e.g. { mediaType: 'image/png' }.",
    });
  }
  return `data:${part.mediaType};base64,${Buffer.from(part.image).toString('base64')}`;
}

// A raw string is what we kept when the model's arguments were not valid JSON: send it back as
// the model wrote it rather than quoting it.
function stringifyToolInput(input: unknown): string {
  if (typeof input === 'string') return input;
  return JSON.stringify(input ?? {});
}
