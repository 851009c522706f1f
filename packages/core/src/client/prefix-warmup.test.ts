import type { LanguageModel, ModelResult, StreamEvent } from '@kagura-ts/provider';
import { TimeoutError } from '@kagura-ts/provider';
import { MockLanguageModel, mockProvider } from '@kagura-ts/testing';
import { describe, expect, it } from 'vitest';
import { parallelMap } from '../parallel/parallel-map.js';
import { createClient } from './create-client.js';
import { PrefixWarmup } from './prefix-warmup.js';
import type { PromptCacheOption } from './prompt-cache-option.js';

const system = 'You are the travel desk of Kyoto station; answer in one sentence. '.repeat(100);
const questions = ['bus stop', 'taxis', 'lockers', 'the shinkansen'];

// A mock model with a prompt cache, whose answers take 20 ms, recording the order in which
// requests start and end.
function recordingClient(promptCache?: PromptCacheOption) {
  const log: string[] = [];
  const base = new MockLanguageModel({
    replies: [
      (request) => {
        const question = String(request.messages.at(-1)?.content);
        log.push(`start ${question}`);
        setTimeout(() => log.push(`end ${question}`), 20);
        return { text: `About ${question}.`, delayMs: 20 };
      },
    ],
  });
  const model = Object.assign(Object.create(base) as MockLanguageModel & LanguageModel, {
    promptCache: { maxBreakpoints: 4, minimumTokens: 1024, acceptsKey: false },
  });
  const client = createClient({
    providers: { mock: mockProvider(model) },
    model: 'mock:mock-model',
    defaults: { system, promptCache },
  });
  return { client, log, model };
}

