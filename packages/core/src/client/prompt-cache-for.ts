import { createHash } from 'node:crypto';
import type { LanguageModel, ModelRequest, PromptCacheRequest } from '@kagura-ts/provider';
import { placeCacheBreakpoints } from './place-cache-breakpoints.js';
import type { ResolvedPromptCache } from './prompt-cache-option.js';

/** What a request asks of a model's prompt cache, and what its prompt was estimated at. */
export interface PromptCacheFor {
  /** Breakpoints and routing key; `undefined` for none. */
  promptCache: PromptCacheRequest | undefined;
  /** The whole prompt's estimated tokens, when they were estimated to place breakpoints. */
  estimatedTokens: number | undefined;
}

/**
 * What a request asks of `model`'s prompt cache under `option`: breakpoints placed within the
 * model's rules (prefix lengths scaled by `tokenScale`, the provider's tokens per estimated
 * token) and a routing key per tenant and agent; none when the model has no prompt cache to ask
 * of.
 */
export function promptCacheFor(
  model: LanguageModel,
  request: ModelRequest,
  option: ResolvedPromptCache,
  agentName: string | undefined,
  tokenScale = 1,
): PromptCacheFor {
  const rules = model.promptCache;
  if (rules === undefined) return { promptCache: undefined, estimatedTokens: undefined };
  const { breakpoints, estimatedTokens } =
    rules.maxBreakpoints > 0
      ? placeCacheBreakpoints(request, rules, option, tokenScale)
      : { breakpoints: {}, estimatedTokens: undefined };
  const key =
    !rules.acceptsKey || option.key === false
      ? undefined
      : (option.key ?? promptCacheKey(model.tenantScope ?? 'default', agentName));
  const placed =
    breakpoints.tools !== undefined ||
    breakpoints.system !== undefined ||
    (breakpoints.messages?.length ?? 0) > 0;
  if (!placed && key === undefined) return { promptCache: undefined, estimatedTokens };
  return {
    promptCache: key === undefined ? { breakpoints } : { breakpoints, key },
    estimatedTokens,
  };
}

/**
 * The routing key of a tenant's agent: stable across processes, so the provider sends its
 * requests (which share a prefix) to the same cache, and naming neither the tenant nor the
 * agent.
 */
export function promptCacheKey(tenantScope: string, agentName: string | undefined): string {
  const scope = `${tenantScope}\0${agentName ?? ''}`;
  let key = keys.get(scope);
  if (key === undefined) {
    key = `kagura-${createHash('sha256').update(scope).digest('hex').slice(0, 32)}`;
    // Made once per tenant and agent, not per call; the oldest forgotten past the bound.
    if (keys.size >= maxKeys) keys.delete(keys.keys().next().value!);
    keys.set(scope, key);
  }
  return key;
}

const keys = new Map<string, string>();
const maxKeys = 10_000;
