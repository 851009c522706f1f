/**
 * The shortest prompt prefix an Anthropic model caches, in tokens: 2048 for Haiku-class models,
 * 1024 for the others (Sonnet, Opus). A shorter prefix at a breakpoint is neither read nor written.
 */
export function anthropicMinimumCacheTokens(model: string): number {
  return model.toLowerCase().includes('haiku') ? 2048 : 1024;
}
