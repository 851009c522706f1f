import type { PromptCacheTtl } from '@kagura-ts/provider';
import { InvalidArgumentError } from '@kagura-ts/provider';

/**
 * How a call uses the provider's prompt cache, which bills a repeated prompt prefix (system
 * prompt, tools, the conversation so far) at a fraction of the input rate:
 *
 * - `'auto'` (or `true`): breakpoints where the prefix is stable, within the provider's limit
 *   and only where the prefix reaches its minimum length, plus those placed by hand on
 *   messages (`cacheBreakpoint`); a routing key per tenant and agent where the provider takes one.
 * - `'explicit'`: only the breakpoints placed by hand, and the routing key.
 * - `false`: nothing (the provider may still cache by itself, as OpenAI does).
 * - an object: `breakpoints` (`'auto'` or `'explicit'`), the `ttl` of automatic breakpoints, and
 *   the routing `key` (`false` for none).
 */
export type PromptCacheOption =
  | boolean
  | 'auto'
  | 'explicit'
  | {
      /** @default 'auto' */
      breakpoints?: 'auto' | 'explicit';
      /** How long automatic breakpoints' prefixes live. @default '5m' */
      ttl?: PromptCacheTtl;
      /** The routing key, or `false` for none. @default one per tenant and agent */
      key?: string | false;
      /**
       * Warm-then-fan-out: of calls in flight at once that would write the same prefix, the
       * first goes alone and the others follow once the provider has the prefix (at the first
       * call's first token; a plain call that goes first is sent as a stream for this), reading
       * it.
       * @default true
       */
      warmUp?: boolean;
    };

/** A prompt-cache option with its defaults filled in; `undefined` when it is off. */
export interface ResolvedPromptCache {
  breakpoints: 'auto' | 'explicit';
  ttl: PromptCacheTtl;
  key: string | false | undefined;
}

/**
 * Fills in a `promptCache` option's defaults. Bad values are an `InvalidArgumentError` before any
 * request.
 */
export function resolvePromptCache(
  option: PromptCacheOption | undefined,
): ResolvedPromptCache | undefined {
  if (option === false) return undefined;
  if (option === undefined || option === true || option === 'auto')
    return { breakpoints: 'auto', ttl: '5m', key: undefined };
  if (option === 'explicit') return { breakpoints: 'explicit', ttl: '5m', key: undefined };
  if (typeof option !== 'object' || option === null || Array.isArray(option)) {
    throw invalid('promptCache', option, "expected true, false, 'auto', 'explicit' or an object");
  }
  const { breakpoints = 'auto', ttl = '5m', key } = option;
  if (breakpoints !== 'auto' && breakpoints !== 'explicit')
    throw invalid('promptCache.breakpoints', breakpoints, "expected 'auto' or 'explicit'");
  if (ttl !== '5m' && ttl !== '1h') throw invalid('promptCache.ttl', ttl, "expected '5m' or '1h'");
  if (key !== undefined && key !== false && (typeof key !== 'string' || key === ''))
    throw invalid('promptCache.key', key, 'expected a non-empty string, or false for none');
  if (option.warmUp !== undefined && typeof option.warmUp !== 'boolean')
    throw invalid('promptCache.warmUp', option.warmUp, 'expected true or false');
  return { breakpoints, ttl, key };
}

/** Whether calls under `option` warm a shared prefix before fanning out. */
export function warmsUp(option: PromptCacheOption | undefined): boolean {
  return !(typeof option === 'object' && option !== null && option.warmUp === false);
}

function invalid(argument: string, value: unknown, expected: string): InvalidArgumentError {
  const shown = typeof value === 'string' ? `'${value}'` : String(value);
  return new InvalidArgumentError({ argument, value, message: `${expected}, got ${shown}.` });
}
