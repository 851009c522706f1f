import type { PromptCacheBreakpoint } from '@kagura-ts/provider';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import {
  type OpenAICacheBreakpoint,
  toOpenAICacheBreakpoint,
} from './to-openai-cache-breakpoint.js';

type MarkablePart = {
  type: string;
  text?: string;
  prompt_cache_breakpoint?: OpenAICacheBreakpoint;
};

/**
 * Puts a `prompt_cache_breakpoint` on the last content part of `messages[at]`, so that OpenAI
 * caches the prompt through that message; a string content becomes one text part. A message with
 * no content part to mark (an assistant message of tool calls only, or empty text) passes the
 * breakpoint to the nearest earlier message that has one: the prompt through it is a prefix of
 * the one asked for, so the next request still reads it, where skipping it would cache nothing
 * there (and in a tool loop the latest turn is such a message). A part already marked keeps the
 * longer lifetime. Mutates `messages`; returns whether a part was marked.
 */
export function markOpenAICacheBreakpoint(
  messages: ChatCompletionMessageParam[],
  at: number,
  breakpoint: PromptCacheBreakpoint,
): boolean {
  const marker = toOpenAICacheBreakpoint(breakpoint);
  for (let index = Math.min(at, messages.length - 1); index >= 0; index -= 1) {
    const message = messages[index]!;
    const parts = partsOf(message.content);
    const last = parts?.at(-1);
    if (parts === undefined || last === undefined) continue;
    const kept = last.prompt_cache_breakpoint;
    parts[parts.length - 1] = {
      ...last,
      prompt_cache_breakpoint: kept?.ttl === '12h' ? kept : marker,
    };
    (message as { content: unknown }).content = parts;
    return true;
  }
  return false;
}

// The content as parts that can carry a marker; `undefined` when there is none to mark.
function partsOf(content: ChatCompletionMessageParam['content']): MarkablePart[] | undefined {
  if (typeof content === 'string') {
    return content === '' ? undefined : [{ type: 'text', text: content }];
  }
  if (!Array.isArray(content) || content.length === 0) return undefined;
  // A refusal part has no marker field (Kagura sends none; a raw one is passed over).
  const parts = [...content] as MarkablePart[];
  return parts.at(-1)?.type === 'refusal' ? undefined : parts;
}
