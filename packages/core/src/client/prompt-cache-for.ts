import { createHash } from 'node:crypto';
import type { LanguageModel, ModelRequest, PromptCacheRequest } from '@kagura-ts/provider';
import { placeCacheBreakpoints } from './place-cache-breakpoints.js';
import { type PromptCacheOption, resolvePromptCache } from './prompt-cache-option.js';

/**
 * What a request asks of `model`'s prompt cache under `option`: breakpoints placed within the
 * model's rules and a routing key per tenant and agent; `undefined` for none (the option is
 * off, or the model has no prompt cache to ask of). The option is checked first, whatever the
 * model.
 */
export function promptCacheFor(
  model: LanguageModel,
  request: ModelRequest,
  option: PromptCacheOption | undefined,
  agentName: string | undefined,
): PromptCacheRequest | undefined {
  const resolved = resolvePromptCache(option);
  const rules = model.promptCache;
  if (resolved === undefined || rules === undefined) return undefined;
  const breakpoints =
    rules.maxBreakpoints > 0 ? placeCacheBreakpoints(request, rules, resolved) : {};
  const key =
    !rules.acceptsKey || resolved.key === false
      ? undefined
      : (resolved.key ?? promptCacheKey(model.tenantScope ?? 'default', agentName));
  const placed =
    breakpoints.tools !== undefined ||
    breakpoints.system !== undefined ||
    (breakpoints.messages?.length ?? 0) > 0;
  if (!placed && key === undefined) return undefined;
  return key === undefined ? { breakpoints } : { breakpoints, key };
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
