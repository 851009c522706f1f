import type { LanguageModel, ModelRequest, ModelResult, StreamEvent } from '@kagura-ts/provider';
import { AbortError, APICallError, TimeoutError } from '@kagura-ts/provider';
import { MockLanguageModel } from '@kagura-ts/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type GateWait, RequestGates } from './request-gates.js';
import {
  type SendContext,
  type SendObserver,
  type SendPolicy,
  sendGenerate,
  sendStream,
} from './send-request.js';

interface Attempt {
  prompt: string;
  at: number;
  succeed: () => void;
  fail: (error: unknown) => void;
}

const usage = { inputTokens: 1, outputTokens: 1, cachedInputTokens: 0 };

// A model whose every attempt waits for the test to settle it.
function scriptedModel(): { model: LanguageModel; attempts: Attempt[] } {
  const attempts: Attempt[] = [];
  const attempt = (request: ModelRequest) =>
    new Promise<void>((resolve, reject) => {
      const first = request.messages[0];
      attempts.push({
        prompt: typeof first?.content === 'string' ? first.content : '',
        at: Date.now(),
        succeed: resolve,
        fail: reject,
      });
    });
  const model: LanguageModel = {
    provider: 'fake',
    modelId: 'scripted',
    generate: async (request): Promise<ModelResult> => {
      await attempt(request);
      return { text: 'ok', toolCalls: [], finishReason: 'stop', usage, model: 'scripted', raw: {} };
    },
    stream: async (request) => {
      await attempt(request);
      return (async function* (): AsyncGenerator<StreamEvent> {
        yield { type: 'text-delta', text: 'ok' };
        yield { type: 'finish', finishReason: 'stop', usage, model: 'scripted' };
      })();
    },
  };
  return { model, attempts };
}

const rateLimited = () =>
  new APICallError({ message: 'slow down', provider: 'fake', statusCode: 429, retryAfterMs: 1000 });

function contextFor(model: LanguageModel, policy: SendPolicy, prompt: string): SendContext {
  return {
    model,
    request: { messages: [{ role: 'user', content: prompt }] },
    headers: undefined,
    abortSignal: undefined,
    policy,
  };
}

async function drain(events: AsyncIterable<StreamEvent>): Promise<void> {
  for await (const _event of events);
}

// What the send path told its observer.
function recordingObserver() {
  const retries: Array<{ attempt: number; delayMs: number; error: unknown }> = [];
  const waits: GateWait[] = [];
  const observer: SendObserver = {
    limiterWait: (wait) => waits.push(wait),
    retryScheduled: (attempt, delayMs, error) => retries.push({ attempt, delayMs, error }),
  };
  return { observer, retries, waits };
}

const serverError = () =>
  new APICallError({ message: 'overloaded', provider: 'mock', statusCode: 503 });

const badRequest = () =>
  new APICallError({ message: 'bad request', provider: 'mock', statusCode: 400 });

const noLimits = (overrides: Partial<SendPolicy> = {}): SendPolicy => ({
  gates: new RequestGates(),
  retry: { maxRetries: 2, baseDelayMs: 100 },
  timeout: {},
  random: () => 0.5,
  ...overrides,
});

function sendContext(
  model: LanguageModel,
  policy: SendPolicy,
  extra: Partial<SendContext> = {},
): SendContext {
  return { ...contextFor(model, policy, 'hello'), ...extra };
}

// Settles `promise` into a value the test can look at once the timers have run.
function outcomeOf<T>(promise: Promise<T>): { settled: PromiseSettledResult<T> | undefined } {
  const box: { settled: PromiseSettledResult<T> | undefined } = { settled: undefined };
  promise.then(
    (value) => {
      box.settled = { status: 'fulfilled', value };
    },
    (reason: unknown) => {
      box.settled = { status: 'rejected', reason };
    },
  );
  return box;
}

function rejection(box: { settled: PromiseSettledResult<unknown> | undefined }): unknown {
  expect(box.settled?.status).toBe('rejected');
  return (box.settled as PromiseRejectedResult).reason;
}

/** One step of a scripted stream: an event to send, a pause, a failure, or a stall until aborted. */
type StreamStep = StreamEvent | { pauseMs: number } | { fail: unknown } | 'stall';

