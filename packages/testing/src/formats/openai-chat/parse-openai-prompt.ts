import { isRecord } from '@kagura-ts/provider';
import type { PromptSegment } from '../../wire/prompt-segment.js';
import { textOfContent } from '../../wire/text-of-content.js';

// The most `prompt_cache_breakpoint` markers one request may carry.
const MAX_BREAKPOINTS = 4;
const TTL_MS: Readonly<Record<string, number>> = {
  '30m': 30 * 60_000,
  '12h': 12 * 60 * 60_000,
};

/** How {@link parseOpenAIPrompt} reads `prompt_cache_breakpoint` markers. */
export interface OpenAIPromptBreakpoints {
  /** The TTL of a marker without its own `ttl` (the request's `prompt_cache_options.ttl`), in ms. */
  defaultTtlMs: number;
  /** How many of the latest markers are written: 3 in implicit mode, 4 in explicit mode. */
  written: number;
}

/** A part as sent, without its cache marker: marking a part does not change the prefix. */
function withoutMarker(part: unknown): unknown {
  if (!isRecord(part) || !('prompt_cache_breakpoint' in part)) return part;
  const { prompt_cache_breakpoint: _marker, ...rest } = part;
  return rest;
}

/** A message as sent, without its text: the text is hashed token by token beside it. */
function messageKey(message: Record<string, unknown>): string {
  const { content, ...rest } = message;
  const others = Array.isArray(content)
    ? content
        .filter((part) => !(isRecord(part) && typeof part.text === 'string'))
        .map(withoutMarker)
    : [];
  return JSON.stringify(others.length === 0 ? rest : { ...rest, content: others });
}

function toolText(tool: unknown): string {
  const definition = isRecord(tool) && isRecord(tool.function) ? tool.function : undefined;
  if (definition === undefined || typeof definition.name !== 'string') return '';
  const description = typeof definition.description === 'string' ? definition.description : '';
  const parameters = definition.parameters ?? { type: 'object', properties: {} };
  return `${definition.name} ${description} ${JSON.stringify(parameters)}`;
}

/** A part's marker as a TTL in ms, `undefined` without one, or an error message. */
function breakpointOf(
  part: unknown,
  path: string,
  defaultTtlMs: number,
): number | undefined | string {
  if (!isRecord(part)) return undefined;
  const marker = part.prompt_cache_breakpoint;
  if (marker === undefined || marker === null) return undefined;
  const mode = isRecord(marker) ? marker.mode : marker;
  if (mode !== 'explicit') {
    return `Invalid value for '${path}.prompt_cache_breakpoint.mode': ${JSON.stringify(mode)}. Supported values are: 'explicit'.`;
  }
  const ttl = (marker as Record<string, unknown>).ttl;
  if (ttl === undefined || ttl === null) return defaultTtlMs;
  const ttlMs = typeof ttl === 'string' && Object.hasOwn(TTL_MS, ttl) ? TTL_MS[ttl] : undefined;
  return (
    ttlMs ??
    `Invalid value for '${path}.prompt_cache_breakpoint.ttl': ${JSON.stringify(ttl)}. Supported values are: '30m' and '12h'.`
  );
}

/**
 * Lists an OpenAI chat request's prompt in the order it is cached: the tool definitions (rendered
 * ahead of the conversation), then every message, system and developer messages in place; one
 * segment a message, split after each content part with a `prompt_cache_breakpoint` when
 * `breakpoints` are read (gpt-5.6 and later), the marked segments carrying its TTL (only the
 * latest `written` of them: OpenAI writes no more). Returns an error message for a malformed
 * marker or more than four.
 */
export function parseOpenAIPrompt(
  body: Record<string, unknown>,
  breakpoints?: OpenAIPromptBreakpoints,
): PromptSegment[] | string {
  const prompt: PromptSegment[] = [];
  const tools = Array.isArray(body.tools) ? body.tools : [];
  for (const tool of tools)
    prompt.push({ key: `tool:${JSON.stringify(tool)}`, text: toolText(tool) });
  const messages = Array.isArray(body.messages) ? body.messages : [];
  const marked: PromptSegment[] = [];
  for (const [index, message] of messages.entries()) {
    if (!isRecord(message)) continue;
    const { content } = message;
    if (breakpoints === undefined || !Array.isArray(content)) {
      prompt.push({ key: messageKey(message), text: textOfContent(content) });
      continue;
    }
    // The parts up to each marked one are a segment; the first carries the message's key, the
    // others continue it. A message marked on its last part only is one segment, as unmarked.
    let start = 0;
    for (const [part, value] of content.entries()) {
      const ttlMs = breakpointOf(
        value,
        `messages[${index}].content[${part}]`,
        breakpoints.defaultTtlMs,
      );
      if (typeof ttlMs === 'string') return ttlMs;
      if (ttlMs === undefined && part < content.length - 1) continue;
      const chunk = content.slice(start, part + 1);
      const segment: PromptSegment = {
        key:
          start === 0
            ? messageKey({ ...message, content: chunk })
            : `continued:${messageKey({ content: chunk })}`,
        text: textOfContent(chunk),
        ...(ttlMs !== undefined && { breakpointTtlMs: ttlMs }),
      };
      prompt.push(segment);
      if (ttlMs !== undefined) marked.push(segment);
      start = part + 1;
    }
    if (content.length === 0) prompt.push({ key: messageKey(message), text: '' });
  }
  if (marked.length > MAX_BREAKPOINTS) {
    return `A request may carry at most ${MAX_BREAKPOINTS} content parts with prompt_cache_breakpoint. Found ${marked.length}.`;
  }
  // OpenAI writes only the latest `written` markers: no prefix is cached at the older ones.
  for (const segment of marked.slice(0, Math.max(0, marked.length - (breakpoints?.written ?? 0))))
    delete segment.breakpointTtlMs;
  return prompt;
}
