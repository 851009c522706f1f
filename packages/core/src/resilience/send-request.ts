import type {
  LanguageModel,
  ModelRequest,
  ModelResult,
  StreamEvent,
  Usage,
} from '@kagura-ts/provider';
import { AbortError } from '@kagura-ts/provider';
import { sleep } from '../util/sleep.js';
import { AttemptTimer } from './attempt-timer.js';
import type { GatePass, GateWait, RequestGates } from './request-gates.js';
import type { RetryOptions, TimeoutOptions } from './resilience-options.js';
import { retryDelay } from './retry-delay.js';
import { takeTicket } from './wait-queue.js';

/** How requests are sent: limits, retries and time limits. */
export interface SendPolicy {
  gates: RequestGates;
  retry: RetryOptions;
  timeout: TimeoutOptions;
  /** Jitter source. @default Math.random */
  random?: () => number;
}

/** What a call's reporting hears from the send path (see `CallTelemetry`). */
export interface SendObserver {
  /** The request waited at a limit. */
  limiterWait(wait: GateWait): void;
  /** Attempt `attempt` (1 for the first) failed with `error`; the next follows in `delayMs`. */
  retryScheduled(attempt: number, delayMs: number, error: unknown): void;
}

/** One request to send. */
export interface SendContext {
  model: LanguageModel;
  request: ModelRequest;
  headers: Record<string, string> | undefined;
  abortSignal: AbortSignal | undefined;
  policy: SendPolicy;
  /**
   * When (`performance.now()`) the whole call must have ended, if it started before its request
   * (waiting for another process, or for a warm-up): what is left of `policy.timeout.totalMs`.
   * @default now + `policy.timeout.totalMs`
   */
  deadline?: number | undefined;
  /** Told of waits at limits and of retries. */
  observer?: SendObserver | undefined;
}

/**
 * Sends a request and waits for the whole reply, through the provider's and model's limits,
 * retrying retryable failures with backoff (and the server's `retry-after`), within the total
 * time limit. A retry holds no concurrency slot while it waits, and keeps the call's place in
 * line: it goes before the calls that arrived after the call first asked.
 */
export async function sendGenerate(context: SendContext): Promise<ModelResult> {
  const { model, request, headers, abortSignal, policy } = context;
  const deadline = context.deadline ?? deadlineOf(policy.timeout);
  // The call's place in line, kept by its retries.
  const ticket = takeTicket();
  for (let attempt = 0; ; attempt += 1) {
    const timer = new AttemptTimer(model.provider, abortSignal);
    timer.arm('total', remaining(deadline), policy.timeout.totalMs);
    // Waiting in a limit's queue counts against the total time limit too.
    const pass = await passGates(context, timer, ticket);
    // A plain reply arrives whole: its first token is the reply itself.
    timer.arm('first-token', policy.timeout.firstTokenMs);
    let usage: Usage | undefined;
    let failure: unknown;
    try {
      if (timer.fired !== undefined) throw timer.fired;
      const result = await model.generate(request, {
        abortSignal: timer.signal,
        headers,
      });
      usage = result.usage;
      return result;
    } catch (caught) {
      failure = timer.fired ?? caught;
    } finally {
      timer.clear();
      pass.release(usage);
    }
    // The slot was given back above: the backoff holds none.
    await backoff(failure, attempt, context, deadline);
  }
}

/**
 * Sends a streaming request, through the limits, with time limits on the first token, between
 * deltas and overall. A stream that fails before its first delta is retried like a plain
 * request; once a delta was delivered, a failure is final (the reader has seen part of it).
 */
export async function* sendStream(
  context: SendContext,
): AsyncGenerator<StreamEvent, void, undefined> {
  const { model, request, headers, abortSignal, policy } = context;
  const deadline = context.deadline ?? deadlineOf(policy.timeout);
  const ticket = takeTicket();
  for (let attempt = 0; ; attempt += 1) {
    const timer = new AttemptTimer(model.provider, abortSignal);
    timer.arm('total', remaining(deadline), policy.timeout.totalMs);
    const pass = await passGates(context, timer, ticket);
    timer.arm('first-token', policy.timeout.firstTokenMs);
    let delivered = false;
    let usage: Usage | undefined;
    let failure: unknown;
    try {
      if (timer.fired !== undefined) throw timer.fired;
      const events = await model.stream(request, {
        abortSignal: timer.signal,
        headers,
      });
      for await (const event of events) {
        if (event.type === 'text-delta' || event.type === 'tool-call') {
          delivered = true;
          timer.arm('between-deltas', policy.timeout.betweenDeltasMs);
        }
        if (event.type === 'finish') usage = event.usage;
        yield event;
      }
      return;
    } catch (caught) {
      const error = timer.fired ?? caught;
      if (delivered) throw error;
      failure = error;
    } finally {
      timer.clear();
      pass.release(usage);
    }
    await backoff(failure, attempt, context, deadline);
  }
}

// Passes the limits, or throws the timeout that fired (or the caller's abort) while queued.
async function passGates(
  context: SendContext,
  timer: AttemptTimer,
  ticket: number,
): Promise<GatePass> {
  const { model, request, policy, observer } = context;
  try {
    return await policy.gates.pass({
      provider: model.provider,
      modelId: model.modelId,
      request,
      signal: timer.signal,
      ticket,
      onWait: observer === undefined ? undefined : (wait) => observer.limiterWait(wait),
    });
  } catch (error) {
    timer.clear();
    throw timer.fired ?? error;
  }
}

// Waits before the next attempt, or rethrows when the error is final or time is up.
async function backoff(
  error: unknown,
  attempt: number,
  context: SendContext,
  deadline: number | undefined,
): Promise<void> {
  const { abortSignal, policy } = context;
  if (abortSignal?.aborted)
    throw AbortError.isInstance(error) ? error : new AbortError({ cause: abortSignal.reason });
  const delay = retryDelay(error, attempt, policy.retry, policy.random);
  if (delay === undefined) throw error;
  if (deadline !== undefined && performance.now() + delay >= deadline) throw error;
  context.observer?.retryScheduled(attempt + 1, delay, error);
  await sleep(delay, abortSignal);
}

function deadlineOf(timeout: TimeoutOptions): number | undefined {
  return timeout.totalMs === undefined ? undefined : performance.now() + timeout.totalMs;
}

function remaining(deadline: number | undefined): number | undefined {
  return deadline === undefined ? undefined : deadline - performance.now();
}
