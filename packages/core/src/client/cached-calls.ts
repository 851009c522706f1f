import type { LanguageModel, ModelRequest } from '@kagura-ts/provider';
import { AbortError, TimeoutError } from '@kagura-ts/provider';
import type { CachedResponse, CacheEntry, TimedEvent } from '../cache/cache-entry.js';
import type { ReplayMode } from '../cache/cache-options.js';
import { Flight, type FlightOutcome, type FlightRunner } from '../cache/flight.js';
import type { LLMCache } from '../cache/llm-cache.js';
import { storedEventsMatch } from '../cache/stored-events-match.js';
import type { CacheInfo, CacheStatus } from '../call/cache-info.js';
import { unpricedCost } from '../call/cost.js';
import type { LLMResponse } from '../call/llm-response.js';
import {
  type SendContext,
  type SendPolicy,
  sendGenerate,
  sendStream,
} from '../resilience/send-request.js';
import { LLMStream, type StreamHooks } from '../stream/llm-stream.js';
import { StreamResponseBuilder } from '../stream/stream-response-builder.js';
import type { CallTelemetry } from '../telemetry/client-telemetry.js';
import { sleep } from '../util/sleep.js';
import type { ResolvedCacheControl } from './resolve-cache-control.js';

/** One call through the cache. */
export interface CachedCall {
  cache: LLMCache;
  /** The client's flights in progress, by cache key. */
  flights: Map<string, Flight>;
  model: LanguageModel;
  request: ModelRequest;
  control: ResolvedCacheControl;
  headers: Record<string, string> | undefined;
  abortSignal: AbortSignal | undefined;
  parseObject: ((text: string) => Promise<unknown>) | undefined;
  agentName: string | undefined;
  /** Limits, retries and time limits for the upstream request. */
  policy: SendPolicy;
  /** The call's reporting (span, events, metrics). */
  telemetry: CallTelemetry;
}

// The call that started each flight, whose span the calls joining it link to.
const leaders = new WeakMap<Flight, CallTelemetry>();

/** A plain call through the cache: a hit, a join of an identical call in flight, or a miss. */
export async function cachedGenerate(call: CachedCall): Promise<LLMResponse<unknown>> {
  const key = keyOf(call);
  const { flight, role } = acquireFlight(call, key, 'generate');
  const release = flight.join();
  try {
    const outcome = await untilAborted(flight.outcome, call.abortSignal);
    const cache = settle(call, key, outcome, role);
    const object =
      call.parseObject === undefined ? undefined : await call.parseObject(outcome.response.text);
    // Its cost is added by the client, which has the price table.
    return {
      ...outcome.response,
      object,
      raw: outcome.raw,
      provider: call.model.provider,
      cache,
      cost: unpricedCost,
    };
  } finally {
    release();
  }
}

/** A stream call through the cache. A hit replays the stored events; a joiner gets the prefix, then live events. */
export function cachedStream(call: CachedCall, hooks: StreamHooks = {}): LLMStream<unknown> {
  const key = keyOf(call);
  let info: CacheInfo | undefined;
  return new LLMStream<unknown>({
    ...hooks,
    provider: call.model.provider,
    abortSignal: call.abortSignal,
    parseObject: call.parseObject,
    describeCache: () => info as CacheInfo,
    start: async (abortSignal) => {
      const { flight, role } = acquireFlight(call, key, 'stream');
      const release = flight.join();
      const replayed = role === 'late';
      abortSignal.addEventListener('abort', release, { once: true });
      return (async function* () {
        try {
          const started = performance.now();
          for await (const timed of readUntilAborted(flight.readEvents(), abortSignal)) {
            if (replayed || flight.fromCache)
              await pace(timed, started, call.control.replay, abortSignal);
            yield timed.event;
          }
          info = settle(call, key, await flight.outcome, role);
        } finally {
          abortSignal.removeEventListener('abort', release);
          release();
        }
      })();
    },
  });
}

function keyOf(call: CachedCall): string {
  return call.cache.keyFor({
    provider: call.model.provider,
    model: call.model.modelId,
    tenant: call.cache.tenant ?? call.model.tenantScope ?? 'default',
    namespace: call.control.namespace,
    request: call.request,
  });
}

/**
 * How a call came to a flight: it started it (`leader`), joined it while in flight
 * (`follower`), or joined it after it finished, while its answer was being stored (`late`).
 */