describe('warm-then-fan-out', () => {
  it('should send one of the calls sharing a cached prefix first, as a stream, and the rest after it', async () => {
    const { client, log, model } = recordingClient();
    const answers = await parallelMap(questions, (question) =>
      client.call(`Where is the ${question}?`),
    );
    expect(log[0]).toBe('start Where is the bus stop?');
    expect(log[1]).toBe('end Where is the bus stop?');
    expect(log.slice(2, 5).every((entry) => entry.startsWith('start'))).toBe(true);
    // The first is streamed so the others can go at its first event; its answer is whole.
    expect(model.calls.map((call) => call.kind)).toEqual([
      'stream',
      'generate',
      'generate',
      'generate',
    ]);
    expect(answers.map((answer) => answer.text)).toEqual(
      questions.map((question) => `About Where is the ${question}?.`),
    );
  });

  it("should release a plain first call's followers at its first event, not its answer", async () => {
    const warmup = new PrefixWarmup();
    const log: string[] = [];
    const [rest, sendRest] = gate();
    async function* leader(): AsyncGenerator<StreamEvent> {
      yield { type: 'text-delta', text: 'First ' };
      await rest;
      yield { type: 'text-delta', text: 'answer' };
      yield finish;
    }
    const first = warmup.generate(
      'prefix',
      undefined,
      () => Promise.reject(new Error('not sent plainly')),
      leader,
      'mock',
    );
    const second = warmup.generate(
      'prefix',
      undefined,
      async () => {
        log.push('follower sent');
        return { ...result, text: 'second' };
      },
      () => {
        throw new Error('a follower is not streamed');
      },
      'mock',
    );
    expect((await second).text).toBe('second');
    expect(log).toEqual(['follower sent']);
    sendRest();
    expect(await first).toMatchObject({
      text: 'First answer',
      finishReason: 'stop',
      raw: undefined,
    });
  });

  it('should send a first call again the plain way when its stream fails after its first event', async () => {
    const warmup = new PrefixWarmup();
    async function* broken(): AsyncGenerator<StreamEvent> {
      yield { type: 'text-delta', text: 'Half' };
      throw new Error('connection reset');
    }
    const answer = await warmup.generate(
      'prefix',
      undefined,
      async () => ({ ...result, text: 'whole' }),
      broken,
      'mock',
    );
    expect(answer.text).toBe('whole');
  });

  it('should go at once for a prefix written a moment ago', async () => {
    const { client, log } = recordingClient();
    await client.call('Where is the bus stop?');
    log.length = 0;
    await parallelMap(questions.slice(1), (question) => client.call(`Where is the ${question}?`));
    expect(log.slice(0, 3).every((entry) => entry.startsWith('start'))).toBe(true);
  });

  it('should send them all at once with warmUp: false', async () => {
    const { client, log } = recordingClient({ warmUp: false });
    await parallelMap(questions, (question) => client.call(`Where is the ${question}?`));
    expect(log.slice(0, 4).every((entry) => entry.startsWith('start'))).toBe(true);
  });

  it('should release the others at the first event of a streamed first call', async () => {
    const warmup = new PrefixWarmup();
    const log: string[] = [];
    const [firstToken, sendFirstToken] = gate();
    const [rest, sendRest] = gate();
    async function* leader(): AsyncGenerator<StreamEvent> {
      log.push('leader sent');
      await firstToken;
      yield { type: 'text-delta', text: 'First' };
      await rest;
      yield finish;
    }
    async function* follower(): AsyncGenerator<StreamEvent> {
      log.push('follower sent');
      yield finish;
    }
    const first = warmup.stream('prefix', undefined, leader)[Symbol.asyncIterator]();
    const firstEvent = first.next();
    const second = collect(warmup.stream('prefix', undefined, follower));
    await new Promise((resolve) => setTimeout(resolve, 5));
    // The leader is sent and has no event yet: the follower waits.
    expect(log).toEqual(['leader sent']);
    sendFirstToken();
    expect((await firstEvent).value).toEqual({ type: 'text-delta', text: 'First' });
    await second;
    // Released at the leader's first event, before its answer ended.
    expect(log).toEqual(['leader sent', 'follower sent']);
    sendRest();
    await first.next();
  });

  it("should count the warm-up's wait against a call's total time limit, without a response cache", async () => {
    const base = new MockLanguageModel({
      replies: [{ text: 'slow', delayMs: 150 }, { text: 'quick' }],
    });
    const model = Object.assign(Object.create(base) as MockLanguageModel & LanguageModel, {
      promptCache: { maxBreakpoints: 4, minimumTokens: 1024, acceptsKey: false },
    });
    const client = createClient({
      providers: { mock: mockProvider(model) },
      model: 'mock:mock-model',
      cache: false,
      defaults: { system },
    });
    const leader = client.call('Where is the bus stop?');
    const follower = client.call('Where are the taxis?', { timeout: { totalMs: 50 } });
    await expect(follower).rejects.toSatisfy(TimeoutError.isInstance);
    expect((await leader).text).toBe('slow');
    expect(model.calls).toHaveLength(1);
  });

  it('should let the others go when the first call fails, and keep the prefix cold', async () => {
    const warmup = new PrefixWarmup();
    async function* down(): AsyncGenerator<StreamEvent> {
      yield* [];
      throw new Error('down');
    }
    const failing = warmup.generate(
      'prefix',
      undefined,
      () => Promise.reject(new Error('not sent plainly')),
      down,
      'mock',
    );
    const waiting = warmup.generate(
      'prefix',
      undefined,
      async () => ({ ...result, text: 'after' }),
      down,
      'mock',
    );
    await expect(failing).rejects.toThrow('down');
    expect((await waiting).text).toBe('after');
  });
});

// A promise, and the function that resolves it.
function gate(): [Promise<void>, () => void] {
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return [opened, open];
}

const result: ModelResult = {
  text: '',
  toolCalls: [],
  finishReason: 'stop',
  usage: { inputTokens: 1, outputTokens: 1, cachedInputTokens: 0 },
  model: 'mock-model',
  raw: undefined,
};

const finish: StreamEvent = {
  type: 'finish',
  finishReason: 'stop',
  usage: { inputTokens: 1, outputTokens: 1, cachedInputTokens: 0 },
  model: 'mock-model',
};

async function collect(events: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const all: StreamEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}
