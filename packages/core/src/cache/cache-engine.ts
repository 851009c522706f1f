import type {
  LanguageModel,
  ModelRequest,
  ModelResult,
  StreamEvent,
  Usage,
} from '@kagura-ts/provider';
import { AbortError, TimeoutError } from '@kagura-ts/provider';
import type { CacheInfo, CacheStatus } from '../call/cache-info.js';
import { unpricedCost } from '../call/cost.js';
import type { LLMResponse } from '../call/llm-response.js';
import { LLMStream, type StreamHooks } from '../stream/llm-stream.js';
import { StreamResponseBuilder } from '../stream/stream-response-builder.js';
import { readUntilAborted, untilAborted } from '../util/until-aborted.js';
import {
  type CachedResponse,
  type CacheEntry,
  copyStreamEvent,
  type TimedEvent,
} from './cache-entry.js';
import { type CacheKeyFrame, cacheKeyFrame, cacheKeyIn } from './cache-key.js';
import type { ResolvedCacheControl } from './cache-options.js';
import { canonicalJson } from './canonical-json.js';
import { CrossProcessLease, type HeldLease } from './cross-process-lease.js';
import type { EntryStore } from './entry-store.js';
import { Flight, type FlightOutcome, type FlightRunner } from './flight.js';
import { paceReplay } from './pace-replay.js';
import { storedEventsMatch } from './stored-events-match.js';
import { encodeStoredStream, storedStreamEvents } from './stored-stream.js';
import { toTimedEvents } from './to-timed-events.js';

/** What the engine may ask of the model, within the call's limits, retries and timeouts. */
export interface Upstream {
  generate(context: UpstreamContext): Promise<ModelResult>;
  stream(context: UpstreamContext): AsyncIterable<StreamEvent>;
}

/** What an upstream request is given. */
export interface UpstreamContext {
  /** Aborts once every caller of the flight has left. */
  abortSignal: AbortSignal;
  /**
   * When the call's total time limit ends (a `performance.now()` time), what waiting for another
   * process left of it; `undefined` without a limit.
   */
  deadline: number | undefined;
}

/** Who hears how a call used the cache (the call's telemetry). */
export interface CacheCallObserver {
  cacheResult(info: CacheInfo): void;
  /** The call joined a flight that `leader`'s call started. */
  joined(leader: CacheCallObserver): void;
}

/** One call through the cache. */
export interface CacheCall {
  model: LanguageModel;
  request: ModelRequest;
  /** `canonicalJson(request)`, when the caller made it already (its key is made from it). */
  requestJson?: string | undefined;
  control: ResolvedCacheControl;
  abortSignal: AbortSignal | undefined;
  parseObject: ((text: string) => Promise<unknown>) | undefined;
  agentName: string | undefined;
  /** The call's total time limit in milliseconds, which also bounds waiting for another process. */
  totalMs: number | undefined;
  upstream: Upstream;
  observer: CacheCallObserver;
}

/**
 * How a call came to a flight: it started it (`leader`), joined it while in flight
 * (`follower`), or joined it after it finished, while its answer was being stored (`late`).
 */
type FlightRole = 'leader' | 'follower' | 'late';

/** The cross-process lease a flight holds while it asks the model. */
interface LeaseHolder {
  lease: HeldLease | undefined;
}

/** A flight, with what the engine keeps about it. */
interface FlightState {
  flight: Flight;
  /** The observer of the call that started it, whose span the calls joining it link to. */
  leader: CacheCallObserver;
  /** When its answer arrived, by the cache's clock. */
  settledAt: number | undefined;
  holder: LeaseHolder;
}

/**
 * The response cache's engine: one flight per key in progress (identical calls share it), the
 * cross-process lease, answers written behind their calls, what is worth storing, and the
 * replay of stored streams. It owns all of that state; `LLMCache` is its public face.
 */
export class CacheEngine {
  private readonly flights = new Map<string, FlightState>();
  private readonly pendingWrites = new Set<Promise<unknown>>();
  /** Key frames by model, then namespace (see `keyOf`). */
  private readonly keyFrames = new WeakMap<object, Map<string, CacheKeyFrame>>();
  private readonly lease: CrossProcessLease | undefined;

