import type { LanguageModel } from '@kagura-ts/provider';

/** The smallest estimate learnt from: below it, the provider's framing tokens weigh too much. */
const minimumSample = 512;
/** The most models remembered at once. */
const maxModels = 1_000;

/**
 * How many tokens each model's provider counts per token that {@link estimateTokens} estimates,
 * learnt from the prompt tokens the provider reports for prompts Kagura estimated. The provider's
 * own count is the real one: no tokenizer a library can ship matches every model (Claude's is
 * not published, and differs between Claude generations), and an OpenAI tokenizer costs
 * milliseconds per long prompt and megabytes of tables. Before a model's first long prompt the
 * scale is 1; each report moves it halfway to what it measured, within 0.25-4.
 */
export class PromptTokenScale {
  private readonly scales = new Map<string, number>();

  /** Provider tokens per estimated token for `model` (1 until it has reported on one). */
  of(model: LanguageModel): number {
    return this.scales.get(scopeOf(model)) ?? 1;
  }

  /** Learns from a prompt estimated at `estimatedTokens` that the provider counted as `reportedTokens`. */
  learn(model: LanguageModel, estimatedTokens: number, reportedTokens: number): void {
    if (estimatedTokens < minimumSample || !(reportedTokens > 0)) return;
    const measured = Math.min(4, Math.max(0.25, reportedTokens / estimatedTokens));
    const scope = scopeOf(model);
    const previous = this.scales.get(scope);
    this.scales.delete(scope);
    if (this.scales.size >= maxModels) this.scales.delete(this.scales.keys().next().value!);
    this.scales.set(scope, previous === undefined ? measured : (previous + measured) / 2);
  }
}

function scopeOf(model: LanguageModel): string {
  return `${model.provider}\0${model.modelId}`;
}
