import { isRecord } from '@kagura-ts/provider';
import type { PromptSegment } from '../../wire/prompt-segment.js';
import { textOfContent } from '../../wire/text-of-content.js';

// The Messages API's limit on `cache_control` breakpoints in one request.
const MAX_BREAKPOINTS = 4;
const TTL_MS: Readonly<Record<string, number>> = { '5m': 5 * 60_000, '1h': 60 * 60_000 };
// Blocks the API refuses a `cache_control` on, which the top-level one passes over.
const UNCACHEABLE_TYPES = new Set(['thinking', 'redacted_thinking']);

/** Where a `cache_control` sits: the block that carries it and its path in the request. */
interface Marker {
  block: Record<string, unknown>;
  path: string;
}

/** A block's `cache_control` as a TTL in ms, `undefined` without one, or an error message. */
function breakpointOf({ block, path }: Marker): number | undefined | string {
  const control = block.cache_control;
  if (control === undefined || control === null) return undefined;
  const at = path === '' ? 'cache_control' : `${path}.cache_control`;
  if (!isRecord(control) || control.type !== 'ephemeral') {
    return `${at}.type: Input should be 'ephemeral', got ${JSON.stringify(control)}`;
  }
  const ttl = control.ttl ?? '5m';
  const ttlMs = typeof ttl === 'string' && Object.hasOwn(TTL_MS, ttl) ? TTL_MS[ttl] : undefined;
  return ttlMs ?? `${at}.ttl: Input should be '5m' or '1h', got ${JSON.stringify(ttl)}`;
}