  constructor(private readonly store: EntryStore) {
    const { atomic } = store.capabilities;
    const leaseOptions = store.options.lease || undefined;
    this.lease =
      atomic === undefined ? undefined : new CrossProcessLease(store, atomic, leaseOptions);
  }

  /** Counts a call that went around the cache (`cache: false`). */
  recordBypass(): void {
    this.store.record('bypass');
  }

  /** Counts what the provider's prompt cache did for a request sent upstream. */
  recordPromptCache(usage: Usage, savedUsd: number): void {
    this.store.recordPromptCache(usage, savedUsd);
  }

  /**
   * Makes `tenant` one of the cache's tenants (its provider's scope, before any call), so the
   * cache's administrative operations cover it.
   */
  addTenant(tenant: string): void {
    this.store.addTenant(tenant);
  }

  /** A plain call: a hit, a join of an identical call in flight, or a miss. */
  async generate(call: CacheCall): Promise<LLMResponse<unknown>> {
    const key = this.keyOf(call);
    // A memory-store hit with no flight for its key is answered at once: no flight, no promise
    // chain, no timer (the store is in this process and cannot hang).
    const entry =
      call.control.refresh || this.flights.has(key) ? undefined : this.store.getAtOnce(key);
    if (entry !== undefined) {
      if (call.abortSignal?.aborted) throw new AbortError({ cause: call.abortSignal.reason });
      return this.answer(call, key, this.fromEntry(entry, 'cache'), 'leader');
    }
    const { state, role } = this.acquireFlight(call, key, 'generate');
    const release = state.flight.join();
    try {
      const outcome = await untilAborted(state.flight.outcome, call.abortSignal);
      return await this.answer(call, key, outcome, role);
    } finally {
      release();
    }
  }

  /** A stream call. A hit replays the stored events; a joiner gets the prefix, then live events. */
  stream(call: CacheCall, hooks: StreamHooks = {}): LLMStream<unknown> {
    const key = this.keyOf(call);
    let info: CacheInfo | undefined;
    return new LLMStream<unknown>({
      ...hooks,
      provider: call.model.provider,
      abortSignal: call.abortSignal,
      parseObject: call.parseObject,
      describeCache: () => info as CacheInfo,
      start: async (abortSignal) => {
        // A memory-store hit replayed instantly, with no flight for its key: every event at once.
        const entry =
          call.control.replay !== 'instant' || call.control.refresh || this.flights.has(key)
            ? undefined
            : this.store.getAtOnce(key);
        if (entry !== undefined) {
          info = this.settle(call, key, this.fromEntry(entry, 'cache'), 'leader');
          return entry.stream === undefined
            ? copiedEvents(toTimedEvents(entry.response))
            : storedStreamEvents(entry.stream, entry.response);
        }
        const { state, role } = this.acquireFlight(call, key, 'stream');
        const { flight } = state;
        const release = flight.join();
        const replayed = role === 'late';
        abortSignal.addEventListener('abort', release, { once: true });
        const settle = (outcome: FlightOutcome) => this.settle(call, key, outcome, role);
        return (async function* () {
          try {
            const started = performance.now();
            for await (const timed of readUntilAborted(flight.readEvents(), abortSignal)) {
              // Awaited only when there is a wait: an `await` of nothing is still a turn.
              const pacing =
                replayed || flight.fromCache
                  ? paceReplay(timed, started, call.control.replay, abortSignal)
                  : undefined;
              if (pacing !== undefined) await pacing;
              // A stored event is the entry's (frozen, shared by every hit): the caller gets a copy.
              yield flight.fromCache ? copyStreamEvent(timed.event) : timed.event;
            }
            info = settle(await flight.outcome);
          } finally {
            abortSignal.removeEventListener('abort', release);
            release();
          }
        })();
      },
    });
  }

