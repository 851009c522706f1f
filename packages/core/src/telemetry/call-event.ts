import type { FinishReason, Usage } from '@kagura-ts/provider';
import type { CacheStatus } from '../call/cache-info.js';
import type { Cost } from '../call/cost.js';
import type { PromptPrefixDifference } from '../call/prompt-prefix.js';

/** What every event of one client call carries. */
export interface CallEventBase {
  /** The call's number within this process, the same on all of its events. */
  callId: number;
  /** The provider, e.g. `'openai'`. */
  provider: string;
  /** The model id requested. */
  model: string;
  /** The agent making the call, when known. */
  agent: string | undefined;
}

/** A call started (before the cache is read). */
export interface RequestStartEvent extends CallEventBase {
  type: 'request-start';
  /** Whether it is a stream call. */
  stream: boolean;
}

/** How the call used the response cache, once that is known. */
export interface CacheResultEvent extends CallEventBase {
  type: 'cache-result';
  status: CacheStatus;
  /** The cache key (a hash: it holds no prompt text). */
  key: string | undefined;
  /** For a hit, the entry's age in milliseconds. */
  ageMs: number | undefined;
}

/** The call joined an identical call in flight instead of sending its own request. */
export interface CoalescedJoinEvent extends CallEventBase {
  type: 'coalesced-join';
  /** The `callId` of the call whose request it shares. */
  leaderCallId: number;
}

/** The call's request waited at a client limit (`limits` of `createClient`). */
export interface LimiterWaitEvent extends CallEventBase {
  type: 'limiter-wait';
  /** The limit's key: a provider name or `provider:model`. */
  gate: string;
  /** Which of its limits the request waited for. */
  limit: 'concurrency' | 'requestsPerMinute' | 'tokensPerMinute';
  /** How long it waited, in milliseconds. */
  waitedMs: number;
}

/** A request failed and will be retried after a delay. */
export interface RetryScheduledEvent extends CallEventBase {
  type: 'retry-scheduled';
  /** The attempt that failed (1 for the first request). */
  attempt: number;
  /** How long until the next attempt, in milliseconds. */
  delayMs: number;
  /** Why, in a word: the HTTP status (`'429'`), `'timeout'`, or the error's name. */
  reason: string;
  /** The failure. */
  error: unknown;
}

/** A stream's first text or tool call arrived (also for a replayed cache hit). */
export interface FirstTokenEvent extends CallEventBase {
  type: 'first-token';
  /** Milliseconds since the call started. */
  ms: number;
}

/** The call answered. */
export interface ResponseEvent extends CallEventBase {
  type: 'response';
  /** The cache status of the answer. */
  cache: CacheStatus;
  finishReason: FinishReason;
  usage: Usage;
  cost: Cost;
  /** Milliseconds since the call started. */
  durationMs: number;
}

/**
 * A call that should have read the provider's prompt cache read nothing: the previous call of
 * the same agent and model asked for it, was long enough, and was made within its ttl.
 */
export interface PromptCacheMissEvent extends CallEventBase {
  type: 'prompt-cache-miss';
  /**
   * Where the prompt first changed within the previous call's cached prefix, e.g. the system
   * prompt at character 212 (`hint: 'a timestamp?'`); `undefined` when it did not change (the
   * cache expired or was evicted, or the request reached another server).
   */
  difference: PromptPrefixDifference | undefined;
  /** The same in words, as the debug log and the span's `kagura.prompt_cache.miss` say it. */
  reason: string;
}

/** The call failed (after its last retry), or was aborted. */
export interface CallErrorEvent extends CallEventBase {
  type: 'error';
  error: unknown;
  /** The error in a word, as in {@link RetryScheduledEvent.reason}. */
  errorType: string;
  durationMs: number;
}

/** A tool loop is about to run a tool the model called. */
export interface ToolCallStartEvent {
  type: 'tool-call';
  toolName: string;
  toolCallId: string;
}

/** A tool finished (an error result included: unknown tool, invalid input, or it threw). */
export interface ToolResultReportEvent {
  type: 'tool-result';
  toolName: string;
  toolCallId: string;
  isError: boolean;
  durationMs: number;
}

/**
 * What the client reports about its calls, to `onEvent` (see `ClientOptions.onEvent`) and the
 * debug log. The same events feed the OpenTelemetry spans and metrics. Prompts and answers are
 * never in them.
 */
export type KaguraEvent =
  | RequestStartEvent
  | CacheResultEvent
  | CoalescedJoinEvent
  | LimiterWaitEvent
  | RetryScheduledEvent
  | FirstTokenEvent
  | ResponseEvent
  | PromptCacheMissEvent
  | CallErrorEvent
  | ToolCallStartEvent
  | ToolResultReportEvent;
