import type { Message, ModelRequest, PromptCacheRequest } from '@kagura-ts/provider';

/** A request's prompt as a provider's prefix cache sees it: tools, system, then messages. */
export interface PromptPrefix {
  /** Each tool definition as JSON, by name, in order. */
  tools: Array<{ name: string; json: string }>;
  /** The system instructions, joined as the providers join them. */
  system: string;
  /** Each non-system message's content as text, with its index in the request. */
  messages: Array<{ index: number; text: string }>;
  /**
   * How far the provider could cache it: to its last breakpoint, or (without breakpoints, as
   * OpenAI caches) all but its latest message.
   */
  cachedThrough: 'tools' | 'system' | { message: number };
}

/** Where a prompt first differs from an earlier one, within what the earlier one cached. */
export interface PromptPrefixDifference {
  /** The part that changed: the tool definitions, the system instructions, or a message. */
  part: 'tools' | 'system' | 'message';
  /** The changed tool's name (`part: 'tools'`). */
  toolName?: string | undefined;
  /** The changed message's index in the request (`part: 'message'`). */
  messageIndex?: number | undefined;
  /** The offset of the first changed character within that part's text. */
  character: number;
  /** A few characters of the earlier prompt from there, and of this one. */
  was: string;
  now: string;
  /** A guess at what changed, e.g. `'a timestamp?'`, when the text looks like one. */
  hint?: string | undefined;
}

/** The prefix of a request; `cachedThrough` from its breakpoints (all of it without any). */
export function promptPrefixOf(request: ModelRequest): PromptPrefix {
  const system: string[] = [];
  const messages: PromptPrefix['messages'] = [];
  request.messages.forEach((message, index) => {
    if (message.role === 'system') system.push(message.content);
    else messages.push({ index, text: textOfMessage(message) });
  });
  return {
    tools: (request.tools ?? []).map((tool) => ({ name: tool.name, json: JSON.stringify(tool) })),
    system: system.join('\n\n'),
    messages,
    cachedThrough: cachedThrough(request.promptCache, messages),
  };
}

/**
 * The first place where `current` differs from `previous` within what `previous` cached, or
 * `undefined` when that whole prefix is unchanged.
 */
export function firstDifference(
  previous: PromptPrefix,
  current: PromptPrefix,
): PromptPrefixDifference | undefined {
  const through = previous.cachedThrough;
  for (let index = 0; index < previous.tools.length; index += 1) {
    const was = previous.tools[index]!;
    const now = current.tools[index];
    if (now?.json !== was.json)
      return difference('tools', was.json, now?.json ?? '', { toolName: was.name });
  }
  if (through === 'tools') return undefined;
  if (previous.system !== current.system)
    return difference('system', previous.system, current.system);
  if (through === 'system') return undefined;
  for (const [position, was] of previous.messages.entries()) {
    if (typeof through === 'object' && was.index > through.message) return undefined;
    const now = current.messages[position];
    if (now?.text !== was.text) {
      return difference('message', was.text, now?.text ?? '', { messageIndex: was.index });
    }
  }
  return undefined;
}

/** The difference in words, e.g. "the system prompt changed at character 212 (a timestamp?)". */
export function describeDifference(difference: PromptPrefixDifference): string {
  const where =
    difference.part === 'tools'
      ? `tool '${difference.toolName}' changed`
      : difference.part === 'system'
        ? 'the system prompt changed'
        : `message ${difference.messageIndex} changed`;
  const hint = difference.hint === undefined ? '' : ` (${difference.hint})`;
  return `${where} at character ${difference.character}${hint}: "${difference.was}" -> "${difference.now}"`;
}

function difference(
  part: PromptPrefixDifference['part'],
  was: string,
  now: string,
  where: Pick<PromptPrefixDifference, 'toolName' | 'messageIndex'> = {},
): PromptPrefixDifference {
  let character = 0;
  while (character < was.length && was[character] === now[character]) character += 1;
  // From the start of the word or number that changed, so a hint can read it whole.
  while (character > 0 && /[\w:.-]/.test(was[character - 1]!)) character -= 1;
  const excerpt = (text: string) => text.slice(character, character + 24);
  return {
    part,
    ...where,
    character,
    was: excerpt(was),
    now: excerpt(now),
    hint: hintFor(excerpt(was), excerpt(now)),
  };
}

// What the changed text looks like, for the usual causes of a prefix that never repeats.
function hintFor(was: string, now: string): string | undefined {
  const both = (pattern: RegExp) => pattern.test(was) && pattern.test(now);
  if (both(/^\d{4}-\d{2}-\d{2}|^\d{1,2}:\d{2}/)) return 'a timestamp?';
  if (both(/^[0-9a-f]{8}-[0-9a-f]{4}-/i) || both(/^[0-9a-f]{16,}/i)) return 'an id?';
  if (both(/^\d/)) return 'a number that changes?';
  return undefined;
}

function cachedThrough(
  promptCache: PromptCacheRequest | undefined,
  messages: PromptPrefix['messages'],
): PromptPrefix['cachedThrough'] {
  const breakpoints = promptCache?.breakpoints;
  const last = breakpoints?.messages?.reduce((most, mark) => Math.max(most, mark.index), -1) ?? -1;
  if (last >= 0) return { message: last };
  if (breakpoints?.system !== undefined) return 'system';
  if (breakpoints?.tools !== undefined) return 'tools';
  const beforeLatest = messages.at(-2);
  return beforeLatest === undefined ? 'system' : { message: beforeLatest.index };
}

/** A message's content as one text: its text parts, tool calls and tool results. */
export function textOfMessage(message: Message): string {
  if (typeof message.content === 'string') return message.content;
  return message.content
    .map((part) => {
      if (part.type === 'text') return part.text;
      if (part.type === 'tool-call') return `${part.toolName} ${JSON.stringify(part.input)}`;
      if (part.type === 'tool-result') return JSON.stringify(part.output);
      return '[image]';
    })
    .join('\n');
}
