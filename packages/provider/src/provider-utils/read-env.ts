/**
 * An environment variable as the provider SDKs read it: trimmed, and empty counts as unset.
 * For a provider's defaults (`OPENAI_API_KEY`, `OPENAI_BASE_URL`, ...).
 */
export function readEnv(variable: string): string | undefined {
  return process.env[variable]?.trim() || undefined;
}
