import type { LLMResponse } from '../call/llm-response.js';
import { LLMStream } from './llm-stream.js';

/** Options for {@link streamAfter}. */
export interface StreamAfterOptions<OBJECT> {
  /** The provider answering, e.g. `'openai'`. */
  provider: string;
  /** The caller's signal; aborting it aborts the stream, waiting or not. */
  abortSignal?: AbortSignal;
  /** Opens the stream relayed, once `ready` resolved, with this stream's signal. */
  open: (abortSignal: AbortSignal) => LLMStream<OBJECT>;
}

/**
 * A stream that opens another once `ready` resolved, and relays it: its events, then its
 * structured output and cache info. For a stream that cannot start before something loads, and
 * must be returned at once (`stream()` is synchronous). If `ready` rejects, the stream fails.
 */
export function streamAfter<OBJECT>(
  ready: Promise<unknown>,
  options: StreamAfterOptions<OBJECT>,
): LLMStream<OBJECT> {
  let relayed: LLMResponse<OBJECT> | undefined;
  return new LLMStream<OBJECT>({
    provider: options.provider,
    abortSignal: options.abortSignal,
    start: async (abortSignal) => {
      await ready;
      const stream = options.open(abortSignal);
      return (async function* () {
        yield* stream.events();
        relayed = await stream.response;
      })();
    },
    // Both run after the relayed stream ended, so its response is there.
    parseObject: async () => relayed!.object,
    describeCache: () => relayed!.cache,
    complete: (response) => ({ ...response, cost: relayed!.cost, steps: relayed!.steps }),
  });
}
