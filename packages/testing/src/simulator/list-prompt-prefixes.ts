import { createHash } from 'node:crypto';
import { countTokens, splitTokens } from '../generation/count-tokens.js';
import type { PromptCachePolicy } from '../wire/prompt-cache-policy.js';
import type { PromptSegment } from '../wire/prompt-segment.js';

/** A prompt prefix the cache may keep. */
export interface PromptPrefix {
  /** Its length in tokens. */
  tokens: number;
  /** What identifies it: the partition, then every segment's key and text up to its end. */
  hash: string;
  /**
   * How long it stays cached once written or read, in milliseconds; `0` for a block boundary
   * that is not a breakpoint (reading it keeps the TTL it was written with).
   */
  ttlMs: number;
  /**
   * Whether the request may write it: a breakpoint or an automatic step. The other prefixes,
   * listed in `breakpoints` mode only, end at the blocks between breakpoints: a breakpoint's
   * lookback may read them when an earlier request wrote them.
   */
  writable: boolean;
}

/**
 * Lists the prefixes of `prompt` that `policy` can cache, shortest first: in `breakpoints` mode one
 * per segment (the breakpoints writable, the others for the lookback to read), in `automatic`
 * mode every `incrementTokens` from `minimumTokens` on and one per breakpoint as well (OpenAI's
 * gpt-5.6+ explicit breakpoints beside its automatic caching). Tokens are the simulator's
 * (`countTokens`), so the lengths add up to the reply's prompt tokens.
 */
export function listPromptPrefixes(
  prompt: readonly PromptSegment[],
  policy: PromptCachePolicy,
  partition: string,
): PromptPrefix[] {
  const hash = createHash('sha256').update(partition);
  const prefixes: PromptPrefix[] = [];
  const push = (tokens: number, ttlMs: number, writable = true): void => {
    prefixes.push({ tokens, hash: hash.copy().digest('hex'), ttlMs, writable });
  };
  // A breakpoint ending where a step does marks the same prefix: it keeps the longer TTL.
  const pushBreakpoint = (segment: PromptSegment): void => {
    if (segment.breakpointTtlMs === undefined) return;
    const last = prefixes.at(-1);
    if (last !== undefined && last.hash === hash.copy().digest('hex'))
      last.ttlMs = Math.max(last.ttlMs, segment.breakpointTtlMs);
    else push(total, segment.breakpointTtlMs);
  };
  const step = Math.max(1, policy.incrementTokens);
  let next = Math.max(step, Math.ceil(policy.minimumTokens / step) * step);
  let total = 0;
  for (const segment of prompt) {
    // NUL-framed, so that no key and text pair can pass for another.
    hash.update(`\0${segment.key}\0`);
    if (policy.mode === 'breakpoints') {
      hash.update(segment.text);
      total += countTokens(segment.text);
      push(total, segment.breakpointTtlMs ?? 0, segment.breakpointTtlMs !== undefined);
      continue;
    }
    const count = countTokens(segment.text);
    if (total + count < next) {
      hash.update(segment.text);
      total += count;
      pushBreakpoint(segment);
      continue;
    }
    // The segment crosses a step: hash it up to each one (its tokens join back to its text).
    let hashedTo = 0;
    let offset = 0;
    for (const token of splitTokens(segment.text)) {
      offset += token.length;
      total++;
      if (total !== next) continue;
      hash.update(segment.text.slice(hashedTo, offset));
      hashedTo = offset;
      push(total, policy.ttlMs);
      next += step;
    }
    hash.update(segment.text.slice(hashedTo));
    pushBreakpoint(segment);
  }
  return prefixes;
}