type FlightRole = 'leader' | 'follower' | 'late';

// Counts the call once it has its answer, and says how it got it.
function settle(
  call: CachedCall,
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
  call.cache.record(status, { provider, model: modelId, usage: outcome.response.usage });
  const info: CacheInfo = { status, key, ageMs };
  call.telemetry.cacheResult(info);
  return info;
}

function acquireFlight(
  call: CachedCall,
  key: string,
  kind: 'generate' | 'stream',
): { flight: Flight; role: FlightRole } {
  // A refresh never joins: it wants a new answer, not one already on its way or stored.
  const existing = call.control.refresh ? undefined : call.flights.get(key);
  if (existing !== undefined && !isStale(call, existing)) {
    const role = existing.isSettled ? 'late' : 'follower';
    const leader = leaders.get(existing);
    if (role === 'follower' && leader !== undefined) call.telemetry.joined(leader);
    return { flight: existing, role };
  }
  const lease: LeaseState = { held: false };
  const flight = new Flight(runFlight(call, key, kind, lease));
  leaders.set(flight, call.telemetry);
  if (!call.control.refresh) call.flights.set(key, flight);
  const forget = () => {
    if (call.flights.get(key) === flight) call.flights.delete(key);
  };
  const leave = () => {
    forget();
    // Given back once the answer landed (or will never land), so waiting processes move on.
    if (lease.held) {
      lease.held = false;
      lease.stopRenewing?.();
      void call.cache.releaseLease(key);
    }
  };
  // This runs before any caller sees the outcome: a flight whose answer will not be stored
  // leaves the map at once, so no later call is handed an answer that must not be reused.
  // One that will be stored stays until the write lands, so calls in between still hit.
  // (A schema call is forgotten at once too: its answer is stored only once it validates.)
  flight.outcome.then((outcome) => {
    flight.settledAt = call.cache.currentTime();
    if (!isStorable(call, outcome)) {
      leave();
      return;
    }
    if (call.parseObject !== undefined) forget();
    call.cache.trackWrite(storeOutcome(call, key, outcome).finally(leave));
  }, leave);
  return { flight, role: 'leader' };
}

// A finished answer still on its way to the store is handed to later calls only within its ttl.
function isStale(call: CachedCall, flight: Flight): boolean {
  const { settledAt } = flight;
  if (settledAt === undefined || call.control.ttl === 0) return false;
  return call.cache.currentTime() - settledAt >= call.control.ttl;
}

/** Whether this flight holds the cross-process lease on its key, and how to stop renewing it. */
interface LeaseState {
  held: boolean;
  stopRenewing?: () => void;
}

// With a shared Redis store, the process holding a key's lease asks the model, renewing the
// lease until its answer is stored or it failed; the others wait for its answer. A waiter whose
// holder failed, or died (its lease then expires within one ttl), competes for the lease again,
// a few times, before asking the model itself. The wait counts against the call's total time
// limit: past it the call fails with a `TimeoutError`, as it would waiting for the model.
async function awaitOtherProcess(
  call: CachedCall,
  key: string,
  abortSignal: AbortSignal,
  lease: LeaseState,
  deadline: number | undefined,
): Promise<CacheEntry | undefined> {
  for (let round = 0; round < 3; round += 1) {
    if (await call.cache.acquireLease(key)) {
      lease.held = true;
      lease.stopRenewing = call.cache.keepLease(key);
      return undefined;
    }
    const entry = await call.cache.waitForEntry(key, abortSignal, deadline);
    if (entry !== undefined) return entry;
    if (deadline !== undefined && performance.now() >= deadline) throw totalTimeout(call);
  }
  return undefined;
}

function totalTimeout(call: CachedCall): TimeoutError {
  return new TimeoutError({
    timeout: 'total',
    ms: call.policy.timeout.totalMs ?? 0,
    provider: call.model.provider,
  });
}

// The policy for the upstream request: the total time limit bounds the whole call, so what
// waiting for another process used of it is gone.
function policyWithin(call: CachedCall, deadline: number | undefined): SendPolicy {
  if (deadline === undefined) return call.policy;
  const totalMs = Math.max(0, deadline - performance.now());
  return { ...call.policy, timeout: { ...call.policy.timeout, totalMs } };
}

