/** Options for {@link isKaguraSimulator}. */
export interface IsKaguraSimulatorOptions {
  /** The OpenAI-style base URL to ask, e.g. `'http://127.0.0.1:8787/v1'`. */
  baseURL: string;
  /** How long to wait for an answer, in milliseconds. @default 1000 */
  timeoutMs?: number;
}

/**
 * Whether the server at `baseURL` is a Kagura LLM simulator (`kagura sim`): it asks
 * `GET <baseURL>/models` and looks for the `x-kagura-simulator` header the simulator sends on
 * every reply. Any failure (no server, a timeout, a URL with credentials) is a plain `false`:
 * the call that follows reports the real problem.
 */
export async function isKaguraSimulator({
  baseURL,
  timeoutMs = 1000,
}: IsKaguraSimulatorOptions): Promise<boolean> {
  try {
    const response = await fetch(`${baseURL.replace(/\/+$/, '')}/models`, {
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    return response.headers.get('x-kagura-simulator') !== null;
  } catch {
    return false;
  }
}
