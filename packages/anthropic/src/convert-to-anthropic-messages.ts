import type {
  Base64ImageSource,
  ContentBlockParam,
  ImageBlockParam,
  MessageParam,
} from '@anthropic-ai/sdk/resources/messages';
import {
  type ImagePart,
  InvalidArgumentError,
  type Message,
  type PromptCacheBreakpoint,
} from '@kagura-ts/provider';

/** Messages API messages and the system prompt taken out of them. */
export interface AnthropicPrompt {
  /** Every system message's text, joined with blank lines; `undefined` when there is none. */
  system: string | undefined;
  /** Alternating `user` / `assistant` messages. */
  messages: MessageParam[];
}

type Turn = { role: 'user' | 'assistant'; content: ContentBlockParam[] };

/** A prompt-cache breakpoint after a message, by its index among the Kagura messages. */
export type MessageBreakpoint = PromptCacheBreakpoint & { index: number };

/**
 * Converts Kagura messages to the Messages API: system messages (wherever they are) go to the
 * top-level `system`, tool calls become `tool_use` blocks, tool results become a user message of
 * `tool_result` blocks, and consecutive messages of one role are merged into one turn, since the
 * API wants roles to alternate.
 */
export function convertToAnthropicMessages(
  messages: readonly Message[],
  breakpoints: readonly MessageBreakpoint[] = [],
): AnthropicPrompt {
  const system: string[] = [];
  const turns: Turn[] = [];
  const append = (role: Turn['role'], blocks: ContentBlockParam[]) => {
    if (blocks.length === 0) return;
    const last = turns.at(-1);
    if (last?.role === role) last.content.push(...blocks);
    else turns.push({ role, content: blocks });
  };
  for (const [index, message] of messages.entries()) {
    switch (message.role) {
      case 'system':
        system.push(message.content);
        break;
      case 'user':
        append(
          'user',
          typeof message.content === 'string'
            ? textBlocks(message.content)
            : message.content.flatMap((part) =>
                part.type === 'text' ? textBlocks(part.text) : [convertImage(part)],
              ),
        );
        break;
      case 'assistant':
        append(
          'assistant',
          typeof message.content === 'string'
            ? textBlocks(message.content)
            : message.content.flatMap((part): ContentBlockParam[] =>
                part.type === 'text'
                  ? textBlocks(part.text)
                  : [
                      {
                        type: 'tool_use',
                        id: part.toolCallId,
                        name: part.toolName,
                        input: part.input ?? {},
                      },
                    ],
              ),
        );
        break;
      case 'tool':
        append(
          'user',
          message.content.map((result) => ({
            type: 'tool_result',
            tool_use_id: result.toolCallId,
            content:
              typeof result.output === 'string'
                ? result.output
                : (JSON.stringify(result.output) ?? 'null'),
            ...(result.isError ? { is_error: true } : {}),
          })),
        );
        break;
    }
    // The breakpoint goes on the last block sent so far: the prompt up to this message.
    const breakpoint = breakpoints.find((mark) => mark.index === index);
    const last = turns.at(-1)?.content.at(-1);
    if (breakpoint !== undefined && last !== undefined && message.role !== 'system') {
      (last as { cache_control?: unknown }).cache_control = cacheControl(breakpoint);
    }
  }
  return {
    system: system.length > 0 ? system.join('\n\n') : undefined,
    // A turn of one text block is sent as a plain string: the shape most requests have.
    messages: turns.map(({ role, content }) => {
      const [first] = content;
      return content.length === 1 && first?.type === 'text' && first.cache_control === undefined
        ? { role, content: first.text }
        : { role, content };
    }),
  };
}

/** The Messages API marker of a breakpoint (`ttl` only when it is not the default 5 minutes). */
export function cacheControl(breakpoint: PromptCacheBreakpoint): {
  type: 'ephemeral';
  ttl?: '1h';
} {
  return breakpoint.ttl === '1h' ? { type: 'ephemeral', ttl: '1h' } : { type: 'ephemeral' };
}

// The API rejects empty text blocks.
function textBlocks(text: string): ContentBlockParam[] {
  return text === '' ? [] : [{ type: 'text', text }];
}

const dataURLPattern = /^data:([^;,]+);base64,(.*)$/s;

function convertImage(part: ImagePart): ImageBlockParam {
  if (typeof part.image !== 'string') {
    if (part.mediaType === undefined) {
      throw new InvalidArgumentError({
        argument: 'mediaType',
        value: undefined,
        message: "an image given as bytes needs its media type, e.g. { mediaType: 'image/png' }.",
      });
    }
    return base64Image(part.mediaType, Buffer.from(part.image).toString('base64'));
  }
  if (part.image.startsWith('data:')) {
    const match = dataURLPattern.exec(part.image);
    if (match === null) {
      throw new InvalidArgumentError({
        argument: 'image',
        value: `${part.image.slice(0, 40)}…`,
        message: 'a data: URL image must be base64, e.g. data:image/png;base64,iVBOR...',
      });
    }
    return base64Image(match[1]!, match[2]!);
  }
  return { type: 'image', source: { type: 'url', url: part.image } };
}

function base64Image(mediaType: string, data: string): ImageBlockParam {
  return {
    type: 'image',
    source: { type: 'base64', media_type: mediaType as Base64ImageSource['media_type'], data },
  };
}
