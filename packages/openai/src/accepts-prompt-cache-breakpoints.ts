// `gpt-<major>[.<minor>]` then the end or a `-` suffix (`-mini`, `-nano`, `-pro`, a snapshot
// date), optionally as a fine-tune (`ft:gpt-5.6-mini:org::id`). `gpt-4o` and `gpt-4.1-mini`
// match too (and are older); `gpt-oss-120b`, `o3` and `chatgpt-4o-latest` do not.
const gptVersionPattern = /^(?:ft:)?gpt-(\d+)(?:\.(\d+))?(?:-|:|$)/;

// The first version whose content parts take `prompt_cache_breakpoint`.
const firstMajor = 5;
const firstMinor = 6;

/**
 * Whether an OpenAI model takes explicit prompt-cache breakpoints (`prompt_cache_breakpoint` on
 * content parts, and `prompt_cache_options`): `gpt-5.6` and later (`gpt-5.6-mini`, `gpt-5.7`,
 * `gpt-6`, `gpt-6.1-nano`), but not `gpt-4o`, `gpt-4.1`, `gpt-5`, `gpt-5.5` or the o-series.
 *
 * @example
 * ```ts
 * acceptsPromptCacheBreakpoints('gpt-5.6-mini'); // true
 * acceptsPromptCacheBreakpoints('gpt-5.5'); // false
 * ```
 */
export function acceptsPromptCacheBreakpoints(modelId: string): boolean {
  const match = gptVersionPattern.exec(modelId);
  if (match === null) return false;
  const major = Number(match[1]);
  const minor = match[2] === undefined ? 0 : Number(match[2]);
  return major > firstMajor || (major === firstMajor && minor >= firstMinor);
}
