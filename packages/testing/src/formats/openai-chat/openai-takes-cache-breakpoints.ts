// `gpt-<major>[.<minor>]` then the end or a suffix (`-mini`, a snapshot date), or a fine-tune.
const gptVersionPattern = /^(?:ft:)?gpt-(\d+)(?:\.(\d+))?(?:-|:|$)/;

/**
 * Whether an OpenAI model takes explicit prompt-cache breakpoints (`prompt_cache_breakpoint` on
 * content parts, `prompt_cache_options`): `gpt-5.6` and later (`gpt-5.6-mini`, `gpt-6`), not
 * `gpt-4o`, `gpt-4.1`, `gpt-5`, `gpt-5.5` or the o-series. Older models ignore the fields.
 */
export function openaiTakesCacheBreakpoints(model: string): boolean {
  const match = gptVersionPattern.exec(model);
  if (match === null) return false;
  const major = Number(match[1]);
  const minor = match[2] === undefined ? 0 : Number(match[2]);
  return major > 5 || (major === 5 && minor >= 6);
}
