import type { RecordedRequest } from '@kagura-ts/testing';

/**
 * What a row needs of one request the simulator served, small enough to pass between threads:
 * its prompt-cache outcome, its timings and the tokens it could bill.
 */
export interface SimulatedRequest {
  /** The API whose route it hit (`anthropic`, `openai`, ...). */
  api: string;
  /** The model the body asked for (`''` when none). */
  model: string;
  /** The HTTP status sent. */
  status: number;
  /** Tokens in the whole prompt, as the simulator counts them (0 without prompt-cache info). */
  promptTokens: number;
  /** Prompt tokens read from the prompt cache. */
  readTokens: number;
  /** Prompt tokens written to the prompt cache. */
  writeTokens: number;
  /** The `cache_control` breakpoints' outcomes, in prompt order. */
  breakpoints: Array<'read' | 'covered' | 'written' | 'too-short'>;
  /** The body's `max_tokens` (`max_completion_tokens`), when it set one. */
  maxTokens: number | undefined;
  /** The time to the first token drawn for it (after the prompt cache's saving), in ms. */
  firstTokenDelayMs: number;
  /** When it arrived and when its exchange ended (`Date.now()`, on the simulator's clock). */
  startedAt: number;
  endedAt: number | undefined;
}

/** Summarises a recorded request (see {@link SimulatedRequest}). */
export function toSimulatedRequest(request: RecordedRequest): SimulatedRequest {
  const body = (
    typeof request.body === 'object' && request.body !== null ? request.body : {}
  ) as Record<string, unknown>;
  const limit = body.max_tokens ?? body.max_completion_tokens;
  const cache = request.promptCache;
  return {
    api: request.api,
    model: typeof body.model === 'string' ? body.model : '',
    status: request.status,
    promptTokens: cache?.promptTokens ?? 0,
    readTokens: cache?.readTokens ?? 0,
    writeTokens: cache?.writeTokens ?? 0,
    breakpoints: cache?.breakpoints.map((breakpoint) => breakpoint.outcome) ?? [],
    maxTokens: typeof limit === 'number' ? limit : undefined,
    firstTokenDelayMs: request.timing?.firstTokenDelayMs ?? 0,
    startedAt: request.startedAt,
    endedAt: request.endedAt,
  };
}