// A model whose n-th stream plays the n-th script (the last again once they run out), honouring
// the attempt's abort signal the way an HTTP stream does; it records each attempt's signal.
function steppedModel(scripts: StreamStep[][]) {
  const signals: AbortSignal[] = [];
  const calledAt: number[] = [];
  const model: LanguageModel = {
    provider: 'mock',
    modelId: 'stepped',
    generate: () => Promise.reject(new Error('steppedModel only streams')),
    stream: async (_request, transport) => {
      const signal = transport?.abortSignal ?? new AbortController().signal;
      signals.push(signal);
      calledAt.push(Date.now());
      const steps = scripts[Math.min(signals.length, scripts.length) - 1]!;
      return (async function* (): AsyncGenerator<StreamEvent> {
        for (const step of steps) {
          if (step === 'stall') await pause(undefined, signal);
          else if ('pauseMs' in step) await pause(step.pauseMs, signal);
          else if ('fail' in step) throw step.fail;
          else yield step;
          if (signal.aborted) throw new AbortError({ cause: signal.reason });
        }
      })();
    },
  };
  return { model, signals, calledAt };
}

const delta = (text: string): StreamEvent => ({ type: 'text-delta', text });
const finish: StreamEvent = { type: 'finish', finishReason: 'stop', usage, model: 'stepped' };

async function collect(events: AsyncIterable<StreamEvent>, into: StreamEvent[]): Promise<void> {
  for await (const event of events) into.push(event);
}

// Resolves after `milliseconds` (never, when undefined), or as soon as `signal` aborts.
function pause(milliseconds: number | undefined, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = milliseconds === undefined ? undefined : setTimeout(resolve, milliseconds);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

describe.each([
  ['sendGenerate', (context: SendContext) => sendGenerate(context).then(() => {})],
  ['sendStream', (context: SendContext) => drain(sendStream(context))],
])('%s', (_name, send) => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('should give the slot back during a backoff, and keep the place in line for the retry', async () => {
    const { model, attempts } = scriptedModel();
    const policy: SendPolicy = {
      gates: new RequestGates({ fake: { concurrency: 1 } }),
      retry: { maxRetries: 2 },
      timeout: {},
    };
    const done: string[] = [];
    const call = (prompt: string) =>
      send(contextFor(model, policy, prompt)).then(() => done.push(prompt));
    const a = call('A');
    const b = call('B');
    await vi.advanceTimersByTimeAsync(0);
    expect(attempts.map((attempt) => attempt.prompt)).toEqual(['A']);
    // A is told to wait a second: B, queued behind it, runs meanwhile.
    attempts[0]!.fail(rateLimited());
    await vi.advanceTimersByTimeAsync(0);
    expect(attempts.map((attempt) => attempt.prompt)).toEqual(['A', 'B']);
    // C arrives during A's backoff and queues behind B.
    await vi.advanceTimersByTimeAsync(500);
    const c = call('C');
    // A's backoff ends at 1 s while B still runs: A queues again, ahead of C.
    await vi.advanceTimersByTimeAsync(1500);
    expect(attempts.map((attempt) => attempt.prompt)).toEqual(['A', 'B']);
    attempts[1]!.succeed();
    await vi.advanceTimersByTimeAsync(0);
    expect(attempts.map((attempt) => attempt.prompt)).toEqual(['A', 'B', 'A']);
    attempts[2]!.succeed();
    await vi.advanceTimersByTimeAsync(0);
    expect(attempts.map((attempt) => attempt.prompt)).toEqual(['A', 'B', 'A', 'C']);
    attempts[3]!.succeed();
    await Promise.all([a, b, c]);
    expect(done).toEqual(['B', 'A', 'C']);
  });

  it('should take from the rate budgets again on each retry', async () => {
    const { model, attempts } = scriptedModel();
    const policy: SendPolicy = {
      gates: new RequestGates({ fake: { requestsPerMinute: 2 } }, () => Date.now()),
      retry: { maxRetries: 2 },
      timeout: {},
    };
    const a = send(contextFor(model, policy, 'A'));
    await vi.advanceTimersByTimeAsync(0);
    attempts[0]!.fail(rateLimited());
    await vi.advanceTimersByTimeAsync(1000);
    attempts[1]!.succeed();
    await a;
    // Both of the minute's requests went to A: B waits for the first to leave the window.
    const b = send(contextFor(model, policy, 'B'));
    await vi.advanceTimersByTimeAsync(60_000);
    attempts[2]!.succeed();
    await b;
    expect(attempts.map((attempt) => [attempt.prompt, attempt.at])).toEqual([
      ['A', 0],
      ['A', 1000],
      ['B', 60_000],
    ]);
  });

  it('should send one request at a time with a concurrency of 1, the second after the first', async () => {
    const { model, attempts } = scriptedModel();
    const policy: SendPolicy = {
      gates: new RequestGates({ fake: { concurrency: 1 } }),
      retry: {},
      timeout: {},
    };
    const { observer, waits } = recordingObserver();
    const a = outcomeOf(send(contextFor(model, policy, 'A')));
    const b = outcomeOf(send({ ...contextFor(model, policy, 'B'), observer }));
    await vi.advanceTimersByTimeAsync(250);
    expect(attempts.map((attempt) => attempt.prompt)).toEqual(['A']);
    attempts[0]!.succeed();
    await vi.advanceTimersByTimeAsync(0);
    expect(a.settled?.status).toBe('fulfilled');
    expect(attempts.map((attempt) => [attempt.prompt, attempt.at])).toEqual([
      ['A', 0],
      ['B', 250],
    ]);
    expect(b.settled).toBeUndefined();
    attempts[1]!.succeed();
    await vi.advanceTimersByTimeAsync(0);
    expect(b.settled?.status).toBe('fulfilled');
    expect(waits).toEqual([{ gate: 'fake', limit: 'concurrency', waitedMs: 250 }]);
  });
});