  // A plain call's answer from its outcome. Its cost is added by the client, which has the price
  // table. The response is the caller's own: an entry's (frozen, shared by every hit) and a
  // flight's (shared by the calls that joined it) are copied. Without a schema it is made at once
  // (no promise of its own on a hit).
  private answer(
    call: CacheCall,
    key: string,
    outcome: FlightOutcome,
    role: FlightRole,
  ): LLMResponse<unknown> | Promise<LLMResponse<unknown>> {
    const cache = this.settle(call, key, outcome, role);
    const { parseObject } = call;
    if (parseObject === undefined) return responseOf(call, outcome, cache, undefined);
    return parseObject(outcome.response.text).then((object) =>
      responseOf(call, outcome, cache, object),
    );
  }

  /**
   * Waits until every answer on its way to the store has landed (or failed). Answers are stored
   * after they are returned.
   */
  async flush(): Promise<void> {
    while (this.pendingWrites.size > 0) await Promise.allSettled([...this.pendingWrites]);
  }

  private keyOf(call: CacheCall): string {
    const { model } = call;
    const { namespace } = call.control;
    const tenant = this.store.tenant ?? model.tenantScope ?? 'default';
    // What the key holds besides the request, made once per model, namespace and tenant.
    let byNamespace = this.keyFrames.get(model);
    if (byNamespace === undefined) {
      byNamespace = new Map();
      this.keyFrames.set(model, byNamespace);
    }
    let frame = byNamespace.get(namespace);
    if (frame === undefined || frame.tenant !== tenant) {
      this.store.addTenant(tenant);
      frame = cacheKeyFrame({ provider: model.provider, model: model.modelId, tenant, namespace });
      byNamespace.set(namespace, frame);
    }
    return cacheKeyIn(frame, call.requestJson ?? canonicalJson(call.request));
  }

  // Counts the call once it has its answer, and says how it got it.
  private settle(
    call: CacheCall,
    key: string,
    outcome: FlightOutcome,
    role: FlightRole,
  ): CacheInfo {
    let status: CacheStatus;
    let ageMs = outcome.ageMs;
    if (outcome.source === 'cache') status = 'hit';
    else if (outcome.source === 'remote') status = 'coalesced';
    else if (role === 'late') {
      // The answer was complete before this call asked: to the caller it is a stored answer.
      status = 'hit';
      ageMs = 0;
    } else if (role === 'follower') status = 'coalesced';
    else status = call.control.refresh ? 'refresh' : 'miss';
    const { provider, modelId } = call.model;
    this.store.record(status, {
      provider,
      model: modelId,
      usage: outcome.response.usage,
    });
    const info: CacheInfo = { status, key, ageMs };
    call.observer.cacheResult(info);
    return info;
  }

  private acquireFlight(
    call: CacheCall,
    key: string,
    kind: 'generate' | 'stream',
  ): { state: FlightState; role: FlightRole } {
    // A refresh never joins: it wants a new answer, not one already on its way or stored.
    const existing = call.control.refresh ? undefined : this.flights.get(key);
    if (existing !== undefined && !this.isStale(call, existing)) {
      const role = existing.flight.isSettled ? 'late' : 'follower';
      if (role === 'follower') call.observer.joined(existing.leader);
      return { state: existing, role };
    }
    const holder: LeaseHolder = { lease: undefined };
    const flight = new Flight(this.runFlight(call, key, kind, holder));
    const state: FlightState = { flight, leader: call.observer, settledAt: undefined, holder };
    if (!call.control.refresh) this.flights.set(key, state);
    const forget = () => {
      if (this.flights.get(key) === state) this.flights.delete(key);
    };
    const leave = (storedJson?: string) => {
      forget();
      // Given back once the answer landed (or will never land), so waiting processes move on;
      // a small stored answer rides in the release message.
      holder.lease?.release(storedJson);
      holder.lease = undefined;
    };
    // This runs before any caller sees the outcome: a flight whose answer will not be stored
    // leaves the map at once, so no later call is handed an answer that must not be reused.
    // One that will be stored stays until the write lands, so calls in between still hit.
    // (A schema call is forgotten at once too: its answer is stored only once it validates.)
    flight.outcome.then(
      (outcome) => {
        state.settledAt = this.store.now();
        if (!this.isStorable(call, outcome)) {
          leave();
          return;
        }
        if (call.parseObject !== undefined) forget();
        this.trackWrite(
          this.storeOutcome(call, key, outcome).then(
            (storedJson) => leave(storedJson),
            (error: unknown) => {
              leave();
              throw error;
            },
          ),
        );
      },
      () => leave(),
    );
    return { state, role: 'leader' };
  }

