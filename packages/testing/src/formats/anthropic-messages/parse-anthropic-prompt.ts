import { isRecord } from '@kagura-ts/provider';
import type { PromptSegment } from '../../wire/prompt-segment.js';
import { textOfContent } from '../../wire/text-of-content.js';

// The Messages API's limit on `cache_control` breakpoints in one request.
const MAX_BREAKPOINTS = 4;
const TTL_MS: Readonly<Record<string, number>> = { '5m': 5 * 60_000, '1h': 60 * 60_000 };

/** A block's `cache_control` as a TTL in ms, `undefined` without one, or an error message. */
function breakpointOf(block: Record<string, unknown>, path: string): number | undefined | string {
  const control = block.cache_control;
  if (control === undefined || control === null) return undefined;
  if (!isRecord(control) || control.type !== 'ephemeral') {
    return `${path}.cache_control.type: Input should be 'ephemeral'`;
  }
  const ttl = control.ttl ?? '5m';
  const ttlMs = typeof ttl === 'string' && Object.hasOwn(TTL_MS, ttl) ? TTL_MS[ttl] : undefined;
  return ttlMs ?? `${path}.cache_control.ttl: Input should be '5m' or '1h'`;
}

/** The block as sent, without its cache marker: marking a block does not change the prefix. */
function keyOf(prefix: string, block: Record<string, unknown>): string {
  const { cache_control: _marker, ...rest } = block;
  return `${prefix}:${JSON.stringify(rest)}`;
}

function toolText(tool: Record<string, unknown>): string {
  // Server tools (web search, bash, ...) have no input_schema and count no tokens, as before.
  if (typeof tool.name !== 'string' || tool.input_schema === undefined) return '';
  const description = typeof tool.description === 'string' ? tool.description : '';
  return `${tool.name} ${description} ${JSON.stringify(tool.input_schema)}`;
}

function blockText(block: Record<string, unknown>): string {
  if (typeof block.text === 'string') return block.text;
  return block.type === 'tool_result' ? textOfContent(block.content) : '';
}

/**
 * Lists an Anthropic request's prompt in the order the API caches it (tools, then system, then
 * messages), one segment per tool, system block and content block, with the `cache_control`
 * breakpoints as TTLs. Returns an error message for a malformed `cache_control`, more than four,
 * or a `1h` breakpoint after a `5m` one.
 */
export function parseAnthropicPrompt(body: Record<string, unknown>): PromptSegment[] | string {
  const prompt: PromptSegment[] = [];
  let breakpoints = 0;
  let shortestTtlMs = Number.POSITIVE_INFINITY;
  let ttlOutOfOrder = '';
  const add = (key: string, text: string, block?: Record<string, unknown>, path = ''): string => {
    const ttlMs = block === undefined ? undefined : breakpointOf(block, path);
    if (typeof ttlMs === 'string') return ttlMs;
    if (ttlMs !== undefined) {
      breakpoints++;
      // The API wants longer TTLs first: a 1-hour breakpoint after a 5-minute one is refused.
      if (ttlMs > shortestTtlMs && ttlOutOfOrder === '') ttlOutOfOrder = path;
      shortestTtlMs = Math.min(shortestTtlMs, ttlMs);
    }
    prompt.push({ key, text, ...(ttlMs !== undefined && { breakpointTtlMs: ttlMs }) });
    return '';
  };
  const errors: string[] = [];
  const tools = Array.isArray(body.tools) ? body.tools : [];
  for (const [index, tool] of tools.entries()) {
    if (isRecord(tool))
      errors.push(add(keyOf('tool', tool), toolText(tool), tool, `tools.${index}`));
  }
  // A string is one text block to the API: the same prefix either way.
  const textBlock = (text: string) => ({ type: 'text', text });
  if (typeof body.system === 'string') add(keyOf('system', textBlock(body.system)), body.system);
  else if (Array.isArray(body.system)) {
    for (const [index, block] of body.system.entries()) {
      if (isRecord(block)) {
        errors.push(add(keyOf('system', block), blockText(block), block, `system.${index}`));
      }
    }
  }
  const messages = Array.isArray(body.messages) ? body.messages : [];
  for (const [index, message] of messages.entries()) {
    if (!isRecord(message)) continue;
    const role = typeof message.role === 'string' ? message.role : 'user';
    const { content } = message;
    if (!Array.isArray(content)) {
      const text = textOfContent(content);
      add(typeof content === 'string' ? keyOf(role, textBlock(text)) : role, text);
      continue;
    }
    for (const [part, block] of content.entries()) {
      if (typeof block === 'string') add(keyOf(role, textBlock(block)), block);
      else if (isRecord(block)) {
        const path = `messages.${index}.content.${part}`;
        errors.push(add(keyOf(role, block), blockText(block), block, path));
      }
    }
  }
  const error = errors.find((message) => message !== '');
  if (error !== undefined) return error;
  if (breakpoints > MAX_BREAKPOINTS) {
    return `A maximum of ${MAX_BREAKPOINTS} blocks with cache_control may be provided. Found ${breakpoints}.`;
  }
  if (ttlOutOfOrder !== '') {
    return `${ttlOutOfOrder}.cache_control.ttl: a breakpoint with ttl '1h' cannot come after one with ttl '5m': put the longer-lived breakpoints first (tools, system, messages order).`;
  }
  return prompt;
}
