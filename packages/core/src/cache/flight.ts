import { AbortError } from '@kagura-ts/provider';
import { ReplayBuffer } from '../util/replay-buffer.js';
import type { CachedResponse, TimedEvent } from './cache-entry.js';
import { storedStreamTimedEvents } from './stored-stream.js';
import { toTimedEvents } from './to-timed-events.js';

/** How a flight got its answer. */
export interface FlightOutcome {
  /**
   * `'cache'`: read from the store; `'upstream'`: asked the model; `'remote'`: another process
   * asked the model and this one waited for its answer in the shared store.
   */
  source: 'cache' | 'upstream' | 'remote';
  /** The answer. */
  response: CachedResponse;
  /** The provider's raw body (upstream, non-streamed calls only). */
  raw: unknown;
  /** For a cache read, how old the entry is in milliseconds. */
  ageMs: number | undefined;
  /**
   * The events as they arrived, for a streamed answer; `undefined` otherwise (made from the
   * answer, or from its stored stream, only if a stream reader asks).
   */
  events: TimedEvent[] | undefined;
  /** A stored answer's stream (`CacheEntry.stream`), when it was streamed. */
  stream?: string | undefined;
  /** Whether the events arrived from a stream (and are worth storing). */
  streamed: boolean;
}

/** Produces a flight's answer, pushing stream events as they arrive. */
export type FlightRunner = (context: {
  abortSignal: AbortSignal;
  pushEvent: (event: TimedEvent) => void;
}) => Promise<FlightOutcome>;

/**
 * One upstream request (or store read) shared by every identical call in flight. Callers join
 * and leave; the request is aborted only when the last one leaves before it finished. Stream
 * callers read `events` from the first: a late joiner gets the prefix, then the live events.
 */
export class Flight {
  /** The answer, once there is one. */
  readonly outcome: Promise<FlightOutcome>;
  /** The stream events, ending once the answer is complete. */
  readonly events = new ReplayBuffer<TimedEvent>();
  private readonly controller = new AbortController();
  private consumers = 0;
  private readers = 0;
  private fill: (() => void) | undefined;
  private settled = false;
  private cached = false;

  /** Whether the answer came from the store (its events are then a replay, not live). */
  get fromCache(): boolean {
    return this.cached;
  }

  /** The flight's events from the first: a late reader gets the prefix, then live events. */
  readEvents(): AsyncIterable<TimedEvent> {
    this.readers += 1;
    this.fill?.();
    return this.events.read();
  }

  private fillFrom(outcome: FlightOutcome): void {
    this.fill = undefined;
    const events =
      outcome.events ??
      (outcome.stream === undefined
        ? toTimedEvents(outcome.response)
        : storedStreamTimedEvents(outcome.stream, outcome.response));
    for (const event of events) this.events.push(event);
    this.events.close();
  }

  /** Whether the flight has its answer (or failed). */
  get isSettled(): boolean {
    return this.settled;
  }

  constructor(run: FlightRunner) {
    let streamed = false;
    this.outcome = run({
      abortSignal: this.controller.signal,
      pushEvent: (event) => {
        streamed = true;
        this.events.push(event);
      },
    }).then(
      (outcome) => {
        this.settled = true;
        this.cached = outcome.source !== 'upstream';
        if (streamed) this.events.close();
        // A plain answer's replay events are made only if a stream reader wants them.
        else this.fill = () => this.fillFrom(outcome);
        if (this.readers > 0) this.fill?.();
        return outcome;
      },
      (error: unknown) => {
        this.settled = true;
        this.events.fail(error);
        throw error;
      },
    );
    this.outcome.catch(() => {});
  }

  /** Registers a caller; call the returned function when it leaves (once). */
  join(): () => void {
    this.consumers += 1;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.consumers -= 1;
      if (this.consumers === 0 && !this.settled) {
        this.controller.abort(new AbortError({ message: 'Every caller of this request left.' }));
      }
    };
  }
}
