import {
  AbortError,
  APICallError,
  type Client,
  type ClientOptions,
  createClient,
  TimeoutError,
  withAbortSignal,
} from '@kagura-ts/core';
import { createOpenAI } from '@kagura-ts/openai';
import type { RecordedRequest } from '@kagura-ts/testing';
import { useSimulator } from '@kagura-ts/testing/vitest';
import { describe, expect, it } from 'vitest';

const simulator = useSimulator();

function clientWith(options: Partial<ClientOptions> = {}): Client {
  return createClient({
    providers: { openai: createOpenAI({ baseURL: simulator().openaiBaseURL, apiKey: 'k' }) },
    model: 'openai:gpt-4o-mini',
    cache: false,
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    ...options,
  });
}

const chat = () => simulator().requests.filter((request) => request.api === 'openai');

// The largest number of requests the server was handling at one moment.
function peakConcurrency(requests: RecordedRequest[]): number {
  const edges = requests.flatMap((request) => [
    { at: request.startedAt, change: 1 },
    { at: request.endedAt ?? Number.POSITIVE_INFINITY, change: -1 },
  ]);
  edges.sort((a, b) => a.at - b.at || a.change - b.change);
  let current = 0;
  let peak = 0;
  for (const edge of edges) {
    current += edge.change;
    peak = Math.max(peak, current);
  }
  return peak;
}

describe('retries', () => {
  it('should ride out a 429 storm: no call lost, retry-after honoured, the limit never exceeded', async () => {
    simulator().setLatency({ timeToFirstTokenMs: 10, tokensPerSecond: 2000 });
    simulator().injectFault({ type: 'status', status: 429, retryAfterMs: 40, times: 12 });
    const client = clientWith({
      limits: { openai: { concurrency: 3 } },
      retry: { maxRetries: 10 },
    });
    const prompts = Array.from({ length: 12 }, (_, index) => `storm ${index}`);
    const replies = await Promise.all(prompts.map((prompt) => client.call(prompt)));
    expect(replies.every((reply) => reply.text.length > 0)).toBe(true);
    expect(chat().filter((request) => request.status === 429)).toHaveLength(12);
    expect(chat().filter((request) => request.status === 200)).toHaveLength(12);
    expect(peakConcurrency(chat())).toBeLessThanOrEqual(3);
    for (const prompt of prompts) {
      const attempts = chat().filter((request) =>
        JSON.stringify(request.body).includes(`"${prompt}"`),
      );
      for (let index = 1; index < attempts.length; index += 1) {
        if (attempts[index - 1]!.status !== 429) continue;
        // Waits are honoured: the retry starts no sooner than the server asked.
        expect(attempts[index]!.startedAt - attempts[index - 1]!.endedAt!).toBeGreaterThanOrEqual(
          38,
        );
      }
    }
  });

  it('should retry 500 and 503 bursts, and give up after maxRetries', async () => {
    simulator().injectFault({ type: 'status', status: 500, times: 1 });
    simulator().injectFault({ type: 'status', status: 503, times: 1 });
    const client = clientWith();
    await expect(client.call('burst')).resolves.toMatchObject({ finishReason: 'stop' });
    expect(chat().map((request) => request.status)).toEqual([500, 503, 200]);
    simulator().reset();
    simulator().injectFault({ type: 'status', status: 503, times: 3 });
    await expect(client.call('longer burst')).rejects.toMatchObject({ statusCode: 503 });
    expect(chat()).toHaveLength(3);
  });

  it('should never retry other 4xx or an exhausted quota', async () => {
    const client = clientWith();
    simulator().injectFault({ type: 'status', status: 400 });
    await expect(client.call('bad')).rejects.toSatisfy(APICallError.isInstance);
    simulator().injectFault({ type: 'status', status: 429, code: 'insufficient_quota' });
    await expect(client.call('broke')).rejects.toMatchObject({
      code: 'insufficient_quota',
      isRetryable: false,
    });
    expect(chat()).toHaveLength(2);
  });

  it('should retry a stream that failed before its first delta, and not one that failed after', async () => {
    simulator().setLatency({ timeToFirstTokenMs: 5, tokensPerSecond: 500 });
    const client = clientWith();
    simulator().injectFault({ type: 'drop', afterTokens: 0 });
    await expect(client.stream('dropped early').text()).resolves.toBeTypeOf('string');
    expect(chat()).toHaveLength(2);
    simulator().reset();
    simulator().setLatency({ timeToFirstTokenMs: 5, tokensPerSecond: 500 });
    simulator().injectFault({ type: 'drop', afterTokens: 3 });
    const stream = client.stream('dropped late');
    const deltas: string[] = [];
    await expect(
      (async () => {
        for await (const delta of stream) deltas.push(delta);
      })(),
    ).rejects.toSatisfy(APICallError.isInstance);
    expect(deltas.length).toBeGreaterThan(0);
    expect(chat()).toHaveLength(1);
  });
});

