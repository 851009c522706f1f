import { countTokens, splitTokens } from '../generation/count-tokens.js';
import { generateFromSchema } from '../generation/generate-from-schema.js';
import { generateText, generateWords } from '../generation/generate-text.js';
import { createRng } from '../util/create-rng.js';
import { hashString } from '../util/hash-string.js';
import type { ParsedRequest } from '../wire/parsed-request.js';
import { NO_PROMPT_CACHE_USAGE } from '../wire/prompt-cache-usage.js';
import type { PlannedToolCall, ReplyPlan } from '../wire/reply-plan.js';
import type { SimulatorRequestInfo } from './simulator-request-info.js';
import type { ScriptedToolCall, SimulatorRule } from './simulator-rule.js';

/** Settings that shape every reply. */
export interface PlanSettings {
  /** Simulator seed. */
  seed: number;
  /** Generated reply length in tokens. */
  replyTokens: number;
}

function countPromptTokens({ info, prompt }: ParsedRequest): number {
  if (prompt !== undefined) {
    let total = 0;
    for (const segment of prompt) total += countTokens(segment.text);
    return total;
  }
  let total = countTokens(info.system);
  for (const message of info.messages) total += countTokens(message.text);
  for (const tool of info.tools) {
    total += countTokens(
      `${tool.name} ${tool.description ?? ''} ${JSON.stringify(tool.inputSchema)}`,
    );
  }
  return total;
}

function cutAtStopSequence(
  tokens: string[],
  stopSequences: string[],
): { tokens: string[]; stopSequence: string | null } {
  if (stopSequences.length === 0 || tokens.length === 0) return { tokens, stopSequence: null };
  const text = tokens.join('');
  let cut = -1;
  let found: string | null = null;
  for (const sequence of stopSequences) {
    const index = sequence === '' ? -1 : text.indexOf(sequence);
    if (index !== -1 && (cut === -1 || index < cut)) {
      cut = index;
      found = sequence;
    }
  }
  return found === null
    ? { tokens, stopSequence: null }
    : { tokens: splitTokens(text.slice(0, cut)), stopSequence: found };
}

/**
 * Decides the reply to a request: the matching rule's script, a forced tool call, JSON for
 * structured output, or seeded filler text; then applies stop sequences and `max_tokens`.
 * The same request and seed always give the same plan.
 */
export function planReply(
  parsed: ParsedRequest<SimulatorRequestInfo>,
  rule: SimulatorRule | undefined,
  settings: PlanSettings,
): ReplyPlan {
  const requestSeed = hashString(parsed.contentKey, (0x811c9dc5 ^ settings.seed) >>> 0);
  const rng = createRng(requestSeed);
  let calls: ScriptedToolCall[] = rule?.toolCalls ?? [];
  let text: string | undefined;
  if (rule?.reply !== undefined) {
    text = typeof rule.reply === 'function' ? rule.reply(parsed.info) : rule.reply;
  } else if (rule?.toolCalls !== undefined) {
    text = '';
  } else if (parsed.forcedTool !== undefined) {
    calls = [
      {
        name: parsed.forcedTool.name,
        input: generateFromSchema(parsed.forcedTool.inputSchema, rng),
      },
    ];
    text = '';
  } else if (parsed.outputSchema !== undefined) {
    text = JSON.stringify(generateFromSchema(parsed.outputSchema, rng));
  } else if (parsed.jsonObject) {
    text = JSON.stringify({ answer: generateWords(rng, 6) });
  }
  let textTokens = text === undefined ? generateText(rng, settings.replyTokens) : splitTokens(text);
  const stopped = cutAtStopSequence(textTokens, parsed.stopSequences);
  textTokens = stopped.tokens;
  const maxTokens = parsed.info.maxTokens;
  const truncated = maxTokens !== undefined && textTokens.length > maxTokens;
  if (truncated) textTokens = textTokens.slice(0, Math.max(0, maxTokens));
  const toolCalls = calls.map((call, index): PlannedToolCall => {
    const json = JSON.stringify(call.input ?? {});
    return {
      id: `sim${hashString(`${index}:${call.name}`, requestSeed).toString(36)}${index}`,
      name: call.name,
      arguments: json,
      argumentTokens: splitTokens(json),
    };
  });
  let completionTokens = textTokens.length;
  for (const call of toolCalls) completionTokens += call.argumentTokens.length;
  return {
    textTokens,
    toolCalls,
    finishReason:
      rule?.finishReason ?? (truncated ? 'length' : toolCalls.length > 0 ? 'tool-calls' : 'stop'),
    stopSequence: truncated ? null : stopped.stopSequence,
    promptTokens: countPromptTokens(parsed),
    // The prompt cache's part is filled in by the caller, which holds the caches.
    promptCache: NO_PROMPT_CACHE_USAGE,
    completionTokens,
  };
}
