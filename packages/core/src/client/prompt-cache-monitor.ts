import type { LanguageModel, ModelRequest, Usage } from '@kagura-ts/provider';
import {
  firstDifference,
  type PromptPrefix,
  type PromptPrefixDifference,
  promptPrefixOf,
} from '../call/prompt-prefix.js';
import type {
  PromptCacheAgentStats,
  PromptCacheCounts,
  PromptCacheStats,
} from './prompt-cache-stats.js';

/** A call that should have read the provider's prompt cache and did not, and why. */
export interface PromptCacheMiss {
  /** Where its prompt first differs from the previous call's cached prefix, if it does. */
  difference: PromptPrefixDifference | undefined;
}

/** The most scopes (and agents counted) remembered at once. */
const maxScopes = 10_000;

interface LastCall {
  prefix: PromptPrefix;
  at: number;
  /** Whether its prompt was long enough for the provider to cache. */
  cacheable: boolean;
  ttlMs: number;
}

/**
 * Watches each agent's calls to one model (a scope: provider, model, tenant, agent) for prompt-
 * cache reads. A call is expected to read when the previous call of its scope asked for the
 * provider's prompt cache, was long enough to be cached, and was made within the cache's ttl;
 * one that read nothing is a miss, explained by the first change within the previous call's
 * cached prefix (or, with no change, by the cache itself: expired, evicted, or another server).
 * It also counts, per agent and model, the requests, reads, tokens and savings.
 */
export class PromptCacheMonitor {
  private readonly last = new Map<string, LastCall>();
  private readonly agents = new Map<string, PromptCacheAgentStats>();

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Records an upstream call's prompt and usage (and what the prompt cache saved it, in US
   * dollars); returns the miss, if it is one.
   */
  observe(
    model: LanguageModel,
    agent: string | undefined,
    request: ModelRequest,
    usage: Usage,
    savedUsd: number,
  ): PromptCacheMiss | undefined {
    const { promptCache } = request;
    const rules = model.promptCache;
    if (promptCache === undefined || rules === undefined) return undefined;
    const counts = this.countsOf(model, agent);
    counts.requests += 1;
    if (usage.cachedInputTokens > 0) counts.reads += 1;
    counts.readTokens += usage.cachedInputTokens;
    counts.writeTokens += usage.cacheWriteInputTokens ?? 0;
    counts.savedUsd += savedUsd;
    const scope = `${model.provider}\0${model.modelId}\0${model.tenantScope ?? ''}\0${agent ?? ''}`;
    const prefix = promptPrefixOf(request);
    const at = this.now();
    const previous = this.last.get(scope);
    // One entry per scope, the latest call's, and the oldest scopes forgotten past the bound.
    this.last.delete(scope);
    if (this.last.size >= maxScopes) this.last.delete(this.last.keys().next().value!);
    this.last.set(scope, {
      prefix,
      at,
      cacheable: usage.inputTokens >= rules.minimumTokens,
      ttlMs: hasLongBreakpoint(request) ? 3_600_000 : 300_000,
    });
    if (previous === undefined || !previous.cacheable || at - previous.at >= previous.ttlMs)
      return undefined;
    if (usage.cachedInputTokens > 0) return undefined;
    counts.misses += 1;
    return { difference: firstDifference(previous.prefix, prefix) };
  }

  /** The counts so far: in all, and per agent and model. */
  stats(): PromptCacheStats {
    const total: PromptCacheCounts = emptyCounts();
    const byAgent: PromptCacheAgentStats[] = [];
    for (const counts of this.agents.values()) {
      const row = { ...counts, hitRate: rateOf(counts) };
      byAgent.push(row);
      total.requests += row.requests;
      total.reads += row.reads;
      total.readTokens += row.readTokens;
      total.writeTokens += row.writeTokens;
      total.misses += row.misses;
      total.savedUsd += row.savedUsd;
    }
    return { ...total, hitRate: rateOf(total), byAgent };
  }

  private countsOf(model: LanguageModel, agent: string | undefined): PromptCacheAgentStats {
    const key = `${model.provider}\0${model.modelId}\0${agent ?? ''}`;
    let counts = this.agents.get(key);
    if (counts === undefined) {
      // The first agents seen are kept: the counts of one seen past the bound are not.
      if (this.agents.size >= maxScopes)
        return { ...emptyCounts(), agent, provider: '', model: '' };
      counts = { ...emptyCounts(), agent, provider: model.provider, model: model.modelId };
      this.agents.set(key, counts);
    }
    return counts;
  }
}

function emptyCounts(): PromptCacheCounts {
  return {
    requests: 0,
    reads: 0,
    hitRate: 0,
    readTokens: 0,
    writeTokens: 0,
    misses: 0,
    savedUsd: 0,
  };
}

function rateOf(counts: PromptCacheCounts): number {
  return counts.requests === 0 ? 0 : counts.reads / counts.requests;
}

function hasLongBreakpoint(request: ModelRequest): boolean {
  const breakpoints = request.promptCache?.breakpoints;
  return (
    breakpoints?.tools?.ttl === '1h' ||
    breakpoints?.system?.ttl === '1h' ||
    (breakpoints?.messages ?? []).some((mark) => mark.ttl === '1h')
  );
}