describe('timeouts', () => {
  it('should time out a slow first token, retry it, and name the timeout when retries are spent', async () => {
    simulator().setLatency({ timeToFirstTokenMs: 5, tokensPerSecond: 500 });
    simulator().injectFault({ type: 'slow-first-token', delayMs: 400 });
    const client = clientWith({ timeout: { firstTokenMs: 100 } });
    await expect(client.stream('slow once').text()).resolves.toBeTypeOf('string');
    expect(chat()).toHaveLength(2);
    await simulator().waitFor((requests) => requests[0]?.disconnected === true);

    simulator().injectFault({ type: 'slow-first-token', delayMs: 400 });
    const error = await client
      .stream('slow always', { retry: { maxRetries: 0 } })
      .text()
      .catch((caught: unknown) => caught);
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ timeout: 'first-token', ms: 100 });
    expect((error as Error).message).toContain('first token');
  });

  it('should time out a stream that stalls between deltas, without retrying it', async () => {
    simulator().setLatency({ timeToFirstTokenMs: 5, tokensPerSecond: 4 });
    const client = clientWith({ timeout: { betweenDeltasMs: 60 } });
    const stream = client.stream('stalls');
    const error = await stream.text().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'TimeoutError', timeout: 'between-deltas' });
    expect(chat()).toHaveLength(1);
  });

  it('should count time queued at a limit against the total time limit', async () => {
    simulator().setLatency({ timeToFirstTokenMs: 400, tokensPerSecond: 100 });
    const client = clientWith({ limits: { openai: { concurrency: 1 } } });
    const first = client.call('holds the only slot');
    const queued = await client
      .call('waits in the queue', { timeout: { totalMs: 80 } })
      .catch((caught: unknown) => caught);
    expect(queued).toMatchObject({ name: 'TimeoutError', timeout: 'total', ms: 80 });
    // It never reached the server.
    expect(chat()).toHaveLength(1);
    await first;
  });

  it('should time out the whole call and close the request', async () => {
    simulator().setLatency({ timeToFirstTokenMs: 500, tokensPerSecond: 100 });
    const client = clientWith();
    const error = await client
      .call('too slow', { timeout: { totalMs: 80 } })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'TimeoutError', timeout: 'total', ms: 80 });
    await simulator().waitFor((requests) => requests.some((request) => request.disconnected));
    expect(chat()).toHaveLength(1);
  });
});

describe('cancellation', () => {
  it('should close the request when an ambient signal aborts an agent-style call', async () => {
    simulator().setLatency({ timeToFirstTokenMs: 300, tokensPerSecond: 100 });
    const client = clientWith();
    const controller = new AbortController();
    const pending = withAbortSignal(controller.signal, () => client.call('cancel me'));
    await simulator().waitFor((requests) => requests.length === 1);
    controller.abort();
    await expect(pending).rejects.toSatisfy(AbortError.isInstance);
    await simulator().waitFor((requests) => requests[0]?.disconnected === true);
  });

  it('should stop retrying when the caller aborts during the backoff', async () => {
    simulator().injectFault({ type: 'status', status: 429, retryAfterMs: 5000 });
    const client = clientWith();
    const controller = new AbortController();
    const pending = client.call('waiting', { abortSignal: controller.signal });
    await simulator().waitFor((requests) => requests.length === 1);
    controller.abort();
    await expect(pending).rejects.toSatisfy(AbortError.isInstance);
    expect(chat()).toHaveLength(1);
  });
});