// A total timeout on the shortened budget names the call's limit, not what was left of it.
function asTotalTimeout(call: CachedCall, error: unknown): unknown {
  return TimeoutError.isInstance(error) && error.timeout === 'total' ? totalTimeout(call) : error;
}

function fromEntry(call: CachedCall, entry: CacheEntry, source: 'cache' | 'remote'): FlightOutcome {
  const ageMs = Math.max(0, call.cache.currentTime() - entry.createdAt);
  return {
    source,
    response: entry.response,
    raw: undefined,
    ageMs,
    events: entry.events,
    streamed: false,
  };
}

function isStorable(call: CachedCall, outcome: FlightOutcome): boolean {
  const { response } = outcome;
  if (outcome.source !== 'upstream' || !call.control.store) return false;
  if (response.text === '' && response.toolCalls.length === 0) return false;
  if (response.finishReason === 'error' || response.finishReason === 'content-filter') return false;
  return response.finishReason !== 'length' || call.cache.options.cacheTruncated === true;
}

function runFlight(
  call: CachedCall,
  key: string,
  kind: 'generate' | 'stream',
  lease: LeaseState,
): FlightRunner {
  return async ({ abortSignal, pushEvent }) => {
    const { totalMs } = call.policy.timeout;
    const deadline = totalMs === undefined ? undefined : performance.now() + totalMs;
    if (!call.control.refresh) {
      const entry = await call.cache.get(key);
      if (entry !== undefined) return fromEntry(call, entry, 'cache');
      const remote = await awaitOtherProcess(call, key, abortSignal, lease, deadline);
      if (remote !== undefined) return fromEntry(call, remote, 'remote');
    }
    const send: SendContext = {
      model: call.model,
      request: call.request,
      headers: call.headers,
      abortSignal,
      policy: policyWithin(call, deadline),
      observer: call.telemetry,
    };
    if (kind === 'generate') {
      const result = await sendGenerate(send).catch((error: unknown) => {
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
    }
    return streamUpstream(call, send, pushEvent);
  };
}

async function streamUpstream(
  call: CachedCall,
  send: SendContext,
  pushEvent: (event: TimedEvent) => void,
): Promise<FlightOutcome> {
  const started = performance.now();
  const events: TimedEvent[] = [];
  const builder = new StreamResponseBuilder();
  try {
    for await (const event of sendStream(send)) {
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

// Stores a storable outcome (see isStorable), once a schema call's answer validates.
async function storeOutcome(call: CachedCall, key: string, outcome: FlightOutcome): Promise<void> {
  const { response } = outcome;
  // Events the read would refuse (a model that sent something after its finish event) are not
  // stored: the entry would be a miss, and deleted, every time.
  if (outcome.streamed && !storedEventsMatch(outcome.events ?? [], response)) return;
  if (call.parseObject !== undefined) {
    // A reply that fails validation is never stored: the next call gets a new chance.
    const valid = await call.parseObject(response.text).then(
      () => true,
      () => false,
    );
    if (!valid) return;
  }
  await call.cache.set(
    key,
    {
      provider: call.model.provider,
      model: call.model.modelId,
      namespace: call.control.namespace,
      agent: call.agentName,
      response,
      events: outcome.streamed ? outcome.events : undefined,
    },
    { ttl: call.control.ttl },
  );
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) {
    // Nobody will wait for it now, but it may still fail: observe it.
    promise.catch(() => {});
    return Promise.reject(new AbortError({ cause: signal.reason }));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new AbortError({ cause: signal.reason }));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

async function* readUntilAborted<T>(
  source: AsyncIterable<T>,
  signal: AbortSignal,
): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  try {
    while (true) {
      const next = await untilAborted(iterator.next(), signal);
      if (next.done) return;
      yield next.value;
    }
  } finally {
    // The reader may be parked waiting for the next event: its return is queued and settles
    // (possibly with the flight's failure) on its own.
    iterator.return?.()?.catch(() => {});
  }
}

function pace(
  timed: TimedEvent,
  started: number,
  mode: ReplayMode,
  signal: AbortSignal,
): Promise<void> | undefined {
  let wait = 0;
  if (mode === 'original') wait = started + timed.at - performance.now();
  else if (typeof mode === 'object' && timed.event.type === 'text-delta')
    wait = 1000 / mode.tokensPerSecond;
  return wait > 0 ? sleep(wait, signal) : undefined;
}