describe('sendGenerate', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('should retry a retryable error up to maxRetries, then throw it, telling the observer of each retry', async () => {
    const error = serverError();
    const calledAt: number[] = [];
    const model = new MockLanguageModel({
      replies: [
        () => {
          calledAt.push(Date.now());
          return { error };
        },
      ],
    });
    const { observer, retries } = recordingObserver();
    const result = outcomeOf(sendGenerate(sendContext(model, noLimits(), { observer })));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(rejection(result)).toBe(error);
    // Full jitter at 0.5: half of 100 ms, then half of 200 ms.
    expect(calledAt).toEqual([0, 50, 150]);
    expect(retries).toEqual([
      { attempt: 1, delayMs: 50, error },
      { attempt: 2, delayMs: 100, error },
    ]);
  });

  it('should not retry an error that is not retryable', async () => {
    const error = badRequest();
    const model = new MockLanguageModel({ replies: [{ error }, { text: 'never' }] });
    const { observer, retries } = recordingObserver();
    const result = outcomeOf(sendGenerate(sendContext(model, noLimits(), { observer })));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(rejection(result)).toBe(error);
    expect(model.calls).toHaveLength(1);
    expect(retries).toEqual([]);
  });

  it("should wait the error's retryAfterMs before the retry, not the backoff", async () => {
    const error = new APICallError({
      message: 'slow down',
      provider: 'mock',
      statusCode: 429,
      retryAfterMs: 3000,
    });
    const model = new MockLanguageModel({ replies: [{ error }, { text: 'second' }] });
    const { observer, retries } = recordingObserver();
    // With no jitter the backoff alone would retry at once.
    const policy = noLimits({ random: () => 0 });
    const result = outcomeOf(sendGenerate(sendContext(model, policy, { observer })));
    await vi.advanceTimersByTimeAsync(2999);
    expect(model.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(model.calls).toHaveLength(2);
    expect(result.settled).toEqual({
      status: 'fulfilled',
      value: expect.objectContaining({ text: 'second' }),
    });
    expect(retries).toEqual([{ attempt: 1, delayMs: 3000, error }]);
  });

  it('should throw the error at once when its retryAfterMs is over maxRetryAfterMs', async () => {
    const error = new APICallError({
      message: 'come back tomorrow',
      provider: 'mock',
      statusCode: 429,
      retryAfterMs: 120_000,
    });
    const model = new MockLanguageModel({ replies: [{ error }, { text: 'never' }] });
    const result = outcomeOf(sendGenerate(sendContext(model, noLimits())));
    await vi.advanceTimersByTimeAsync(0);
    expect(rejection(result)).toBe(error);
    expect(model.calls).toHaveLength(1);
  });

  it('should throw an AbortError when the caller aborts during a request, try no more, and give the slot back', async () => {
    const model = new MockLanguageModel({
      replies: [(_request, call) => (call === 1 ? { delayMs: 10_000 } : { text: 'next' })],
    });
    const policy = noLimits({ gates: new RequestGates({ mock: { concurrency: 1 } }) });
    const { observer, retries } = recordingObserver();
    const controller = new AbortController();
    const first = outcomeOf(
      sendGenerate(sendContext(model, policy, { abortSignal: controller.signal, observer })),
    );
    await vi.advanceTimersByTimeAsync(100);
    const second = outcomeOf(sendGenerate(sendContext(model, policy)));
    await vi.advanceTimersByTimeAsync(100);
    // The second waits for the only slot.
    expect(model.calls).toHaveLength(1);
    const reason = new Error('the user left');
    controller.abort(reason);
    await vi.advanceTimersByTimeAsync(0);
    const error = rejection(first);
    expect(AbortError.isInstance(error)).toBe(true);
    expect((error as AbortError).cause).toBe(reason);
    // The request itself was cancelled, and its slot went to the second call.
    expect(model.calls[0]!.transport?.abortSignal?.aborted).toBe(true);
    expect(second.settled).toEqual({
      status: 'fulfilled',
      value: expect.objectContaining({ text: 'next' }),
    });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(model.calls).toHaveLength(2);
    expect(retries).toEqual([]);
  });

  it('should throw an AbortError when the caller aborts during a backoff, holding no slot meanwhile', async () => {
    const model = new MockLanguageModel({
      replies: [(_request, call) => (call === 1 ? { error: rateLimited() } : { text: 'next' })],
    });
    const policy = noLimits({ gates: new RequestGates({ mock: { concurrency: 1 } }) });
    const { observer, retries } = recordingObserver();
    const controller = new AbortController();
    const first = outcomeOf(
      sendGenerate(sendContext(model, policy, { abortSignal: controller.signal, observer })),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(retries.map((retry) => retry.delayMs)).toEqual([1000]);
    // The backoff holds no slot: another call goes at once.
    const second = outcomeOf(sendGenerate(sendContext(model, policy)));
    await vi.advanceTimersByTimeAsync(0);
    expect(second.settled?.status).toBe('fulfilled');
    const reason = new Error('the user left');
    controller.abort(reason);
    await vi.advanceTimersByTimeAsync(0);
    const error = rejection(first);
    expect(AbortError.isInstance(error)).toBe(true);
    expect((error as AbortError).cause).toBe(reason);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(model.calls).toHaveLength(2);
  });

  it("should throw a TimeoutError naming 'total' when the whole call runs out of time, and not retry it", async () => {
    const model = new MockLanguageModel({ replies: [{ delayMs: 5000 }] });
    const result = outcomeOf(
      sendGenerate(sendContext(model, noLimits({ timeout: { totalMs: 1000 } }))),
    );
    await vi.advanceTimersByTimeAsync(999);
    expect(result.settled).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    const error = rejection(result);
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ timeout: 'total', ms: 1000, provider: 'mock' });
    expect(model.calls[0]!.transport?.abortSignal?.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(model.calls).toHaveLength(1);
  });

  it('should count the wait for a slot against the total time limit, and leave the queue when it fires', async () => {
    const model = new MockLanguageModel({ replies: [{ delayMs: 10_000 }] });
    const gates = new RequestGates({ mock: { concurrency: 1 } });
    const busy = outcomeOf(sendGenerate(sendContext(model, noLimits({ gates }))));
    const late = outcomeOf(
      sendGenerate(sendContext(model, noLimits({ gates, timeout: { totalMs: 1000 } }))),
    );
    await vi.advanceTimersByTimeAsync(999);
    expect([...gates.queued()]).toEqual([{ gate: 'mock', queued: 1 }]);
    await vi.advanceTimersByTimeAsync(1);
    expect(rejection(late)).toMatchObject({ name: 'TimeoutError', timeout: 'total', ms: 1000 });
    expect([...gates.queued()]).toEqual([{ gate: 'mock', queued: 0 }]);
    await vi.advanceTimersByTimeAsync(9000);
    expect(busy.settled?.status).toBe('fulfilled');
    expect(model.calls).toHaveLength(1);
  });

  it('should throw the error rather than start a backoff that would end past the total time limit', async () => {
    const error = rateLimited();
    const model = new MockLanguageModel({ replies: [{ error }, { text: 'never' }] });
    const { observer, retries } = recordingObserver();
    const policy = noLimits({ timeout: { totalMs: 500 } });
    const result = outcomeOf(sendGenerate(sendContext(model, policy, { observer })));
    await vi.advanceTimersByTimeAsync(0);
    expect(rejection(result)).toBe(error);
    expect(retries).toEqual([]);
    expect(model.calls).toHaveLength(1);
  });

  it('should retry a reply slower than firstTokenMs, as a first-token TimeoutError', async () => {
    const model = new MockLanguageModel({ replies: [{ delayMs: 5000 }, { text: 'quick' }] });
    const { observer, retries } = recordingObserver();
    const policy = noLimits({ timeout: { firstTokenMs: 1000 } });
    const result = outcomeOf(sendGenerate(sendContext(model, policy, { observer })));
    await vi.advanceTimersByTimeAsync(1000);
    // Then the backoff: half of 100 ms.
    await vi.advanceTimersByTimeAsync(50);
    expect(result.settled).toEqual({
      status: 'fulfilled',
      value: expect.objectContaining({ text: 'quick' }),
    });
    expect(model.calls).toHaveLength(2);
    expect(retries).toHaveLength(1);
    expect(retries[0]!.error).toMatchObject({
      name: 'TimeoutError',
      timeout: 'first-token',
      ms: 1000,
    });
  });
});

