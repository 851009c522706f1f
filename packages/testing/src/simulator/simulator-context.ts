import type { WireFormatApi } from '../formats/wire-formats.js';
import type { Rng } from '../util/create-rng.js';
import type { WireFormat } from '../wire/wire-format.js';
import type { FaultQueue } from './create-fault-queue.js';
import type { PromptCache } from './create-prompt-cache.js';
import type { RuleList } from './create-rule-list.js';
import type { LatencyProfile } from './latency.js';
import type { RecordedRequest } from './recorded-request.js';

/** The mutable state a running simulator shares with its request handlers. */
export interface SimulatorContext {
  /** The wire formats served, in registry order (`WIRE_FORMATS`). */
  formats: readonly WireFormat<WireFormatApi>[];
  /** Seed for generated replies. */
  seed: number;
  /** Generated reply length in tokens. */
  replyTokens: number;
  /** Model ids listed by `GET /v1/models`. */
  models: readonly string[];
  /** Whether requests are kept in `requests`. */
  recordRequests: boolean;
  /** The current latency profile; `undefined` for zero latency. */
  latency: LatencyProfile | undefined;
  /** Draws latency jitter. */
  jitterRng: Rng;
  /** Scripted replies. */
  rules: RuleList;
  /** Armed faults. */
  faults: FaultQueue;
  /** The prompt caches; `undefined` when `promptCache: false` turned modelling them off. */
  promptCache: PromptCache | undefined;
  /** Recorded requests (the array `Simulator.requests` exposes). */
  requests: RecordedRequest[];
  /** Requests numbered so far. */
  requestCount: number;
  /** Requests the client abandoned. */
  disconnects: number;
  /** Set while `close()` runs, so connections it destroys are not counted as disconnects. */
  closing: boolean;
  /** Called after any recorded request changes. */
  notify(): void;
}
