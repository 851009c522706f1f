/**
 * The shortest prompt prefix an Anthropic model caches, in tokens, as Anthropic documents it:
 * 4096 for Claude Haiku 4.5 and Opus 4.5, 2048 for the older Haiku models, 1024 for the others
 * (Kagura's Anthropic provider places breakpoints by the same table). A shorter prefix at a
 * breakpoint is neither read nor written.
 */
export function anthropicMinimumCacheTokens(model: string): number {
  const id = model.toLowerCase();
  if (/haiku-4-5|opus-4-5/.test(id)) return 4096;
  return id.includes('haiku') ? 2048 : 1024;
}