describe('sendStream', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('should retry a stream whose first event never comes, after a first-token TimeoutError', async () => {
    const { model, signals, calledAt } = steppedModel([['stall'], [delta('hi'), finish]]);
    const { observer, retries } = recordingObserver();
    const policy = noLimits({ timeout: { firstTokenMs: 1000 } });
    const events: StreamEvent[] = [];
    const result = outcomeOf(collect(sendStream(sendContext(model, policy, { observer })), events));
    await vi.advanceTimersByTimeAsync(1000);
    // Then the backoff: half of 100 ms.
    await vi.advanceTimersByTimeAsync(50);
    expect(result.settled?.status).toBe('fulfilled');
    expect(events).toEqual([delta('hi'), finish]);
    expect(calledAt).toEqual([0, 1050]);
    // The stalled attempt was cancelled by its timer.
    expect(signals[0]!.aborted).toBe(true);
    expect(retries).toHaveLength(1);
    expect(TimeoutError.isInstance(retries[0]!.error)).toBe(true);
    expect(retries[0]!.error).toMatchObject({ timeout: 'first-token', ms: 1000 });
  });

  it('should throw the first-token TimeoutError once the retries are spent', async () => {
    const { model, signals } = steppedModel([['stall']]);
    const policy = noLimits({
      retry: { maxRetries: 1 },
      timeout: { firstTokenMs: 1000 },
      random: () => 0,
    });
    const events: StreamEvent[] = [];
    const result = outcomeOf(collect(sendStream(sendContext(model, policy)), events));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(rejection(result)).toMatchObject({ name: 'TimeoutError', timeout: 'first-token' });
    expect(signals).toHaveLength(2);
    expect(events).toEqual([]);
  });

  it('should not retry a stream that fails after it delivered a delta', async () => {
    const error = serverError();
    const { model, signals } = steppedModel([
      [delta('par'), { fail: error }],
      [delta('whole'), finish],
    ]);
    const { observer, retries } = recordingObserver();
    const events: StreamEvent[] = [];
    const result = outcomeOf(
      collect(sendStream(sendContext(model, noLimits(), { observer })), events),
    );
    await vi.advanceTimersByTimeAsync(10_000);
    expect(rejection(result)).toBe(error);
    expect(events).toEqual([delta('par')]);
    expect(signals).toHaveLength(1);
    expect(retries).toEqual([]);
  });

  it('should retry a stream that fails before its first delta', async () => {
    const error = serverError();
    const { model, signals } = steppedModel([[{ fail: error }], [delta('whole'), finish]]);
    const events: StreamEvent[] = [];
    const result = outcomeOf(collect(sendStream(sendContext(model, noLimits())), events));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(result.settled?.status).toBe('fulfilled');
    expect(events).toEqual([delta('whole'), finish]);
    expect(signals).toHaveLength(2);
  });

  it('should stop the first-token timer at the first delta when betweenDeltasMs is unset', async () => {
    const { model, signals } = steppedModel([
      [delta('a'), { pauseMs: 600 }, delta('b'), { pauseMs: 600 }, delta('c'), finish],
    ]);
    const policy = noLimits({ timeout: { firstTokenMs: 1000 } });
    const events: StreamEvent[] = [];
    const result = outcomeOf(collect(sendStream(sendContext(model, policy)), events));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(result.settled?.status).toBe('fulfilled');
    expect(events).toEqual([delta('a'), delta('b'), delta('c'), finish]);
    expect(signals).toHaveLength(1);
  });

  it("should throw a TimeoutError naming 'between-deltas' when a stream stalls after a delta, and not retry it", async () => {
    const { model, signals } = steppedModel([
      [delta('a'), { pauseMs: 400 }, delta('b'), 'stall'],
      [delta('retried'), finish],
    ]);
    const policy = noLimits({ timeout: { firstTokenMs: 1000, betweenDeltasMs: 500 } });
    const events: StreamEvent[] = [];
    const result = outcomeOf(collect(sendStream(sendContext(model, policy)), events));
    // A pause shorter than the limit is fine; the stall after 'b' (at 400 ms) fires at 900 ms.
    await vi.advanceTimersByTimeAsync(899);
    expect(result.settled).toBeUndefined();
    expect(events).toEqual([delta('a'), delta('b')]);
    await vi.advanceTimersByTimeAsync(1);
    expect(rejection(result)).toMatchObject({
      name: 'TimeoutError',
      timeout: 'between-deltas',
      ms: 500,
    });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(signals).toHaveLength(1);
  });

  it("should throw a TimeoutError naming 'total' when a stream outlives totalMs", async () => {
    const { model, signals } = steppedModel([[delta('a'), 'stall']]);
    const events: StreamEvent[] = [];
    const policy = noLimits({ timeout: { totalMs: 2000 } });
    const result = outcomeOf(collect(sendStream(sendContext(model, policy)), events));
    await vi.advanceTimersByTimeAsync(1999);
    expect(result.settled).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(rejection(result)).toMatchObject({ name: 'TimeoutError', timeout: 'total', ms: 2000 });
    expect(signals[0]!.aborted).toBe(true);
    expect(events).toEqual([delta('a')]);
  });

  it('should throw an AbortError when the caller aborts mid-stream, and give the slot back', async () => {
    const { model, signals } = steppedModel([
      [delta('a'), 'stall'],
      [delta('b'), finish],
    ]);
    const policy = noLimits({ gates: new RequestGates({ mock: { concurrency: 1 } }) });
    const controller = new AbortController();
    const firstEvents: StreamEvent[] = [];
    const first = outcomeOf(
      collect(
        sendStream(sendContext(model, policy, { abortSignal: controller.signal })),
        firstEvents,
      ),
    );
    const secondEvents: StreamEvent[] = [];
    const second = outcomeOf(collect(sendStream(sendContext(model, policy)), secondEvents));
    await vi.advanceTimersByTimeAsync(100);
    expect(firstEvents).toEqual([delta('a')]);
    expect(signals).toHaveLength(1);
    const reason = new Error('the user left');
    controller.abort(reason);
    await vi.advanceTimersByTimeAsync(0);
    const error = rejection(first);
    expect(AbortError.isInstance(error)).toBe(true);
    expect((error as AbortError).cause).toBe(reason);
    expect(second.settled?.status).toBe('fulfilled');
    expect(secondEvents).toEqual([delta('b'), finish]);
    expect(signals).toHaveLength(2);
  });

  it('should give the slot back when the reader stops early', async () => {
    const { model, signals } = steppedModel([[delta('a'), delta('b'), finish]]);
    const policy = noLimits({ gates: new RequestGates({ mock: { concurrency: 1 } }) });
    for await (const _event of sendStream(sendContext(model, policy))) break;
    const events: StreamEvent[] = [];
    const result = outcomeOf(collect(sendStream(sendContext(model, policy)), events));
    await vi.advanceTimersByTimeAsync(0);
    expect(result.settled?.status).toBe('fulfilled');
    expect(events).toEqual([delta('a'), delta('b'), finish]);
    expect(signals).toHaveLength(2);
  });
});