  // A finished answer still on its way to the store is handed to later calls only within its ttl.
  private isStale(call: CacheCall, state: FlightState): boolean {
    const { settledAt } = state;
    if (settledAt === undefined || call.control.ttl === 0) return false;
    return this.store.now() - settledAt >= call.control.ttl;
  }

  private trackWrite(write: Promise<unknown>): void {
    this.pendingWrites.add(write);
    write.finally(() => this.pendingWrites.delete(write)).catch(() => {});
  }

  private runFlight(
    call: CacheCall,
    key: string,
    kind: 'generate' | 'stream',
    holder: LeaseHolder,
  ): FlightRunner {
    return async ({ abortSignal, pushEvent }) => {
      const { totalMs } = call;
      const deadline = totalMs === undefined ? undefined : performance.now() + totalMs;
      if (!call.control.refresh) {
        // With a store shared by processes, the read and the lease's claim are one round trip:
        // a script that claims only when there is no entry, where the store has one (Redis);
        // else the two commands sent together, a hit giving back the lease it got at once,
        // without a message (a waiter's own first look finds the entry).
        const first = await this.lease?.readOrAcquire(key);
        if (typeof first === 'object' && 'entry' in first)
          return this.fromEntry(first.entry, 'cache');
        let claim: Promise<HeldLease | 'ask' | 'taken'> | undefined;
        if (first === undefined || first === 'unread') {
          claim = this.lease?.acquire(key);
          // A key the memory store does not hold (usually known since the call's first look)
          // is not read again.
          const entry = this.store.isAbsentAtOnce(key) ? undefined : await this.store.get(key);
          if (entry !== undefined) {
            void claim?.then((claimed) => {
              if (typeof claimed === 'object') claimed.drop();
            });
            return this.fromEntry(entry, 'cache');
          }
        } else {
          claim = Promise.resolve(first);
        }
        const remote = await this.awaitOtherProcess(
          call,
          key,
          abortSignal,
          holder,
          deadline,
          claim,
        );
        if (remote !== undefined) return this.fromEntry(remote, 'remote');
      }
      const context: UpstreamContext = { abortSignal, deadline };
      if (kind === 'stream') return streamUpstream(call, context, pushEvent);
      const result = await call.upstream.generate(context).catch((error: unknown) => {
        throw asTotalTimeout(call, error);
      });
      const { text, toolCalls, finishReason, usage, model } = result;
      const response: CachedResponse = { text, toolCalls, finishReason, usage, model };
      return {
        source: 'upstream',
        response,
        raw: result.raw,
        ageMs: undefined,
        events: undefined,
        streamed: false,
      };
    };
  }

  // With a store shared by several processes, the process holding a key's lease asks the model,
  // renewing the lease until its answer is stored or it failed; the others wait for its answer.
  // A waiter whose holder failed, or died (its lease then expires within one ttl), competes for
  // the lease again, a few times, before asking the model itself. The wait counts against the
  // call's total time limit: past it the call fails with a `TimeoutError`, as it would waiting
  // for the model.
  private async awaitOtherProcess(
    call: CacheCall,
    key: string,
    abortSignal: AbortSignal,
    holder: LeaseHolder,
    deadline: number | undefined,
    firstClaim: Promise<HeldLease | 'ask' | 'taken'> | undefined,
  ): Promise<CacheEntry | undefined> {
    const { lease } = this;
    if (lease === undefined) return undefined;
    for (let round = 0; round < 3; round += 1) {
      const claim = await (round === 0 && firstClaim !== undefined
        ? firstClaim
        : lease.acquire(key));
      if (claim === 'ask') return undefined;
      if (claim !== 'taken') {
        holder.lease = claim;
        return undefined;
      }
      const entry = await lease.waitForEntry(key, abortSignal, deadline);
      if (entry !== undefined) return entry;
      if (deadline !== undefined && performance.now() >= deadline) throw totalTimeout(call);
    }
    return undefined;
  }

