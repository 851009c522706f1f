import type {
  Message,
  ModelRequest,
  PromptCacheBreakpoint,
  PromptCacheRequest,
  PromptCacheRules,
} from '@kagura-ts/provider';
import { InvalidArgumentError } from '@kagura-ts/provider';
import { textOfMessage } from '../call/prompt-prefix.js';
import { estimateTokens } from '../util/estimate-tokens.js';
import type { ResolvedPromptCache } from './prompt-cache-option.js';

type Breakpoints = PromptCacheRequest['breakpoints'];

/** Where a request's breakpoints go, and what its prompt was estimated at to place them. */
export interface PlacedBreakpoints {
  breakpoints: Breakpoints;
  /**
   * The whole prompt's estimated tokens (tools, system, messages), before scaling; `undefined`
   * when the prompt was too short to estimate.
   */
  estimatedTokens: number | undefined;
}

/**
 * Checks that the breakpoints placed by hand (`cacheBreakpoint` on messages, those on system
 * messages counting once) fit within what the provider takes.
 *
 * @throws {InvalidArgumentError} when more breakpoints are placed by hand than the provider takes.
 */
export function checkBreakpointsPlacedByHand(
  messages: readonly Message[],
  rules: PromptCacheRules,
): void {
  let placedByHand = 0;
  let system = false;
  for (const message of messages) {
    if (message.cacheBreakpoint === undefined) continue;
    if (message.role === 'system') system = true;
    else placedByHand += 1;
  }
  if (system) placedByHand += 1;
  if (placedByHand > rules.maxBreakpoints) {
    throw new InvalidArgumentError({
      argument: 'messages',
      value: placedByHand,
      message:
        `${placedByHand} cache breakpoints are placed by hand (cacheBreakpoint on messages), ` +
        `and this provider takes at most ${rules.maxBreakpoints} per request. Remove some, or ` +
        'let promptCache place them.',
    });
  }
}

/**
 * Where a request's prompt-cache breakpoints go, in the order a provider reads a prompt (tools,
 * system, messages):
 *
 * - those placed by hand (`cacheBreakpoint` on a message), always, first;
 * - with `breakpoints: 'auto'`, in the slots left: after the conversation up to the latest turn
 *   (the message before the last one, so the next turn reads all of it), after the turn before
 *   (where the previous request wrote, so this one reads it without relying on the provider
 *   looking back), after the system instructions, after the tools, in that order of
 *   preference, each only where the prefix up to it reaches the provider's minimum length.
 *
 * A prefix's length is estimated ({@link estimateTokens}) and multiplied by `tokenScale`: how
 * many tokens the provider counted per estimated token in earlier prompts to this model (1
 * before there were any).
 *
 * @throws {InvalidArgumentError} when more breakpoints are placed by hand than the provider takes.
 */
export function placeCacheBreakpoints(
  request: ModelRequest,
  rules: PromptCacheRules,
  option: ResolvedPromptCache,
  tokenScale = 1,
): PlacedBreakpoints {
  const { messages } = request;
  checkBreakpointsPlacedByHand(messages, rules);
  // A breakpoint on a system message is the system instructions' (the provider reads them all
  // first, wherever they are).
  const explicitSystem = messages.findLast(
    (message) => message.role === 'system' && message.cacheBreakpoint !== undefined,
  )?.cacheBreakpoint;
  const explicit = messages.flatMap((message, index) =>
    message.role === 'system' || message.cacheBreakpoint === undefined
      ? []
      : [{ ...message.cacheBreakpoint, index }],
  );
  const placedByHand = explicit.length + (explicitSystem === undefined ? 0 : 1);
  const breakpoints: Breakpoints = {};
  if (explicitSystem !== undefined) breakpoints.system = explicitSystem;
  if (explicit.length > 0) breakpoints.messages = explicit;
  if (option.breakpoints !== 'auto') return { breakpoints, estimatedTokens: undefined };
  // A token is at least a character: a short prompt without tools cannot reach the minimum, and
  // is not estimated (most calls are short).
  if (request.tools === undefined || request.tools.length === 0) {
    let characters = 0;
    for (const message of messages) characters += textOfMessage(message).length;
    if (characters < rules.minimumTokens) return { breakpoints, estimatedTokens: undefined };
  }
  let free = rules.maxBreakpoints - placedByHand;
  const automatic: PromptCacheBreakpoint = option.ttl === '5m' ? {} : { ttl: option.ttl };
  const prefix = prefixTokens(request);
  const reaches = (tokens: number) => tokens * tokenScale >= rules.minimumTokens;

  const latest = lastConversationBreakpoint(messages, messages.length - 1);
  // The previous request of this conversation ended two messages earlier (a question and its
  // answer, or a tool call and its result), and had its breakpoint one before that.
  const previous =
    latest === undefined ? undefined : lastConversationBreakpoint(messages, latest - 1);
  const marks = [...explicit];
  for (const index of [latest, previous]) {
    if (
      free > 0 &&
      index !== undefined &&
      reaches(prefix.throughMessage(index)) &&
      !explicit.some((mark) => mark.index === index)
    ) {
      marks.push({ ...automatic, index });
      free -= 1;
    }
  }
  if (marks.length > 0)
    breakpoints.messages = marks.sort((first, second) => first.index - second.index);
  if (
    free > 0 &&
    breakpoints.system === undefined &&
    prefix.system > 0 &&
    reaches(prefix.tools + prefix.system)
  ) {
    breakpoints.system = automatic;
    free -= 1;
  }
  if (free > 0 && prefix.tools > 0 && reaches(prefix.tools)) breakpoints.tools = automatic;
  return { breakpoints, estimatedTokens: prefix.throughMessage(messages.length - 1) };
}

// The last message before `before` that is not a system message (a system message is the
// system breakpoint's).
function lastConversationBreakpoint(
  messages: readonly Message[],
  before: number,
): number | undefined {
  for (let index = before - 1; index >= 0; index -= 1) {
    if (messages[index]!.role !== 'system') return index;
  }
  return undefined;
}

/** The estimated tokens of a request's parts, in the order the provider reads them. */
function prefixTokens(request: ModelRequest) {
  const tools =
    request.tools === undefined || request.tools.length === 0
      ? 0
      : estimateTokens(JSON.stringify(request.tools));
  let system = 0;
  const conversation: number[] = [];
  for (const message of request.messages) {
    const tokens = estimateTokens(textOfMessage(message));
    if (message.role === 'system') system += tokens;
    conversation.push(message.role === 'system' ? 0 : tokens);
  }
  return {
    tools,
    system,
    /** Tools, system, and the conversation up to and including message `index`. */
    throughMessage(index: number): number {
      let total = tools + system;
      for (let at = 0; at <= index; at += 1) total += conversation[at]!;
      return total;
    },
  };
}
