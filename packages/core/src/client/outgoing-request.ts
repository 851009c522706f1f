import type { LanguageModel, ModelRequest, Usage } from '@kagura-ts/provider';
import { prefixWarmupKey } from './prefix-warmup.js';
import { promptCacheFor } from './prompt-cache-for.js';
import type { ResolvedPromptCache } from './prompt-cache-option.js';
import type { PromptTokenScale } from './prompt-token-scale.js';
import type { RequestSnapshot } from './request-snapshot.js';

/** What an {@link OutgoingRequest} needs to ask for the provider's prompt cache. */
export interface OutgoingPromptCache {
  option: ResolvedPromptCache;
  /** Whether the request goes through warm-then-fan-out. */
  warmUp: boolean;
  agentName: string | undefined;
  /** The provider's tokens per estimated token, per model. */
  scale: PromptTokenScale;
}

/**
 * A call's request as it goes to the provider: its snapshot (what its response-cache key is made
 * from), with the prompt-cache breakpoints and routing key added the first time it is sent (and the same
 * on every retry). An answer from the response cache never places them, estimates its prompt or
 * hashes its prefix; and where they go (which can change as Kagura learns the provider's token
 * count) never changes the response-cache key.
 */
export class OutgoingRequest {
  private placed: ModelRequest | undefined;
  private estimatedTokens: number | undefined;
  private warmupKey: string | undefined | null = null;

  constructor(
    private readonly model: LanguageModel,
    private readonly snapshot: RequestSnapshot,
    private readonly promptCache: OutgoingPromptCache | undefined,
  ) {}

  /** The request to send. */
  toSend(): ModelRequest {
    if (this.placed !== undefined) return this.placed;
    const { model, promptCache } = this;
    const request = this.snapshot.request();
    if (promptCache === undefined) {
      this.placed = request;
      return request;
    }
    const { option, agentName, scale } = promptCache;
    const made = promptCacheFor(model, request, option, agentName, scale.of(model));
    this.estimatedTokens = made.estimatedTokens;
    this.placed =
      made.promptCache === undefined ? request : { ...request, promptCache: made.promptCache };
    return this.placed;
  }

  /** The request that was sent, or `undefined` when none was (the answer came from the cache). */
  get sent(): ModelRequest | undefined {
    return this.placed;
  }

  /**
   * The key of the prefix its warm-up waits on (`undefined`: it goes at once): made when it is
   * first sent.
   */
  warmupKeyToSend(): string | undefined {
    if (this.warmupKey === null) {
      this.warmupKey = this.promptCache?.warmUp
        ? prefixWarmupKey(this.model, this.toSend())
        : undefined;
    }
    return this.warmupKey;
  }

  /** Learns the provider's token count from the usage it reported for the request sent. */
  settle(usage: Usage): void {
    if (this.estimatedTokens === undefined || this.promptCache === undefined) return;
    this.promptCache.scale.learn(this.model, this.estimatedTokens, usage.inputTokens);
  }
}
