import type { FinishReason, StreamEvent, Usage } from '@kagura-ts/provider';
import { AbortError, KaguraError } from '@kagura-ts/provider';
import { bypassedCache, type CacheInfo } from '../call/cache-info.js';
import { unpricedCost } from '../call/cost.js';
import type { LLMResponse } from '../call/llm-response.js';
import { ReplayBuffer } from '../util/replay-buffer.js';
import { StreamResponseBuilder } from './stream-response-builder.js';

/** How an {@link LLMStream} gets its events and finishes its response. */
export interface LLMStreamSource<OBJECT> {
  /** The provider answering, e.g. `'openai'`. */
  provider: string;
  /**
   * Starts the request; called once, right away, with the stream's abort signal. Resolves the
   * events as they come, or, when they are known at once (a replay), a synchronous iterable of
   * them.
   */
  start: (abortSignal: AbortSignal) => Promise<AsyncIterable<StreamEvent> | Iterable<StreamEvent>>;
  /** The caller's signal; aborting it aborts the stream. */
  abortSignal?: AbortSignal;
  /** Turns the final text into the structured output (validation for schema calls). */
  parseObject?: (text: string) => Promise<OBJECT>;
  /** How the stream used the cache, asked once it finished. @default bypassed */
  describeCache?: () => CacheInfo;
  /** Told of every event as it arrives, before readers get it. */
  onEvent?: (event: StreamEvent) => void;
  /**
   * Finishes the response before it settles, with what the source knows beyond the events
   * (its cost, a tool loop's steps). @default the response as built (cost unpriced)
   */
  complete?: <RESPONSE extends LLMResponse<unknown>>(response: RESPONSE) => RESPONSE;
}

/** What the client adds to a stream's source: reporting of its events, and its cost. */
export type StreamHooks = Pick<LLMStreamSource<unknown>, 'onEvent' | 'complete'>;

/**
 * A streamed reply. Iterate it for text deltas as they arrive; `text()`, `usage`,
 * `finishReason` and `response` settle when it ends. Any number of readers may iterate it:
 * each gets every delta from the first. Breaking out of a `for await` before the end, or
 * calling `abort()`, closes the HTTP request for every reader (the others get an `AbortError`).
 *
 * @example
 * ```ts
 * const stream = callLLMStream('Write a haiku about caching.');
 * for await (const delta of stream) process.stdout.write(delta);
 * console.log(await stream.usage);
 * ```
 */
export class LLMStream<OBJECT = undefined> implements AsyncIterable<string> {
  /** The whole response, once the stream finished; rejects if it failed or was aborted. */
  readonly response: Promise<LLMResponse<OBJECT>>;
  /** Token usage, once the stream finished. */
  readonly usage: Promise<Usage>;
  /** Why the model stopped, once the stream finished. */
  readonly finishReason: Promise<FinishReason>;

  private readonly buffer = new ReplayBuffer<StreamEvent>();
  private readonly controller = new AbortController();

  constructor(source: LLMStreamSource<OBJECT>) {
    const signal =
      source.abortSignal === undefined
        ? this.controller.signal
        : AbortSignal.any([this.controller.signal, source.abortSignal]);
    this.response = this.pump(source, signal);
    this.usage = this.response.then((response) => response.usage);
    this.finishReason = this.response.then((response) => response.finishReason);
    // The caller may read only the deltas; a failure then surfaces there, not as an
    // unhandled rejection of these derived promises.
    for (const promise of [this.response, this.usage, this.finishReason]) promise.catch(() => {});
  }

  /** Text deltas, as they arrive. */
  [Symbol.asyncIterator](): AsyncIterator<string> {
    return this.buffer.readSelected(textOf, () => this.abort(readerStopped));
  }

  /** Every normalised event (`text-delta`, `tool-call`, `finish`), as it arrives. */
  events(): AsyncIterable<StreamEvent> {
    return this.buffer.read(() => this.abort(readerStopped));
  }

  /** The whole text, once the stream finished. */
  async text(): Promise<string> {
    return (await this.response).text;
  }

  /** Stops the stream and closes the HTTP request. Readers then throw an `AbortError`. */
  abort(reason?: unknown): void {
    this.controller.abort(reason);
  }

  private async pump(
    source: LLMStreamSource<OBJECT>,
    signal: AbortSignal,
  ): Promise<LLMResponse<OBJECT>> {
    const builder = new StreamResponseBuilder();
    try {
      if (signal.aborted) throw new AbortError({ cause: signal.reason });
      const { onEvent } = source;
      const events = await source.start(signal);
      if (isSyncIterable(events)) {
        // Known at once (a replay from the cache): readers take each next event themselves when
        // they have read everything, so the first delta of a long answer waits for nothing;
        // what no reader took is taken in here, a batch per turn of the event loop (after the
        // readers' turns, which are microtasks).
        const iterator = events[Symbol.iterator]();
        const take = (): boolean => {
          // Once aborted, readers wait for the failure, which the next turn below gives them.
          if (signal.aborted) return false;
          const next = iterator.next();
          if (next.done === true) return false;
          builder.add(next.value);
          onEvent?.(next.value);
          this.buffer.push(next.value);
          return true;
        };
        this.buffer.offer(take);
        try {
          let more = true;
          while (more) {
            await nextTurn();
            if (signal.aborted) throw new AbortError({ cause: signal.reason });
            for (let count = 0; more && count < eventsPerTurn; count += 1) more = take();
          }
        } finally {
          this.buffer.supply = undefined;
        }
      } else {
        for await (const event of events) {
          builder.add(event);
          onEvent?.(event);
          this.buffer.push(event);
        }
      }
      const response = builder.build(source.provider);
      const object = (await source.parseObject?.(response.text)) as OBJECT;
      this.buffer.close();
      const cache = source.describeCache?.() ?? bypassedCache;
      const built: LLMResponse<OBJECT> = {
        ...response,
        cache,
        object,
        provider: source.provider,
        raw: undefined,
        cost: unpricedCost,
      };
      return source.complete === undefined ? built : source.complete(built);
    } catch (error) {
      const failure =
        signal.aborted && (!AbortError.isInstance(error) || error === readerStopped)
          ? new AbortError({
              cause:
                KaguraError.isInstance(error) && error !== readerStopped ? error : signal.reason,
            })
          : error;
      this.buffer.fail(failure);
      throw failure;
    }
  }
}

/**
 * Why a stream stops when a reader stops reading it (breaks out of its loop): one reason shared
 * by every stream, the cause of the `AbortError` its readers and promises get. Aborting with no
 * reason builds a `DOMException` and its stack each time, most of what stopping a stream replayed
 * from the cache cost (a profile of the built package: 22% of a replay stopped after its first
 * delta, and much of its garbage).
 */
const readerStopped = new AbortError({
  message: 'A reader stopped reading the stream, which closed it.',
});

/** Events of a synchronous source taken in per turn of the event loop. */
const eventsPerTurn = 256;

// Resolves on the event loop's next turn, once pending microtasks (readers) have run.
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function isSyncIterable<T>(source: AsyncIterable<T> | Iterable<T>): source is Iterable<T> {
  return !(Symbol.asyncIterator in source);
}

function textOf(event: StreamEvent): string | undefined {
  return event.type === 'text-delta' ? event.text : undefined;
}
