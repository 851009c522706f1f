import type { LanguageModel, ModelRequest, ModelResult, StreamEvent } from '@kagura-ts/provider';
import { APICallError } from '@kagura-ts/provider';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RequestGates } from './request-gates.js';
import { type SendContext, type SendPolicy, sendGenerate, sendStream } from './send-request.js';

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
});