  private fromEntry(entry: CacheEntry, source: 'cache' | 'remote'): FlightOutcome {
    const ageMs = Math.max(0, this.store.now() - entry.createdAt);
    return {
      source,
      response: entry.response,
      raw: undefined,
      ageMs,
      events: undefined,
      stream: entry.stream,
      streamed: false,
    };
  }

  private isStorable(call: CacheCall, outcome: FlightOutcome): boolean {
    const { response } = outcome;
    if (outcome.source !== 'upstream' || !call.control.store) return false;
    if (response.text === '' && response.toolCalls.length === 0) return false;
    if (response.finishReason === 'error' || response.finishReason === 'content-filter')
      return false;
    return response.finishReason !== 'length' || this.store.options.cacheTruncated === true;
  }

  // Stores a storable outcome (see isStorable), once a schema call's answer validates.
  // Resolves the entry's JSON as stored, or `undefined` when nothing was stored.
  private async storeOutcome(
    call: CacheCall,
    key: string,
    outcome: FlightOutcome,
  ): Promise<string | undefined> {
    const { response } = outcome;
    // Events the read would refuse (a model that sent something after its finish event) are not
    // stored: the entry would be a miss, and deleted, every time.
    if (outcome.streamed && !storedEventsMatch(outcome.events ?? [], response)) return undefined;
    if (call.parseObject !== undefined) {
      // A reply that fails validation is never stored: the next call gets a new chance.
      const valid = await call.parseObject(response.text).then(
        () => true,
        () => false,
      );
      if (!valid) return undefined;
    }
    return this.store.set(
      key,
      {
        provider: call.model.provider,
        model: call.model.modelId,
        namespace: call.control.namespace,
        agent: call.agentName,
        response,
        stream: outcome.streamed ? encodeStoredStream(outcome.events ?? []) : undefined,
      },
      call.control.ttl,
    );
  }
}

async function streamUpstream(
  call: CacheCall,
  context: UpstreamContext,
  pushEvent: (event: TimedEvent) => void,
): Promise<FlightOutcome> {
  const started = performance.now();
  const events: TimedEvent[] = [];
  const builder = new StreamResponseBuilder();
  try {
    for await (const event of call.upstream.stream(context)) {
      builder.add(event);
      const timed = { at: Math.round(performance.now() - started), event };
      events.push(timed);
      pushEvent(timed);
    }
  } catch (error) {
    throw asTotalTimeout(call, error);
  }
  const response = builder.build(call.model.provider);
  return { source: 'upstream', response, raw: undefined, ageMs: undefined, events, streamed: true };
}

function totalTimeout(call: CacheCall): TimeoutError {
  return new TimeoutError({
    timeout: 'total',
    ms: call.totalMs ?? 0,
    provider: call.model.provider,
  });
}

// A total timeout on the shortened budget names the call's limit, not what was left of it.
function asTotalTimeout(call: CacheCall, error: unknown): unknown {
  return TimeoutError.isInstance(error) && error.timeout === 'total' ? totalTimeout(call) : error;
}

// The events of an entry, each copied as it is taken (an entry's are frozen, shared by every hit).
function* copiedEvents(events: readonly TimedEvent[]): Generator<StreamEvent, void, undefined> {
  for (const timed of events) yield copyStreamEvent(timed.event);
}

// The caller's response, with what the call adds to it. What the caller may change is copied
// (usage, tool calls); the rest are strings.
function responseOf(
  call: CacheCall,
  outcome: FlightOutcome,
  cache: CacheInfo,
  object: unknown,
): LLMResponse<unknown> {
  const { response } = outcome;
  return {
    text: response.text,
    object,
    toolCalls: response.toolCalls.length === 0 ? [] : structuredClone(response.toolCalls),
    finishReason: response.finishReason,
    usage: { ...response.usage },
    provider: call.model.provider,
    model: response.model,
    raw: outcome.raw,
    cache,
    cost: unpricedCost,
  };
}