/** The block as sent, without its cache marker: marking a block does not change the prefix. */
function withoutMarker(block: Record<string, unknown>): string {
  const { cache_control: _marker, ...rest } = block;
  return JSON.stringify(rest);
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

// A string is one text block to the API: the same prefix either way.
const textBlock = (text: string): Record<string, unknown> => ({ type: 'text', text });

/**
 * Lists an Anthropic request's prompt in the order the API caches it (tools, then system, then
 * messages), one segment per tool, system block and content block (and per block inside a
 * `tool_result`'s content), with the `cache_control` breakpoints as TTLs. A top-level
 * `cache_control` (automatic caching) marks the last cacheable block. Returns an error message for
 * a malformed `cache_control`, more than four (the top-level one included), or a `1h` breakpoint
 * after a `5m` one.
 */
export function parseAnthropicPrompt(body: Record<string, unknown>): PromptSegment[] | string {
  const prompt: PromptSegment[] = [];
  const errors: string[] = [];
  let breakpoints = 0;
  let shortestTtlMs = Number.POSITIVE_INFINITY;
  let ttlOutOfOrder = '';
  let lastCacheable = -1;
  // The API wants longer TTLs first: a 1-hour breakpoint after a 5-minute one is refused.
  const countBreakpoint = (ttlMs: number, at: string): void => {
    breakpoints++;
    if (ttlMs > shortestTtlMs && ttlOutOfOrder === '') ttlOutOfOrder = at;
    shortestTtlMs = Math.min(shortestTtlMs, ttlMs);
  };
  // One segment; several markers end on it when a tool_result and its last inner block both carry
  // one: each counts, and the segment keeps the longest TTL.
  const add = (key: string, text: string, markers: Marker[] = [], cacheable = true): void => {
    let ttlMs: number | undefined;
    for (const marker of markers) {
      const found = breakpointOf(marker);
      if (typeof found === 'string') errors.push(found);
      else if (found !== undefined) {
        countBreakpoint(found, `${marker.path}.cache_control`);
        ttlMs = Math.max(ttlMs ?? 0, found);
      }
    }
    if (cacheable) lastCacheable = prompt.length;
    prompt.push({ key, text, ...(ttlMs !== undefined && { breakpointTtlMs: ttlMs }) });
  };
  const tools = Array.isArray(body.tools) ? body.tools : [];
  for (const [index, tool] of tools.entries()) {
    if (isRecord(tool))
      add(`tool:${withoutMarker(tool)}`, toolText(tool), [{ block: tool, path: `tools.${index}` }]);
  }
  if (typeof body.system === 'string') {
    add(`system:${withoutMarker(textBlock(body.system))}`, body.system);
  } else if (Array.isArray(body.system)) {
    for (const [index, block] of body.system.entries()) {
      if (isRecord(block)) {
        const marker = { block, path: `system.${index}` };
        add(`system:${withoutMarker(block)}`, blockText(block), [marker]);
      }
    }
  }
  // A tool_result with blocks in its content: one segment per inner block, the first keyed on the
  // tool_result too, so that a cache_control on an inner block marks the prefix through it. The
  // tool_result's own cache_control ends on its last block. False for any other block.
  const addToolResultContent = (
    role: string,
    block: Record<string, unknown>,
    path: string,
  ): boolean => {
    if (block.type !== 'tool_result' || !Array.isArray(block.content)) return false;
    const { content: _content, cache_control: _marker, ...header } = block;
    const inner = block.content.flatMap((item: unknown, at) => {
      const part = typeof item === 'string' ? textBlock(item) : item;
      return isRecord(part) ? [{ part, path: `${path}.content.${at}` }] : [];
    });
    if (inner.length === 0) return false;
    for (const [at, { part, path: partPath }] of inner.entries()) {
      const head = at === 0 ? `${role}:${JSON.stringify(header)}:` : `${role}:`;
      const markers = [{ block: part, path: partPath }];
      if (at === inner.length - 1) markers.push({ block, path });
      add(`${head}${withoutMarker(part)}`, blockText(part), markers);
    }
    return true;
  };
  const messages = Array.isArray(body.messages) ? body.messages : [];
  for (const [index, message] of messages.entries()) {
    if (!isRecord(message)) continue;
    const role = typeof message.role === 'string' ? message.role : 'user';
    const { content } = message;
    if (!Array.isArray(content)) {
      const text = textOfContent(content);
      add(typeof content === 'string' ? `${role}:${withoutMarker(textBlock(text))}` : role, text);
      continue;
    }
    for (const [part, block] of content.entries()) {
      const path = `messages.${index}.content.${part}`;
      if (typeof block === 'string') add(`${role}:${withoutMarker(textBlock(block))}`, block);
      else if (isRecord(block) && !addToolResultContent(role, block, path)) {
        const cacheable = typeof block.type !== 'string' || !UNCACHEABLE_TYPES.has(block.type);
        add(`${role}:${withoutMarker(block)}`, blockText(block), [{ block, path }], cacheable);
      }
    }
  }

  // Automatic caching: the API puts the breakpoint on the last cacheable block, so it moves on as
  // the conversation grows; it takes one of the four breakpoints.
  const topLevel = breakpointOf({ block: body, path: '' });
  if (typeof topLevel === 'string') errors.push(topLevel);
  const last = prompt[lastCacheable];
  if (typeof topLevel === 'number' && last !== undefined) {
    countBreakpoint(topLevel, 'cache_control');
    last.breakpointTtlMs = Math.max(last.breakpointTtlMs ?? 0, topLevel);
  }
  const error = errors[0];
  if (error !== undefined) return error;
  if (breakpoints > MAX_BREAKPOINTS) {
    const detail =
      typeof topLevel === 'number' && last !== undefined
        ? ` (${breakpoints - 1} on blocks and the top-level cache_control, which takes one): remove a block-level cache_control or the top-level one.`
        : '.';
    return `A maximum of ${MAX_BREAKPOINTS} blocks with cache_control may be provided. Found ${breakpoints}${detail}`;
  }
  if (ttlOutOfOrder !== '') {
    return `${ttlOutOfOrder}.ttl: a breakpoint with ttl '1h' cannot come after one with ttl '5m': put the longer-lived breakpoints first (tools, system, messages order).`;
  }
  return prompt;
}
